package org.eccp.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eccp.engine.ActionSink;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.Event;
import org.eccp.engine.FlowState;
import org.eccp.engine.FlowView;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;

/**
 * One simulated host: the real engine, the host's interfaces and addresses, and the runtime that
 * turns the engine's actions into network packets and timer events.
 */
public final class SimHost {
  private final Simulation sim;
  private final String name;
  private final HostEngine engine;
  private final Map<Integer, IpAddress> interfaces = new LinkedHashMap<>();
  private final List<ConnectionEvent> events = new ArrayList<>();
  private final Map<Long, Long> echoReplies = new HashMap<>();
  private final Sink sink = new Sink();
  private final SimWire wire = new SimWire(this::onWire);
  /** The packet that the sink is handing to the link, as a value. */
  private Datagram sending;
  /** Addresses the host left while it had no other address, to register once it gets one. */
  private final List<IpAddress> leftWithoutForwarding = new ArrayList<>();
  private static final Set<FlowState> MIGRATION_STATES = EnumSet.of(
      FlowState.RSYN_SENT_RCVD, FlowState.NOADDRESS, FlowState.NOADDRESS_SYN_RCVD,
      FlowState.NOADDRESS_RSYN_RCVD);
  private final Map<Integer, FlowState> lastState = new HashMap<>();
  private final Map<Integer, IpAddress> lastRemote = new HashMap<>();
  private final Set<Integer> synchronizedFlows = new java.util.HashSet<>();
  private final Set<FlowState> visited =
      EnumSet.noneOf(FlowState.class);
  private EventQueue.Entry tick;
  private long tickTime = Long.MAX_VALUE;

  SimHost(Simulation sim, String name, HostEngine engine) {
    this.sim = sim;
    this.name = name;
    this.engine = engine;
  }

  public String name() {
    return name;
  }

  public HostEngine engine() {
    return engine;
  }

  /** Returns the address of interface {@code ifIndex}, or null when it has none. */
  public IpAddress address(int ifIndex) {
    return interfaces.get(ifIndex);
  }

  public Map<Integer, IpAddress> interfaces() {
    return Map.copyOf(interfaces);
  }

  /** Every flow state that a flow of this host has been in after some event. */
  public Set<FlowState> visitedStates() {
    return Collections.unmodifiableSet(visited);
  }

  /** Records the state of every flow, and traces each change of state. */
  void recordStates() {
    for (FlowView f : flows()) {
      visited.add(f.state());
      lastRemote.put(f.localFlowId(), f.remoteAddress());
      if (f.state().isSynchronized()) {
        synchronizedFlows.add(f.localFlowId());
      }
      FlowState old = lastState.put(f.localFlowId(), f.state());
      if (old != f.state()) {
        String line = name + " flow " + hex(f.localFlowId()) + " " + (old == null ? "new" : old)
            + " -> " + f.state();
        if (MIGRATION_STATES.contains(f.state())) {
          sim.trace().highlight(sim.now(), line);
        } else {
          sim.trace().add(sim.now(), line);
        }
      }
    }
  }

  /** True when flow {@code localFlowId} ever finished its handshake. */
  public boolean everSynchronized(int localFlowId) {
    return synchronizedFlows.contains(localFlowId);
  }

  /** The last peer address that flow {@code localFlowId} used, also after it is gone, or null. */
  public IpAddress lastRemoteAddress(int localFlowId) {
    return lastRemote.get(localFlowId);
  }

  /** The lifecycle events the engine reported, oldest first. */
  public List<ConnectionEvent> events() {
    return List.copyOf(events);
  }

  /** Passes one event to the engine and returns what the engine returns. */
  public long handle(Event e) {
    long r = engine.handle(sim.now(), e, sink);
    rescheduleTick();
    return r;
  }

  /** Gives interface {@code ifIndex} the address {@code a} and passes the event to the engine. */
  public void addAddress(int ifIndex, IpAddress a) {
    sim.network().assign(a, name);
    interfaces.put(ifIndex, a);
    sim.trace().add(sim.now(), name + " gains " + a + " on if" + ifIndex);
    handle(new Event.AddressAdded(ifIndex, a));
    registerPending(a);
  }

  /** Takes the address off interface {@code ifIndex} and passes the event to the engine. */
  public void removeAddress(int ifIndex) {
    IpAddress a = interfaces.remove(ifIndex);
    if (a == null) {
      return;
    }
    sim.network().release(a);
    sim.trace().add(sim.now(), name + " loses " + a + " on if" + ifIndex);
    handle(new Event.AddressRemoved(ifIndex, a));
    addressLeft(a);
  }

  /**
   * Moves interface {@code ifIndex} to {@code newAddress}: the new address appears, then the old
   * one goes (make before break).
   */
  public void move(int ifIndex, IpAddress newAddress) {
    IpAddress old = interfaces.get(ifIndex);
    sim.trace().add(sim.now(), name + " moves if" + ifIndex + " " + old + " -> " + newAddress);
    sim.network().assign(newAddress, name);
    interfaces.put(ifIndex, newAddress);
    handle(new Event.AddressAdded(ifIndex, newAddress));
    registerPending(newAddress);
    if (old != null) {
      sim.network().release(old);
      handle(new Event.AddressRemoved(ifIndex, old));
      addressLeft(old);
    }
  }

  /** Takes interface {@code ifIndex} down: all its addresses go at once. */
  public void interfaceDown(int ifIndex) {
    IpAddress a = interfaces.remove(ifIndex);
    if (a != null) {
      sim.network().release(a);
    }
    sim.trace().add(sim.now(), name + " interface if" + ifIndex + " goes down (" + a + ")");
    handle(new Event.InterfaceDown(ifIndex));
    if (a != null) {
      addressLeft(a);
    }
  }

  /**
   * Tells the middlebox of the network that held {@code old} where the host went: to the host's
   * first remaining address, or to the next address it gets when it has none now.
   */
  private void addressLeft(IpAddress old) {
    IpAddress current = interfaces.values().stream().findFirst().orElse(null);
    if (current != null) {
      registerWithMiddlebox(old, current);
    } else {
      leftWithoutForwarding.add(old);
    }
  }

  private void registerPending(IpAddress newAddress) {
    for (IpAddress old : leftWithoutForwarding) {
      registerWithMiddlebox(old, newAddress);
    }
    leftWithoutForwarding.clear();
  }

  private void registerWithMiddlebox(IpAddress old, IpAddress newAddress) {
    RedirectionMiddlebox box = sim.network().middlebox(sim.network().networkOf(old));
    if (box == null) {
      return;
    }
    long delay = sim.network().profile(newAddress, old).delayNanos();
    sim.schedule(sim.now() + delay, s -> {
      box.register(s.now(), old, newAddress);
      s.trace().highlight(s.now(), "middlebox " + box.network() + " now redirects " + old + " to "
          + newAddress);
    });
  }

  /** Sends an echo request with this token on a flow; true when the engine sent it. */
  public boolean sendEcho(int localFlowId, long token) {
    return handle(new Event.SendEcho(localFlowId, Tokens.encode(token))) != 0;
  }

  /** Returns the virtual time when the echo reply with this token arrived, or null. */
  public Long echoReplyTime(long token) {
    return echoReplies.get(token);
  }

  /**
   * Receives a packet through this host's link: the bytes that were sent, or for a packet that
   * no host sent, its encoding. A packet whose header fails validation is traced and dropped.
   */
  void receive(Datagram d) {
    sim.trace().add(sim.now(), name + " <- " + d.describe());
    byte[] bytes = d.wire() != null ? d.wire() : wire.encode(d.packet(), d.payload());
    Event.PacketIn in = wire.receive(d.src(), d.dst(), bytes);
    if (in == null) {
      sim.trace().add(sim.now(), name + " drops invalid #" + d.id() + ": " + wire.lastProblem());
      return;
    }
    FlowDigest before = FlowDigest.of(engine);
    handle(in);
    sim.invariants().checkPacketEffect(this, d, before, FlowDigest.of(engine));
  }

  /**
   * Takes the bytes that this host's link sent and puts them on the network. The datagram keeps
   * the sender's header value for the network's rules and the trace; the receiver parses the
   * bytes.
   */
  private void onWire(IpAddress src, IpAddress dst, byte[] bytes) {
    Datagram d = sending;
    sim.network().send(sim, new Datagram(d.id(), src, dst, d.packet(), d.payload(), 0, bytes));
  }

  private void rescheduleTick() {
    long deadline = engine.nextDeadline();
    if (deadline == tickTime && tick != null && !tick.cancelled) {
      return;
    }
    sim.cancel(tick);
    tick = null;
    tickTime = deadline;
    if (deadline != Long.MAX_VALUE) {
      tick = sim.schedule(deadline, s -> {
        tick = null;
        tickTime = Long.MAX_VALUE;
        s.trace().add(s.now(), name + " timer");
        handle(new Event.Tick());
      });
    }
  }

  /** Returns every flow of every connection of this host. */
  public List<FlowView> flows() {
    List<FlowView> all = new ArrayList<>();
    for (ConnectionView c : engine.connections()) {
      all.addAll(c.flows());
    }
    return all;
  }

  /** True when a timer of the engine is pending in the simulation. */
  boolean timerPending() {
    return tick != null && !tick.cancelled;
  }

  /** Formats an event with flowIDs in hex and versions unsigned, as in the packet lines. */
  static String describe(ConnectionEvent e) {
    if (e instanceof ConnectionEvent.Established x) {
      return "connection " + x.connectionId() + " established, flow " + hex(x.localFlowId());
    } else if (e instanceof ConnectionEvent.FlowAdded x) {
      return "connection " + x.connectionId() + " added flow " + hex(x.localFlowId());
    } else if (e instanceof ConnectionEvent.FlowMigrated x) {
      return "flow " + hex(x.localFlowId()) + " migrated " + x.oldLocal() + "<->" + x.oldRemote()
          + " to " + x.newLocal() + "<->" + x.newRemote() + " at version "
          + Integer.toUnsignedString(x.version());
    } else if (e instanceof ConnectionEvent.FlowFailed x) {
      return "flow " + hex(x.localFlowId()) + " failed: " + x.reason();
    } else if (e instanceof ConnectionEvent.Failed x) {
      return "connection " + x.connectionId() + " failed: " + x.reason();
    }
    return "connection " + e.connectionId() + " closed";
  }

  private static String hex(int flowId) {
    return Integer.toHexString(flowId);
  }

  private final class Sink implements ActionSink {
    @Override
    public void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {
      Datagram d = new Datagram(sim.network().newPacketId(), src, dst, header,
          payload == null ? new byte[0] : payload, 0);
      if (!name.equals(sim.network().ownerOf(src))) {
        sim.trace().add(sim.now(), name + " cannot send from " + src + " (not held): "
            + d.describe());
        return;
      }
      sim.trace().add(sim.now(), name + " -> " + d.describe());
      sending = d;
      wire.send(src, dst, header, d.payload());
      sending = null;
    }

    @Override
    public void deliver(int connectionId, int localFlowId, int nextProtocol, byte[] payload) {
      if (nextProtocol == NextProtocol.ECHO && Tokens.isToken(payload)) {
        long token = Tokens.decode(payload);
        echoReplies.putIfAbsent(token, sim.now());
        sim.trace().add(sim.now(), name + " echo reply " + token + " on flow "
            + Integer.toHexString(localFlowId));
        return;
      }
      sim.trace().add(sim.now(), name + " delivers " + payload.length + " bytes ("
          + NextProtocol.name(nextProtocol) + ") on flow " + Integer.toHexString(localFlowId));
    }

    @Override
    public void notify(ConnectionEvent event) {
      events.add(event);
      sim.trace().highlight(sim.now(), name + " " + describe(event));
    }
  }
}
