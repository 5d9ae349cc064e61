package org.eccp.tunnel;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.Event;
import org.eccp.engine.FlowState;
import org.eccp.engine.FlowView;
import org.eccp.engine.LocalAddress;
import org.eccp.engine.PreferencePolicy;
import org.eccp.nativ.Syscalls;
import org.eccp.stack.EccpStack;
import org.eccp.stack.StackListener;
import org.eccp.tun.TunDevice;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of the roaming tunnel: a TUN device with a fixed inner address whose packets ride as
 * ECCP DATA packets (next protocol {@link NextProtocol#TUNNELLED_IP}) over one ECCP connection.
 * The client end opens the connection and opens it again when it fails; the server end listens
 * and carries the newest established connection. Addresses come and go through the stack's
 * netlink monitor, and the engine migrates the flows. This class keeps the data path's copy of
 * the flows current and, with striping, adds a flow for each local address.
 */
public final class Tunnel implements StackListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tunnel.class);
  /** How often the data path's copy of the flows is checked against the engine. */
  private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  /**
   * After a local move the held packets are tried again this often, up to
   * {@link #HELD_RETRIES} times: the new address's route often appears a few milliseconds after
   * the address, and no other event wakes the data path at that moment.
   */
  private static final long HELD_RETRY_NANOS = 5_000_000L;
  private static final int HELD_RETRIES = 30;
  private static final long RECONNECT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  /** How often each flow's round-trip time is measured with an ECCP echo. */
  private static final long ECHO_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Echoes on a flow unanswered for longer than this log one warning. */
  private static final long UNANSWERED_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** How long a stopping end waits for its connection's close to finish. */
  private static final long CLOSE_WAIT_MILLIS = 1000;

  private final TunnelConfig config;
  private final TunDevice tun;
  private final TunnelCounters counters = new TunnelCounters();
  private final DataPath dataPath;
  private final PathMtus pathMtus;
  /** Chooses local addresses by --prefer; treats every interface alike without it. */
  private PreferencePolicy policy = new PreferencePolicy();
  private final Thread outbound;
  private IcmpListener icmp;
  private final Map<Integer, FlowStats> flowStats = new ConcurrentHashMap<>();
  private EccpStack stack;
  private int connection;
  private boolean connecting;
  private volatile boolean stopping;

  private Tunnel(TunnelConfig config, TunDevice tun) {
    this.config = config;
    this.tun = tun;
    this.pathMtus = new PathMtus(config.overhead(), config.innerMtu(), counters, KernelMtu::of);
    this.dataPath = new DataPath(tun, counters, config.stripe(),
        !config.stripe() && !hasPreference(), config.innerMtu(), pathMtus, config.overhead());
    this.outbound = new Thread(dataPath, "eccp-tunnel-out");
    outbound.setDaemon(true);
  }

  /**
   * Creates the TUN device and starts the stack in the calling thread's network namespace.
   */
  public static Tunnel start(TunnelConfig config) throws IOException {
    TunDevice tun = TunDevice.create(config.device(), 1);
    Tunnel t = new Tunnel(config, tun);
    try {
      tun.configure(config.innerMtu(), List.of(config.inner()));
      t.policy = policyOf(config.prefer());
      // NOTE: the outer packets stay IPv4: the MTU and MSS figures assume a 20-byte outer header.
      t.stack = EccpStack.start(config.stack().withAddresses(config.stack().addresses()
          .excluding(List.of(config.innerAddress())).withIpv4Only()), t, t.dataPath, t.policy);
      t.dataPath.attach(t.stack);
      t.startIcmp();
      t.outbound.start();
      t.stack.execute(t::begin);
    } catch (IOException | RuntimeException e) {
      t.close();
      throw e;
    }
    LOG.info("tunnel {} up: inner {}, MTU {}, {}", config.device(), config.inner(),
        config.innerMtu(), config.client() ? "peer " + config.peer() : "listening");
    return t;
  }

  /**
   * Returns the policy that ranks the named interfaces first, in order; the names are looked
   * up in the calling thread's network namespace.
   */
  private static PreferencePolicy policyOf(List<String> names) throws IOException {
    List<Integer> indexes = new ArrayList<>();
    for (String name : names) {
      indexes.add(Syscalls.ifNameToIndex(name));
    }
    return PreferencePolicy.ranked(indexes);
  }

  private boolean hasPreference() {
    return !config.prefer().isEmpty();
  }

  /** Opens the ICMP socket and its thread; without it only EMSGSIZE lowers path MTUs. */
  private void startIcmp() {
    var e = config.stack().encapsulation();
    try {
      icmp = IcmpListener.open(tun, pathMtus, counters, e.udp() ? 17 : e.ipProtocol(),
          e.udp() ? e.udpPort() : 0);
    } catch (IOException ex) {
      LOG.warn("no ICMP socket ({}): path MTUs will drop only on EMSGSIZE, not on ICMP "
          + "fragmentation needed from routers", ex.getMessage());
      return;
    }
    Thread t = new Thread(icmp, "eccp-tunnel-icmp");
    t.setDaemon(true);
    t.start();
  }

  public TunnelCounters counters() {
    return counters;
  }

  public EccpStack stack() {
    return stack;
  }

  public TunDevice device() {
    return tun;
  }

  public TunnelConfig config() {
    return config;
  }

  /** Returns the data path's counts of a flow, or null for a flow it never saw. */
  public FlowStats flowStats(int localFlowId) {
    return flowStats.get(localFlowId);
  }

  /** Returns the path MTU of a flow, or null for a flow the data path does not know. */
  public PathMtu pathMtu(int localFlowId) {
    return dataPath.routes().find(localFlowId) == null ? null : pathMtus.of(localFlowId);
  }

  /** Returns the id of the connection that carries the tunnel, 0 when there is none. */
  public int connectionId() {
    return connection;
  }

  /** Returns the flows the data path sends on, as text for logs and status output. */
  public String describeRoutes() {
    return dataPath.routes().toString();
  }

  // ---- loop thread

  private void begin() {
    refreshEvery();
    echoEvery();
    if (config.client()) {
      stack.schedule(0, this::connect);
    }
  }

  private void refreshEvery() {
    refresh();
    stack.schedule(REFRESH_NANOS, this::refreshEvery);
  }

  /** Sends an echo carrying the send time on every flow that can send. */
  private void echoEvery() {
    long now = System.nanoTime();
    for (Routes.Route r : dataPath.routes().sendable) {
      warnIfUnanswered(r, now);
      byte[] sentAt = new byte[8];
      java.nio.ByteBuffer.wrap(sentAt).putLong(now);
      stack.handle(new Event.SendEcho(r.localFlowId(), sentAt));
    }
    stack.schedule(ECHO_NANOS, this::echoEvery);
  }

  /** Logs one WARN when a flow's echoes have gone unanswered for {@link #UNANSWERED_NANOS}. */
  private void warnIfUnanswered(Routes.Route r, long now) {
    FlowStats st = flowStats.computeIfAbsent(r.localFlowId(), k -> new FlowStats());
    if (st.lastReplyNanos < 0) {
      st.lastReplyNanos = now;
    } else if (!st.warnedUnanswered && now - st.lastReplyNanos > UNANSWERED_NANOS) {
      st.warnedUnanswered = true;
      LOG.warn("flow {} to {}: no echo reply for {} s; the peer may have stopped",
          Integer.toUnsignedLong(r.localFlowId()), r.remote(),
          (now - st.lastReplyNanos) / 1_000_000_000L);
    }
  }

  private void connect() {
    if (connection != 0 || connecting) {
      return;
    }
    IpAddress local = chooseLocal();
    if (local == null) {
      stack.schedule(RECONNECT_NANOS, this::connect);
      return;
    }
    int id = (int) stack.handle(new Event.Connect(local, config.peer()));
    if (id == 0) {
      LOG.info("the engine refused a connection from {} to {}; trying again", local,
          config.peer());
      stack.schedule(RECONNECT_NANOS, this::connect);
      return;
    }
    connection = id;
    connecting = true;
    LOG.info("connecting from {} to {} (connection {})", local, config.peer(), id);
  }

  /**
   * Returns the most preferred local address with --prefer; otherwise the kernel's source
   * address for the peer when the engine lists it, else the first.
   */
  private IpAddress chooseLocal() {
    List<LocalAddress> known = stack.engine().localAddresses();
    List<LocalAddress> v4 = known.stream().filter(l -> !l.address().isV6()).toList();
    if (hasPreference() && !v4.isEmpty()) {
      return policy.choose(v4, config.peer(), null).address();
    }
    try (DatagramSocket probe = new DatagramSocket()) {
      // A UDP connect only looks the route up; nothing is sent.
      probe.connect(new InetSocketAddress(config.peer().toInetAddress(), 9));
      IpAddress routed = IpAddress.of(probe.getLocalAddress().getAddress());
      if (known.stream().anyMatch(l -> l.address().equals(routed))) {
        return routed;
      }
    } catch (IOException | RuntimeException e) {
      // No route to the peer now: fall back to the engine's list.
    }
    return known.stream().map(LocalAddress::address).filter(a -> !a.isV6()).findFirst()
        .orElse(null);
  }

  @Override
  public void onConnectionEvent(EccpStack s, ConnectionEvent event) {
    boolean peerMoved = false;
    if (event instanceof ConnectionEvent.Established e) {
      connecting = false;
      if (!config.client() && connection != e.connectionId()) {
        LOG.info("tunnel now carried by connection {}", e.connectionId());
      }
      connection = e.connectionId();
    } else if (event instanceof ConnectionEvent.FlowMigrated m && m.connectionId() == connection
        && m.oldRemote() != null && !m.oldRemote().equals(m.newRemote())) {
      peerMoved = true;
    } else if (event instanceof ConnectionEvent.FlowMigrated m && m.connectionId() == connection
        && m.newLocal() != null && !m.newLocal().equals(m.oldLocal())) {
      stack.schedule(HELD_RETRY_NANOS, () -> retryHeld(HELD_RETRIES));
    } else if (event instanceof ConnectionEvent.Failed f && f.connectionId() == connection) {
      lost();
    } else if (event instanceof ConnectionEvent.Closed c && c.connectionId() == connection) {
      lost();
    }
    addStripeFlows();
    refresh();
    if (peerMoved) {
      // Only now: the resend reads the routes, which must already name the peer's new address.
      dataPath.peerMoved();
    }
  }

  private void retryHeld(int left) {
    if (left > 1 && dataPath.retryHeld()) {
      stack.schedule(HELD_RETRY_NANOS, () -> retryHeld(left - 1));
    }
  }

  private void lost() {
    connection = 0;
    connecting = false;
    if (config.client() && !stopping) {
      LOG.info("tunnel connection lost; connecting again");
      stack.schedule(RECONNECT_NANOS, this::connect);
    }
  }

  @Override
  public void onAddressesChanged(EccpStack s) {
    addStripeFlows();
    refresh();
  }

  @Override
  public void onDelivery(EccpStack s, int connectionId, int localFlowId, int nextProtocol,
      byte[] payload) {
    if (nextProtocol == NextProtocol.TUNNELLED_IP && connectionId == connection) {
      dataPath.writeFromEngine(localFlowId, payload);
    } else if (nextProtocol == NextProtocol.ECHO && payload.length == 8) {
      long sentAt = java.nio.ByteBuffer.wrap(payload).getLong();
      long now = System.nanoTime();
      FlowStats st = flowStats.computeIfAbsent(localFlowId, k -> new FlowStats());
      st.rttMicros = (now - sentAt) / 1000;
      st.lastReplyNanos = now;
      if (st.warnedUnanswered) {
        st.warnedUnanswered = false;
        LOG.info("flow {}: echo replies again", Integer.toUnsignedLong(localFlowId));
      }
    }
  }

  /**
   * With striping or a preference, the client adds a flow from every local address that has
   * none: striping sends on all of them, failover keeps them ready and sends on the most
   * preferred.
   */
  private void addStripeFlows() {
    if (!(config.stripe() || hasPreference()) || !config.client() || connection == 0
        || connecting) {
      return;
    }
    ConnectionView c = stack.engine().connection(connection);
    if (c == null || c.flows().isEmpty()) {
      return;
    }
    Set<IpAddress> used = new HashSet<>();
    IpAddress remote = null;
    for (FlowView f : c.flows()) {
      used.add(f.localAddress());
      remote = remote == null ? f.remoteAddress() : remote;
    }
    for (LocalAddress l : stack.engine().localAddresses()) {
      if (remote != null && !l.address().isV6() && !used.contains(l.address())) {
        long id = stack.handle(new Event.AddFlow(connection, l.address(), remote));
        LOG.info("{}: flow {} from {} to {}", config.stripe() ? "striping" : "standby",
            id == 0 ? "refused" : Long.toString(id), l.address(), remote);
      }
    }
  }

  /** Returns the preference of each local address (lower first), by its interface. */
  private ToIntFunction<IpAddress> rankOfLocal() {
    Map<IpAddress, Integer> ranks = new HashMap<>();
    for (LocalAddress l : stack.engine().localAddresses()) {
      ranks.put(l.address(), policy.preference(l));
    }
    return a -> ranks.getOrDefault(a, Integer.MAX_VALUE);
  }

  private void refresh() {
    Routes next = Routes.of(connection == 0 ? null : stack.engine().connection(connection),
        id -> flowStats.computeIfAbsent(id, k -> new FlowStats()), pathMtus::of, rankOfLocal());
    Routes old = dataPath.routes();
    pathMtus.follow(next);
    if (!next.sameAs(old)) {
      dataPath.publish(next);
      if (!next.toString().equals(old.toString())) {
        LOG.info("tunnel {} sends on: {}", config.device(), next);
      }
    }
  }

  /**
   * Closes the tunnel's connection with a FIN exchange, so that the peer learns that this end
   * stopped, and waits at most {@link #CLOSE_WAIT_MILLIS} until the peer has acknowledged it
   * (every flow in TIME_WAIT or closed).
   */
  private void closeConnection() {
    stopping = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
    try {
      int id = stack.call(s -> {
        if (connection != 0) {
          LOG.info("stopping: closing connection {}", connection);
          s.handle(new Event.Close(connection));
        }
        return connection;
      }, CLOSE_WAIT_MILLIS);
      while (id != 0 && System.nanoTime() < deadline) {
        if (stack.call(s -> closeDone(s, id), CLOSE_WAIT_MILLIS)) {
          LOG.info("connection {} closed", id);
          return;
        }
        Thread.sleep(10);
      }
      if (id != 0) {
        LOG.info("the peer did not acknowledge the close within {} ms", CLOSE_WAIT_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.TimeoutException | IllegalStateException e) {
      LOG.debug("no close sent: {}", e.toString());
    }
  }

  private static boolean closeDone(EccpStack s, int id) {
    ConnectionView c = s.engine().connection(id);
    return c == null || c.flows().stream().allMatch(f -> f.state() == FlowState.TIME_WAIT
        || f.state() == FlowState.CLOSED);
  }

  /** Stops the data path and the stack and removes the TUN device. */
  @Override
  public void close() {
    dataPath.stop();
    if (icmp != null) {
      icmp.close();
    }
    if (outbound.isAlive()) {
      try {
        outbound.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (stack != null) {
      closeConnection();
      stack.close();
    }
    tun.close();
    dataPath.release();
    LOG.info("tunnel {} down: {}", config.device(), counters);
  }
}
