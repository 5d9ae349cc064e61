package org.eccp.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.PacketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ECCP engine of one host: a pure state machine. It reads no clock, draws randomness only
 * from the {@link EntropySource} it is given, runs no threads and does no I/O; every effect goes
 * out through the {@link ActionSink} passed to {@link #handle}.
 *
 * <p>Timers: each flow has at most one. {@link #nextDeadline()} returns when the earliest is due, and
 * the runtime then calls {@code handle(now, new Event.Tick(), out)}. An explorer may instead fire
 * any armed timer at any moment with {@link Event.TimerFired}.
 *
 * <p>The state can be copied ({@link #copy()}) and hashed ({@link #stateHash()}) for simulators
 * and model checkers. Not thread-safe: one thread drives one engine.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final TransitionTable TABLE = TransitionTable.get();
  private static final long HALF_OPEN_LOG_NANOS = 1_000_000_000L;

  private final EngineConfig config;
  private final InterfacePolicy policy;
  private final EntropySource entropy;
  private final Counters counters;
  private final IntTable<Flow> flows;
  private final TreeMap<Integer, Connection> connections = new TreeMap<>();
  /** Responder flows by the peer's nonce, to recognise a repeated SYN. */
  private final Map<Long, Integer> byPeerNonce = new HashMap<>();
  private final List<LocalAddress> localAddresses = new ArrayList<>();
  private InterfaceList localList;
  private boolean listening;
  private int nextConnectionId = 1;
  private int halfOpen;
  private final LogThrottle halfOpenLog = new LogThrottle(HALF_OPEN_LOG_NANOS);
  private final RstLimiter rstLimiter;
  private final TimerQueue timers;
  /** Connections whose new IList already went out in an RSYN during the current event. */
  private final Set<Integer> announced = new HashSet<>();

  public Engine(EngineConfig config, EntropySource entropy, InterfacePolicy policy) {
    this(config, entropy, policy, new Counters(), new IntTable<>(config.initialFlowCapacity()),
        new RstLimiter(config), new TimerQueue());
  }

  private Engine(EngineConfig config, EntropySource entropy, InterfacePolicy policy,
      Counters counters, IntTable<Flow> flows, RstLimiter rstLimiter, TimerQueue timers) {
    this.config = config;
    this.entropy = entropy;
    this.policy = policy;
    this.counters = counters;
    this.flows = flows;
    this.rstLimiter = rstLimiter;
    this.timers = timers;
  }

  /**
   * Handles one event at time {@code nowNanos} (any monotonic clock; only differences matter).
   * Returns the new connection's id for {@link Event.Connect}, the new flow's flowID (unsigned)
   * for {@link Event.AddFlow}, 1 for a sent {@link Event.SendData} or {@link Event.SendEcho},
   * otherwise 0. Bad input is counted and dropped, not thrown.
   */
  public long handle(long nowNanos, Event event, ActionSink out) {
    Step s = new Step(this, nowNanos, event, out);
    announced.clear();
    if (event instanceof Event.PacketIn p) {
      PacketPath.receive(this, s, p);
    } else if (event instanceof Event.Listen) {
      dispatch(s, Trigger.LISTEN, null, listening ? FlowState.LISTEN : FlowState.CLOSED);
    } else if (event instanceof Event.Connect c) {
      connect(s, c);
    } else if (event instanceof Event.AddFlow a) {
      addFlow(s, a);
    } else if (event instanceof Event.Close c) {
      close(nowNanos, c.connectionId(), out);
    } else if (!wellFormed(event)) {
      counters.add(Counter.MALFORMED);
    } else if (event instanceof Event.AddressAdded a) {
      AddressEvents.added(this, nowNanos, new LocalAddress(a.ifIndex(), a.address()), out);
    } else if (event instanceof Event.AddressRemoved r) {
      AddressEvents.removed(this, nowNanos, List.of(new LocalAddress(r.ifIndex(), r.address())),
          out);
    } else if (event instanceof Event.InterfaceDown d) {
      AddressEvents.removed(this, nowNanos,
          localAddresses.stream().filter(l -> l.ifIndex() == d.ifIndex()).toList(), out);
    } else if (event instanceof Event.Tick) {
      fireDue(nowNanos, out);
    } else if (event instanceof Event.TimerFired t) {
      Flow f = flows.get(t.localFlowId());
      if (f != null && f.timerKind != FlowState.TimerKind.NONE) {
        fire(new Step(this, nowNanos, event, out), f);
      }
    } else if (event instanceof Event.SendEcho e) {
      s.result = PacketPath.sendEcho(this, s, e) ? 1 : 0;
    } else if (event instanceof Event.SendData d) {
      s.result = PacketPath.sendData(this, s, d.localFlowId(), d.nextProtocol(), d.payload())
          ? 1 : 0;
    }
    return s.result;
  }

  /** Returns false for a local event with a missing address, which the engine ignores. */
  private static boolean wellFormed(Event event) {
    if (event instanceof Event.AddressAdded a) {
      return a.address() != null;
    }
    if (event instanceof Event.AddressRemoved r) {
      return r.address() != null;
    }
    return true;
  }

  private void connect(Step s, Event.Connect c) {
    if (c.local() == null || c.remote() == null || !isLocal(c.local())
        || c.local().isV6() != c.remote().isV6()) {
      counters.add(Counter.NO_SUCH_LOCAL_ADDRESS);
      return;
    }
    dispatch(s, Trigger.CONNECT, null, FlowState.CLOSED);
  }

  private void addFlow(Step s, Event.AddFlow a) {
    Connection c = connections.get(a.connectionId());
    Flow joined = c == null ? null : c.flowIds.stream().map(flows::get)
        .filter(f -> f.state.isSynchronized() && f.remoteFlowId != 0).findFirst().orElse(null);
    if (joined == null || a.local() == null || a.remote() == null || !isLocal(a.local())) {
      counters.add(Counter.NO_SUCH_LOCAL_ADDRESS);
      return;
    }
    s.conn = c;
    s.joined = joined;
    dispatch(s, Trigger.ADD_FLOW, null, FlowState.CLOSED);
  }

  void close(long now, int connectionId, ActionSink out) {
    Connection c = connections.get(connectionId);
    if (c == null) {
      return;
    }
    c.closing = true;
    for (int id : new ArrayList<>(c.flowIds)) {
      Flow f = flows.get(id);
      if (f != null) {
        dispatch(new Step(this, now, new Event.Close(connectionId), out), Trigger.CLOSE, f, null);
      }
    }
  }

  /** Runs the row of the table that fires for {@code trigger} on flow {@code f} (or the host). */
  void dispatch(Step s, Trigger trigger, Flow f, FlowState hostState) {
    s.reset(trigger, f);
    FlowState state = f != null ? f.state : hostState;
    Transition row = TABLE.find(state, s);
    if (row == null) {
      if (s.packet != null) {
        counters.add(Counter.NO_TRANSITION);
        LOG.debug("dropped {} in {}: no transition", s.packet.type(), state);
      }
      return;
    }
    LOG.trace("{} on {} ({}): {}", trigger.label(), state, row.condition().label(), row.action());
    row.handler().run(s);
    if (s.flow != null) {
      moveTo(s, s.flow, row.next());
    } else if (row.next() == FlowState.LISTEN) {
      listening = true;
    }
  }

  /** Moves a flow to {@code next}: the one place where flow states change. */
  void moveTo(Step s, Flow f, FlowState next) {
    FlowState old = f.state;
    if (old == next) {
      return;
    }
    f.state = next;
    counters.enter(next);
    halfOpen += (next.isHalfOpen() ? 1 : 0) - (old.isHalfOpen() ? 1 : 0);
    LOG.debug("flow {} {} -> {}", Integer.toUnsignedString(f.localFlowId), old, next);
    if (next.waitsForAddress()) {
      f.localAddress = null;
    }
    armTimer(f, next, s.now);
    Connection c = connectionOf(f);
    if (next.isSynchronized() && !f.everSynchronized) {
      f.everSynchronized = true;
      announceFlow(s, c, f);
    }
    if (next == FlowState.CLOSED) {
      removeFlow(f, c);
    }
    updateConnection(s, c);
  }

  private void announceFlow(Step s, Connection c, Flow f) {
    if (!c.established) {
      c.established = true;
      LOG.info("connection {} established: {} -> {}", c.id, f.localAddress, f.remoteAddress);
      s.out.notify(new ConnectionEvent.Established(c.id, f.localFlowId));
    } else {
      LOG.info("connection {} added flow {}: {} -> {}", c.id,
          Integer.toUnsignedString(f.localFlowId), f.localAddress, f.remoteAddress);
      s.out.notify(new ConnectionEvent.FlowAdded(c.id, f.localFlowId));
    }
  }

  private void removeFlow(Flow f, Connection c) {
    flows.remove(f.localFlowId);
    c.flowIds.remove(Integer.valueOf(f.localFlowId));
    Integer indexed = byPeerNonce.get(f.remoteNonce);
    if (indexed != null && indexed == f.localFlowId) {
      byPeerNonce.remove(f.remoteNonce);
    }
  }

  /** Derives the connection's state from its flows, and removes and reports it when none is left. */
  private void updateConnection(Step s, Connection c) {
    if (!c.flowIds.isEmpty()) {
      c.state = c.closing ? ConnectionState.CLOSING
          : c.established ? ConnectionState.ESTABLISHED : ConnectionState.OPENING;
      return;
    }
    c.state = ConnectionState.CLOSED;
    connections.remove(c.id);
    if (!c.userKnows()) {
      return;
    }
    if (c.closing || c.lastFailure == null) {
      LOG.info("connection {} closed", c.id);
      s.out.notify(new ConnectionEvent.Closed(c.id));
    } else {
      LOG.info("connection {} failed: {}", c.id, c.lastFailure);
      s.out.notify(new ConnectionEvent.Failed(c.id, c.lastFailure));
    }
  }

  void fail(Step s, Flow f, FailureReason reason) {
    Connection c = connectionOf(f);
    counters.add(Counter.FLOW_FAILURES);
    c.lastFailure = reason;
    if (c.userKnows()) {
      LOG.info("connection {} flow {} failed in {}: {}", c.id,
          Integer.toUnsignedString(f.localFlowId), f.state, reason);
      s.out.notify(new ConnectionEvent.FlowFailed(c.id, f.localFlowId, reason));
    } else {
      halfOpenFailed(s.now, c, f, reason);
    }
  }

  /**
   * Logs a failed half-open connection (a SYN that was never completed) at DEBUG, and at INFO one
   * line a second at most with the count since the last one, so a SYN flood cannot flood the log.
   */
  private void halfOpenFailed(long now, Connection c, Flow f, FailureReason reason) {
    LOG.debug("half-open connection {} flow {} failed in {}: {}", c.id,
        Integer.toUnsignedString(f.localFlowId), f.state, reason);
    long count = halfOpenLog.record(now);
    if (count > 0) {
      LOG.info("{} half-open connection(s) failed (last: flow {} in {}: {})", count,
          Integer.toUnsignedString(f.localFlowId), f.state, reason);
    }
  }

  void markClosing(Connection c) {
    c.closing = true;
  }

  /** Closes the synchronized flows of connections that started closing during this event. */
  void closeRemaining(long now, Connection c, ActionSink out) {
    if (c == null || !c.closing || !connections.containsKey(c.id)) {
      return;
    }
    for (int id : new ArrayList<>(c.flowIds)) {
      Flow f = flows.get(id);
      if (f != null && f.state.isSynchronized()) {
        dispatch(new Step(this, now, new Event.Close(c.id), out), Trigger.CLOSE, f, null);
      }
    }
  }

  // ---- timers

  /** Arms the timer that {@code state} runs, or disarms it. */
  void armTimer(Flow f, FlowState state, long now) {
    f.timerKind = state.timer();
    f.retries = 0;
    f.deadline = switch (state.timer()) {
      case NONE -> 0;
      case RETRANSMIT -> now + config.retransmitInterval(0);
      case PATIENCE -> now + config.noAddressPatienceNanos();
      case GUARD -> now + config.timeWaitNanos();
    };
    if (f.timerKind != FlowState.TimerKind.NONE) {
      timers.add(f.deadline, f.localFlowId);
    }
  }

  /** Returns the earliest timer deadline, or {@link Long#MAX_VALUE} when no timer is armed. */
  public long nextDeadline() {
    return timers.earliest(flows);
  }

  /** Fires the due timers in deadline order; a timer re-armed for now or earlier fires too. */
  private void fireDue(long now, ActionSink out) {
    for (int id = timers.pollDue(now, flows); id != 0; id = timers.pollDue(now, flows)) {
      fire(new Step(this, now, new Event.Tick(), out), flows.get(id));
    }
  }

  /** Fires the flow's timer: the table's timeout row, then the backoff for a retransmission. */
  private void fire(Step s, Flow f) {
    FlowState before = f.state;
    FlowState.TimerKind kind = f.timerKind;
    Connection c = connectionOf(f);
    dispatch(s, Trigger.TIMEOUT, f, null);
    if (flows.get(f.localFlowId) != f || f.state != before) {
      closeRemaining(s.now, c, s.out);
      return;
    }
    if (kind == FlowState.TimerKind.RETRANSMIT) {
      f.retries++;
      f.deadline = s.now + config.retransmitInterval(f.retries);
      timers.add(f.deadline, f.localFlowId);
    } else {
      f.timerKind = FlowState.TimerKind.NONE;
    }
  }

  // ---- helpers for the rules

  EngineConfig config() {
    return config;
  }

  EntropySource entropy() {
    return entropy;
  }

  Connection connectionOf(Flow f) {
    return connections.get(f.connectionId);
  }

  Connection newConnection(boolean initiator, int initialVersion) {
    Connection c = new Connection(nextConnectionId++, initiator);
    c.localVersion = initialVersion;
    connections.put(c.id, c);
    return c;
  }

  /**
   * Creates a flow with a fresh flowID (random, never 0, unique on this host, carrying the
   * instance tag when there is one) and nonce (never 0).
   */
  Flow newFlow(Connection c, IpAddress local, IpAddress remote) {
    int id = config.tagFlowId(entropy.nextInt());
    while (id == 0 || flows.contains(id)) {
      counters.add(Counter.FLOWID_REDRAWS);
      id = config.tagFlowId(entropy.nextInt());
    }
    long nonce = entropy.nextLong();
    while (nonce == 0) {
      nonce = entropy.nextLong();
    }
    Flow f = new Flow(c.id, id, nonce);
    f.localAddress = local;
    f.remoteAddress = remote;
    f.homeV6 = remote != null ? remote.isV6() : local != null && local.isV6();
    flows.put(id, f);
    c.flowIds.add(id);
    return f;
  }

  void indexPeerNonce(Flow f) {
    byPeerNonce.put(f.remoteNonce, f.localFlowId);
  }

  /** Returns the responder flow that a repeated SYN belongs to, or null. */
  Flow flowForRepeatedSyn(EccpPacket syn, IpAddress src) {
    Integer id = byPeerNonce.get(syn.senderNonce());
    Flow f = id == null ? null : flows.get(id);
    return f != null && f.remoteFlowId == syn.senderFlowId() ? f : null;
  }

  /** Returns the counter of the limit that rejects the step, or null when there is room. */
  Counter limitHit(Step s) {
    boolean newConnection = s.trigger == Trigger.CONNECT || s.trigger == Trigger.SYN;
    if (newConnection && connections.size() >= config.maxConnections()) {
      return Counter.LIMIT_CONNECTIONS;
    }
    if (!newConnection && s.conn != null
        && s.conn.flowIds.size() >= config.maxFlowsPerConnection()) {
      return Counter.LIMIT_FLOWS_PER_CONNECTION;
    }
    boolean responder = s.trigger == Trigger.SYN || s.trigger == Trigger.JOIN_SYN;
    if (responder && halfOpen >= config.maxHalfOpen()) {
      return Counter.LIMIT_HALF_OPEN;
    }
    return null;
  }

  boolean isLocal(IpAddress a) {
    for (LocalAddress l : localAddresses) {
      if (l.address().equals(a)) {
        return true;
      }
    }
    return false;
  }

  List<LocalAddress> localAddressList() {
    return localAddresses;
  }

  void localAddressesChanged() {
    localAddresses.sort(Comparator.comparingInt(LocalAddress::ifIndex)
        .thenComparing(LocalAddress::address));
    localList = null;
  }

  Set<Integer> announcedConnections() {
    return announced;
  }

  /**
   * Returns the local address the policy chooses for a flow to {@code remote} among those of the
   * same family other than {@code exclude}, or null when there is none.
   */
  LocalAddress chooseAddress(IpAddress remote, IpAddress exclude, IpAddress hint) {
    List<LocalAddress> candidates = new ArrayList<>();
    for (LocalAddress l : localAddresses) {
      if ((remote == null || l.address().isV6() == remote.isV6())
          && !l.address().equals(exclude)) {
        candidates.add(l);
      }
    }
    return candidates.isEmpty() ? null : policy.choose(candidates, remote, hint);
  }

  /** This host's IList: every local address with the policy's preference, best first. */
  InterfaceList localList() {
    if (localList == null) {
      localList = InterfaceLists.build(localAddresses, policy);
    }
    return localList;
  }

  void send(Step s, Flow f, EccpPacket header, byte[] payload) {
    if (f.localAddress == null || f.remoteAddress == null) {
      return;
    }
    counters.add(Counter.PACKETS_OUT);
    s.out.send(f.localAddress, f.remoteAddress, header, payload);
  }

  /** Sends an RST in reply to a packet for an unknown flow, within the rate limit. */
  void sendRstFor(Step s, EccpPacket in) {
    if (in.type() == PacketType.RST || in.type() == PacketType.NACK || in.senderFlowId() == 0) {
      return;
    }
    if (!rstLimiter.take(s.now)) {
      counters.add(Counter.RST_RATE_LIMITED);
      return;
    }
    counters.add(Counter.RST_SENT);
    counters.add(Counter.PACKETS_OUT);
    s.out.send(s.dst, s.src, Packets.rstFor(in), null);
  }

  void logMigration(Flow f, String mover, int version) {
    LOG.info("connection {} flow {} migrated ({} move, version {}): {} -> {}", f.connectionId,
        Integer.toUnsignedString(f.localFlowId), mover, Integer.toUnsignedString(version),
        f.localAddress, f.remoteAddress);
  }

  IntTable<Flow> flowTable() {
    return flows;
  }

  boolean listening() {
    return listening;
  }

  // ---- views, copy, hash

  /**
   * Returns the flow with this local flowID, or null: the data fast path. Allocates nothing; check the
   * packet's nonce with {@link FlowView#nonceMatches} before trusting it.
   */
  public FlowView demux(int localFlowId) {
    return flows.get(localFlowId);
  }

  public Counters counters() {
    return counters;
  }

  public boolean isListening() {
    return listening;
  }

  /** Returns the local addresses of the engine, by interface then address. */
  public List<LocalAddress> localAddresses() {
    return List.copyOf(localAddresses);
  }

  /** Returns the connections, by id. */
  public Collection<ConnectionView> connections() {
    return connections.values().stream().map(c -> (ConnectionView) new ConnView(this, c))
        .toList();
  }

  /** Returns the connection with this id, or null. */
  public ConnectionView connection(int id) {
    Connection c = connections.get(id);
    return c == null ? null : new ConnView(this, c);
  }

  /** Returns every flow, by connection then age. */
  public List<FlowView> flows() {
    List<FlowView> all = new ArrayList<>();
    for (Connection c : connections.values()) {
      for (int id : c.flowIds) {
        all.add(flows.get(id));
      }
    }
    return all;
  }

  /** Returns a deep copy. The two engines share nothing mutable (policy and config are immutable). */
  public Engine copy() {
    IntTable<Flow> table = new IntTable<>(Math.max(flows.size(), 16));
    Engine e = new Engine(config, entropy.copy(), policy, counters.copy(), table,
        rstLimiter.copy(), timers.copy());
    for (Connection c : connections.values()) {
      e.connections.put(c.id, c.copy());
      for (int id : c.flowIds) {
        table.put(id, flows.get(id).copy());
      }
    }
    e.byPeerNonce.putAll(byPeerNonce);
    e.localAddresses.addAll(localAddresses);
    e.localList = localList;
    e.listening = listening;
    e.nextConnectionId = nextConnectionId;
    e.halfOpen = halfOpen;
    return e;
  }

  /**
   * Returns a 64-bit hash of the protocol state: listening, local addresses, connections and flows.
   * Counters, absolute timer deadlines, the RST budget and the entropy source are left out, so
   * that states that differ only in those hash alike.
   */
  public long stateHash() {
    long h = StateHash.mix(17, listening ? 1 : 0);
    for (LocalAddress l : localAddresses) {
      h = StateHash.mix(StateHash.mix(h, l.ifIndex()), StateHash.of(l.address()));
    }
    for (Connection c : connections.values()) {
      h = c.hash(h);
      for (int id : c.flowIds) {
        h = flows.get(id).hash(h);
      }
    }
    return h;
  }

  /** A view of one connection that reads through to the engine. */
  private record ConnView(Engine engine, Connection c) implements ConnectionView {
    @Override
    public int id() {
      return c.id;
    }

    @Override
    public ConnectionState state() {
      return c.state;
    }

    @Override
    public int localVersion() {
      return c.localVersion;
    }

    @Override
    public int peerVersion() {
      return c.peerVersion;
    }

    @Override
    public InterfaceList peerInterfaceList() {
      return c.peerList;
    }

    @Override
    public boolean initiator() {
      return c.initiator;
    }

    @Override
    public List<FlowView> flows() {
      return c.flowIds.stream().map(id -> (FlowView) engine.flows.get(id)).toList();
    }
  }
}
