package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.B2;
import static org.eccp.engine.Wire.addrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

/**
 * A responder that moves in SYN_RCVD after the initiator took its first SYN-ACK and the ACK was
 * lost or delayed. Each test is one of the rows the model checker found missing (findings 8 to 10
 * of docs/verification.md).
 */
class MovedResponderTest {
  private static final long RETRANSMIT = EngineConfig.defaults().initialRetransmitNanos();

  /** A is ESTABLISHED with B at B1; B is in SYN_RCVD and A's ACK is returned, not delivered. */
  private static Host.Sent openWithHeldAck(Wire w) {
    w.connect(addrs(A1), addrs(B1, B2));
    w.deliver(w.take(PacketType.SYN));
    w.deliver(w.take(PacketType.SYN_ACK));
    Host.Sent ack = w.take(PacketType.ACK);
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
    assertEquals(FlowState.SYN_RCVD, w.b.onlyFlow().state());
    return ack;
  }

  /** Moves B from B1 to B2 and back to B1; returns the SYN-ACK it sent from B2. */
  private static Host.Sent moveTwice(Wire w) {
    w.b.handle(w.now, new Event.AddressRemoved(1, B1));
    Host.Sent fromB2 = w.take(PacketType.SYN_ACK);
    assertEquals(B2, fromB2.src());
    w.b.handle(w.now, new Event.AddressAdded(1, B1));
    w.b.handle(w.now, new Event.AddressRemoved(2, B2));
    assertEquals(B1, w.b.onlyFlow().localAddress());
    assertEquals(FlowState.SYN_RCVD, w.b.onlyFlow().state());
    return fromB2;
  }

  /** Finding 8: an ACK of an older SYN-ACK does not finish the handshake of a moved responder. */
  @Test
  void ackOfOlderSynAck_isStale() {
    Wire w = new Wire(81);
    Host.Sent firstAck = openWithHeldAck(w);
    Host.Sent middle = moveTwice(w);
    w.dropAll();

    w.deliver(firstAck);
    assertEquals(FlowState.SYN_RCVD, w.b.onlyFlow().state());
    assertEquals(1, w.b.engine.counters().get(Counter.STALE_ACK));

    w.deliver(middle);
    assertEquals(B2, w.a.onlyFlow().remoteAddress(), "the middle SYN-ACK is newer for A");
    w.dropAll();
    w.advance(RETRANSMIT);
    w.settle();
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
    assertEquals(B1, w.a.onlyFlow().remoteAddress(), "A follows B's newest SYN-ACK");
  }

  /** Finding 9: the moved responder drops a FIN until its newest SYN-ACK is acknowledged. */
  @Test
  void finBeforeAckOfMovedSynAck_isDeferred() {
    Wire w = new Wire(82);
    openWithHeldAck(w);
    Host.Sent middle = moveTwice(w);
    w.dropAll();
    int conn = w.a.onlyFlow().connectionId();
    w.a.handle(w.now, new Event.Close(conn));

    w.deliver(w.take(PacketType.FIN));
    assertEquals(FlowState.SYN_RCVD, w.b.onlyFlow().state());
    assertEquals(1, w.b.engine.counters().get(Counter.FIN_DEFERRED));

    w.deliver(middle);
    w.dropAll();
    closeCompletes(w);
    assertEquals(B1, w.a.onlyFlow().remoteAddress());
  }

  /** Finding 10: FIN_SENT takes the moved responder's SYN-ACK, so the FIN reaches it. */
  @Test
  void finSent_followsMovedSynAck() {
    Wire w = new Wire(83);
    openWithHeldAck(w);
    w.b.handle(w.now, new Event.AddressRemoved(1, B1));
    Host.Sent moved = w.take(PacketType.SYN_ACK);
    w.dropAll();
    w.a.handle(w.now, new Event.Close(w.a.onlyFlow().connectionId()));
    w.dropAll();

    w.deliver(moved);
    assertEquals(FlowState.FIN_SENT, w.a.onlyFlow().state());
    assertEquals(B2, w.a.onlyFlow().remoteAddress());
    w.deliver(w.take(PacketType.ACK));
    assertEquals(FlowState.ESTABLISHED, w.b.onlyFlow().state());
    closeCompletes(w);
  }

  /** Lets timers fire until B's flow is gone; A must end in TIME_WAIT. */
  private static void closeCompletes(Wire w) {
    for (int i = 0; i < 5 && !w.b.engine.flows().isEmpty(); i++) {
      w.advance(RETRANSMIT << i);
      w.settle();
    }
    assertTrue(w.b.engine.flows().isEmpty(), "B closed: " + w.b.engine.flows());
    assertEquals(FlowState.TIME_WAIT, w.a.onlyFlow().state());
    assertTrue(w.b.events.stream().anyMatch(e -> e instanceof ConnectionEvent.Closed));
  }
}
