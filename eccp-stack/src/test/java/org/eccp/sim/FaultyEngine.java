package org.eccp.sim;

import java.util.List;
import java.util.function.BiFunction;
import org.eccp.engine.ActionSink;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.Counters;
import org.eccp.engine.Event;
import org.eccp.engine.FlowState;
import org.eccp.engine.FlowView;
import org.eccp.engine.Versions;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.PacketType;

/**
 * The real engine behind a filter that rewrites or swallows incoming packets, so that it behaves
 * like an engine with a known protocol bug. Test code only: the production engine has no switch
 * for these bugs.
 */
final class FaultyEngine implements HostEngine {
  /** Returns the packet to pass on (possibly rewritten), or null to swallow it. */
  interface Fault extends BiFunction<HostEngine, Event.PacketIn, Event.PacketIn> {}

  private final HostEngine real;
  private final Fault fault;

  FaultyEngine(HostEngine real, Fault fault) {
    this.real = real;
    this.fault = fault;
  }

  static EngineFactory factory(Fault fault) {
    return (host, seed) -> new FaultyEngine(EngineFactory.DEFAULT.create(host, seed), fault);
  }

  /** No RSYN_SENT_RCVD: a flow waiting for its own RSYN-ACK ignores the peer's RSYN. */
  static final Fault NO_RSYN_SENT_RCVD = (e, p) -> {
    FlowView f = flow(e, p.header().receiverFlowId());
    boolean waiting = f != null && f.state() == FlowState.RSYN_SENT;
    return p.header().type() == PacketType.RSYN && waiting ? null : p;
  };

  /** Implicit acknowledgements: any RSYN-ACK counts as acknowledging the current version. */
  static final Fault IMPLICIT_ACKS = (e, p) -> {
    EccpPacket h = p.header();
    FlowView f = flow(e, h.receiverFlowId());
    if (h.type() != PacketType.RSYN_ACK || f == null) {
      return p;
    }
    int current = connectionOf(e, f).localVersion();
    return new Event.PacketIn(p.src(), p.dst(), new EccpPacket(h.type(), h.nextProtocol(),
        h.senderFlowId(), h.receiverFlowId(), h.nonce(), h.version(), current, h.interfaceList(),
        h.newAddress(), h.senderNonce(), h.join()), p.payload());
  };

  /** Versions not compared: a stale RSYN is taken as if it were newer than all seen. */
  static final Fault VERSIONS_NOT_COMPARED = (e, p) -> {
    EccpPacket h = p.header();
    FlowView f = flow(e, h.receiverFlowId());
    if (h.type() != PacketType.RSYN || f == null || !Versions.isOlder(h.version(),
        f.peerVersion())) {
      return p;
    }
    int newer = connectionOf(e, f).peerVersion() + 1;
    return new Event.PacketIn(p.src(), p.dst(), new EccpPacket(h.type(), h.nextProtocol(),
        h.senderFlowId(), h.receiverFlowId(), h.nonce(), newer, h.ackVersion(), h.interfaceList(),
        h.newAddress(), h.senderNonce(), h.join()), p.payload());
  };

  private static FlowView flow(HostEngine e, int localFlowId) {
    for (ConnectionView c : e.connections()) {
      for (FlowView f : c.flows()) {
        if (f.localFlowId() == localFlowId) {
          return f;
        }
      }
    }
    return null;
  }

  private static ConnectionView connectionOf(HostEngine e, FlowView f) {
    return e.connections().stream().filter(c -> c.id() == f.connectionId()).findFirst()
        .orElseThrow();
  }

  @Override
  public long handle(long now, Event event, ActionSink out) {
    if (event instanceof Event.PacketIn p) {
      Event.PacketIn passed = fault.apply(real, p);
      return passed == null ? 0 : real.handle(now, passed, out);
    }
    return real.handle(now, event, out);
  }

  @Override
  public long nextDeadline() {
    return real.nextDeadline();
  }

  @Override
  public List<ConnectionView> connections() {
    return real.connections();
  }

  @Override
  public Counters counters() {
    return real.counters();
  }

  @Override
  public HostEngine copy() {
    return new FaultyEngine(real.copy(), fault);
  }

  @Override
  public long stateHash() {
    return real.stateHash();
  }
}
