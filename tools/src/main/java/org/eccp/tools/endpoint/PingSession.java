package org.eccp.tools.endpoint;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.Event;
import org.eccp.engine.FlowView;
import org.eccp.engine.LocalAddress;
import org.eccp.stack.EccpStack;
import org.eccp.stack.StackListener;
import org.eccp.stack.LoopTimers;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;

/**
 * The logic of eccp ping, run on the stack's loop thread: opens one connection, adds flows, sends
 * an echo request on every flow each interval and matches the replies. An echo is lost when no
 * reply came within the timeout, or when the flow could not send it (no local address).
 */
public final class PingSession implements StackListener {
  /**
   * The ping's settings.
   *
   * @param count echo rounds, 0 for no limit
   * @param timeoutNanos how long to wait for a reply before counting the echo lost
   */
  public record Options(String peerName, IpAddress peer, int count, long intervalNanos,
      int flows, long timeoutNanos) {}

  /** Counts of one flow. */
  static final class FlowStats {
    final int flowId;
    final String id;
    long sent;
    long received;
    long migrations;
    long nextSeq = 1;
    long lastResolvedSeq;
    boolean lastAnswered;

    FlowStats(int flowId) {
      this.flowId = flowId;
      this.id = Integer.toUnsignedString(flowId);
    }
  }

  private record Pending(FlowStats flow, long seq, long sentAt, String local, String remote,
      LoopTimers.Timer timer) {}

  private static final long CLOSE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final Options options;
  private final PingOutput out;
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
  private final Map<Integer, FlowStats> flows = new LinkedHashMap<>();
  private final Map<Long, Pending> pending = new HashMap<>();
  private final long startNanos = System.nanoTime();
  private EccpStack stack;
  private int connection;
  private int rounds;
  private boolean finished;

  public PingSession(Options options, PingOutput out) {
    this.options = options;
    this.out = out;
  }

  /** Completes with the exit status: 0 when the last echo on every flow was answered. */
  public CompletableFuture<Integer> exitCode() {
    return exitCode;
  }

  /** Opens the connection; runs on the loop thread. */
  public void begin(EccpStack s) {
    this.stack = s;
    IpAddress local = chooseLocal();
    if (local == null) {
      out.message("no local " + (options.peer().isV6() ? "IPv6" : "IPv4")
          + " address to reach " + options.peer() + " from");
      exitCode.complete(1);
      return;
    }
    connection = (int) s.handle(new Event.Connect(local, options.peer()));
    if (connection == 0) {
      out.message("the engine refused the connection from " + local + " (limit reached)");
      exitCode.complete(1);
    }
  }

  /**
   * Returns the kernel's source address for the peer when the engine has it, else the engine's
   * first address of the peer's family.
   */
  private IpAddress chooseLocal() {
    List<LocalAddress> known = stack.engine().localAddresses();
    try (DatagramSocket probe = new DatagramSocket()) {
      // A UDP connect only looks up the route; it sends nothing.
      probe.connect(new InetSocketAddress(options.peer().toInetAddress(), 7));
      IpAddress routed = IpAddress.of(probe.getLocalAddress().getAddress());
      if (known.stream().anyMatch(l -> l.address().equals(routed))) {
        return routed;
      }
    } catch (IOException | RuntimeException e) {
      // No route: fall back to the engine's own list below.
    }
    boolean v6 = options.peer().isV6();
    return known.stream().map(LocalAddress::address).filter(a -> a.isV6() == v6).findFirst()
        .orElse(null);
  }

  /** Stops early (on SIGINT): prints the summary and closes. Runs on the loop thread. */
  public void stop() {
    finish();
  }

  @Override
  public void onConnectionEvent(EccpStack s, ConnectionEvent event) {
    if (event.connectionId() != connection || finished) {
      return;
    }
    if (event instanceof ConnectionEvent.Established e) {
      FlowView f = s.engine().demux(e.localFlowId());
      flows.put(e.localFlowId(), new FlowStats(e.localFlowId()));
      out.start(options.peerName(), options.peer().toString(), text(f.localAddress()),
          connection, options.flows());
      addFlows();
      round();
    } else if (event instanceof ConnectionEvent.FlowAdded a) {
      flows.put(a.localFlowId(), new FlowStats(a.localFlowId()));
    } else if (event instanceof ConnectionEvent.FlowMigrated m) {
      FlowStats f = flows.get(m.localFlowId());
      if (f != null) {
        f.migrations++;
      }
      out.migration(elapsedMillis(), Integer.toUnsignedString(m.localFlowId()),
          text(m.oldLocal()), text(m.oldRemote()), text(m.newLocal()), text(m.newRemote()));
    } else if (event instanceof ConnectionEvent.FlowFailed f) {
      out.message("flow " + Integer.toUnsignedString(f.localFlowId()) + " failed: " + f.reason());
    } else if (event instanceof ConnectionEvent.Failed f) {
      out.message("connection failed: " + f.reason());
      finish();
    } else if (event instanceof ConnectionEvent.Closed) {
      out.message("connection closed by the peer");
      finish();
    }
  }

  @Override
  public void onAddressesChanged(EccpStack s) {
    if (finished) {
      return;
    }
    List<String> local = new ArrayList<>();
    for (LocalAddress l : s.engine().localAddresses()) {
      local.add(l.address().toString());
    }
    out.addresses(elapsedMillis(), local);
  }

  /**
   * Adds flows up to the requested number: new local addresses first, then the peer's others.
   * Each flow pairs addresses of one family; the peer's family comes first.
   */
  private void addFlows() {
    ConnectionView c = stack.engine().connection(connection);
    if (c == null) {
      return;
    }
    List<IpAddress> remotes = new ArrayList<>(List.of(options.peer()));
    InterfaceList peerList = c.peerInterfaceList();
    boolean v6 = options.peer().isV6();
    if (peerList != null) {
      for (boolean family : List.of(v6, !v6)) {
        peerList.entries().stream().map(InterfaceList.Entry::address)
            .filter(a -> a.isV6() == family && !remotes.contains(a)).forEach(remotes::add);
      }
    }
    List<IpAddress> locals = stack.engine().localAddresses().stream()
        .map(LocalAddress::address).toList();
    List<String> used = new ArrayList<>();
    for (FlowView f : c.flows()) {
      used.add(f.localAddress() + ">" + f.remoteAddress());
    }
    int missing = options.flows() - c.flows().size();
    for (IpAddress remote : remotes) {
      for (IpAddress local : locals) {
        if (missing > 0 && local.isV6() == remote.isV6() && !used.contains(local + ">" + remote)) {
          used.add(local + ">" + remote);
          if (stack.handle(new Event.AddFlow(connection, local, remote)) != 0) {
            missing--;
          }
        }
      }
    }
    if (missing > 0) {
      out.message("only " + (options.flows() - missing) + " flows possible: not enough distinct"
          + " local and peer addresses");
    }
  }

  private void round() {
    if (finished) {
      return;
    }
    for (FlowStats f : flows.values()) {
      sendEcho(f);
    }
    rounds++;
    if (options.count() == 0 || rounds < options.count()) {
      stack.schedule(options.intervalNanos(), this::round);
    } else {
      finishWhenDone();
    }
  }

  private void sendEcho(FlowStats f) {
    FlowView v = stack.engine().demux(f.flowId);
    long seq = f.nextSeq++;
    f.sent++;
    long sentAt = System.nanoTime();
    String local = v == null ? null : text(v.localAddress());
    String remote = v == null ? null : text(v.remoteAddress());
    byte[] body = ByteBuffer.allocate(16).putLong(seq).putLong(sentAt).array();
    if (v == null || stack.handle(new Event.SendEcho(f.flowId, body)) == 0) {
      String state = v == null ? "closed" : v.state().toString();
      resolve(f, seq, false);
      out.echo(elapsedMillis(), f.id, seq, local, remote, null, "not sent: flow is " + state);
      return;
    }
    long key = key(f.flowId, seq);
    pending.put(key, new Pending(f, seq, sentAt, local, remote,
        stack.schedule(options.timeoutNanos(), () -> expire(key))));
  }

  @Override
  public void onDelivery(EccpStack s, int connectionId, int localFlowId, int nextProtocol,
      byte[] payload) {
    if (nextProtocol != NextProtocol.ECHO || payload.length < 16) {
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(payload);
    long seq = b.getLong();
    Pending p = pending.remove(key(localFlowId, seq));
    if (p == null) {
      return;
    }
    s.cancel(p.timer());
    long now = System.nanoTime();
    double rtt = (now - p.sentAt()) / 1e6;
    p.flow().received++;
    resolve(p.flow(), seq, true);
    out.echo((p.sentAt() - startNanos) / 1_000_000, p.flow().id, seq, p.local(), p.remote(), rtt,
        null);
    finishWhenDone();
  }

  private void expire(long key) {
    Pending p = pending.remove(key);
    if (p == null) {
      return;
    }
    resolve(p.flow(), p.seq(), false);
    out.echo((p.sentAt() - startNanos) / 1_000_000, p.flow().id, p.seq(), p.local(), p.remote(),
        null, "no reply within " + TimeUnit.NANOSECONDS.toMillis(options.timeoutNanos()) + " ms");
    finishWhenDone();
  }

  private static void resolve(FlowStats f, long seq, boolean answered) {
    if (seq > f.lastResolvedSeq) {
      f.lastResolvedSeq = seq;
      f.lastAnswered = answered;
    }
  }

  private void finishWhenDone() {
    if (options.count() != 0 && rounds >= options.count() && pending.isEmpty()) {
      finish();
    }
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    List<FlowStats> all = new ArrayList<>(flows.values());
    boolean success = !all.isEmpty() && all.stream().allMatch(f -> f.lastAnswered);
    out.summary(options.peerName(), all, success);
    if (connection != 0 && stack.engine().connection(connection) != null) {
      stack.handle(new Event.Close(connection));
    }
    // Give the FIN exchange a moment, so the peer removes the connection at once.
    stack.schedule(CLOSE_WAIT_NANOS, () -> exitCode.complete(success ? 0 : 1));
  }

  /** Returns the address as text, or null when the flow has none. */
  private static String text(IpAddress a) {
    return a == null ? null : a.toString();
  }

  private long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static long key(int flowId, long seq) {
    return (Integer.toUnsignedLong(flowId) << 32) | (seq & 0xffffffffL);
  }
}
