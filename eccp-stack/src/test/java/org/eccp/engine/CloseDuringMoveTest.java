package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.A2;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.B2;
import static org.eccp.engine.Wire.addrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

/**
 * Closes that meet a lost SYN-ACK or a lost RSYN. Each case used to end in both hosts resending
 * until their retries ran out; now the close finishes after the first retransmissions.
 */
class CloseDuringMoveTest {
  private static final EngineConfig CONFIG = EngineConfig.defaults();

  /** Advances time round by round (each a full backoff step) until {@code done} holds. */
  private static boolean runUntil(Wire w, BooleanSupplier done) {
    for (int round = 0; round < 4; round++) {
      w.advance(CONFIG.retransmitInterval(round));
      w.settle();
      if (done.getAsBoolean()) {
        return true;
      }
    }
    return false;
  }

  private static boolean failed(Host h) {
    return h.events.stream().anyMatch(e -> e instanceof ConnectionEvent.FlowFailed
        || e instanceof ConnectionEvent.Failed);
  }

  private static boolean inState(Host h, FlowState state) {
    return h.engine.flows().size() == 1 && h.onlyFlow().state() == state;
  }

  /** The peer moved while this host closed: FIN_SENT takes the RSYN and sends its FIN there. */
  @Test
  void finSent_takesPeerMoveAndFinishesClose() {
    Wire w = new Wire(40);
    int conn = w.connect(addrs(A1, A2), addrs(B1, B2));
    w.settle();
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.deliver(w.take(PacketType.RSYN));
    assertEquals(FlowState.RSYN_RCVD, w.b.onlyFlow().state());
    w.b.handle(w.now, new Event.AddressRemoved(1, B1));
    assertEquals(FlowState.RSYN_SENT_RCVD, w.b.onlyFlow().state());
    w.take(PacketType.RSYN);
    w.deliver(w.take(PacketType.RSYN_ACK));
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
    w.a.handle(w.now, new Event.Close(conn));
    w.settle();
    assertEquals(FlowState.FIN_SENT, w.a.onlyFlow().state());

    assertTrue(runUntil(w, () -> w.b.engine.flows().isEmpty()), "B closed");
    assertTrue(w.b.events.stream().anyMatch(e -> e instanceof ConnectionEvent.Closed));
    assertEquals(false, failed(w.b), "B closed without a failure: " + w.b.events);
    assertEquals(false, failed(w.a), "A closed without a failure: " + w.a.events);
  }

  /** The SYN-ACK is lost and the responder closes: its RST ends the initiator's handshake. */
  @Test
  void closeInSynRcvd_refusesTheInitiator() {
    Wire w = new Wire(41);
    int conn = w.connect(addrs(A1), addrs(B1));
    w.deliver(w.take(PacketType.SYN));
    w.take(PacketType.SYN_ACK);
    assertEquals(FlowState.SYN_RCVD, w.b.onlyFlow().state());
    w.b.handle(w.now, new Event.Close(w.b.onlyFlow().connectionId()));
    assertTrue(w.b.engine.flows().isEmpty());
    w.settle();
    assertTrue(w.a.engine.flows().isEmpty(), "A's handshake ended");
    assertTrue(w.a.events.stream().anyMatch(e -> e instanceof ConnectionEvent.FlowFailed f
        && f.connectionId() == conn && f.reason() == FailureReason.REFUSED),
        "refused: " + w.a.events);
  }

  /** This host's RSYN is lost and it closes: the close waits until the RSYN is acknowledged. */
  @Test
  void closeInRsynSent_waitsForTheRsynAck() {
    Wire w = new Wire(42);
    int conn = w.connect(addrs(A1, A2), addrs(B1));
    w.settle();
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.take(PacketType.RSYN);
    w.a.handle(w.now, new Event.Close(conn));
    assertEquals(FlowState.RSYN_SENT, w.a.onlyFlow().state());
    w.settle();

    assertTrue(runUntil(w, () -> inState(w.a, FlowState.TIME_WAIT)), "A had the FIN-ACK");
    assertEquals(A2, w.b.events.stream().filter(e -> e instanceof ConnectionEvent.FlowMigrated)
        .map(e -> ((ConnectionEvent.FlowMigrated) e).newRemote()).findFirst().orElse(null));
    assertTrue(w.b.engine.flows().isEmpty(), "B closed");
    assertEquals(false, failed(w.b), "B closed without a failure: " + w.b.events);
  }

  /** A peer FIN that arrives while this host's RSYN is outstanding waits for the RSYN-ACK. */
  @Test
  void finInRsynSent_isDroppedUntilTheRsynIsAcknowledged() {
    Wire w = new Wire(43);
    int conn = w.connect(addrs(A1), addrs(B1));
    w.settle();
    w.a.handle(w.now, new Event.AddressAdded(2, A2));
    assertEquals(FlowState.RSYN_SENT, w.a.onlyFlow().state());
    Host.Sent rsyn = w.take(PacketType.RSYN);
    w.b.handle(w.now, new Event.Close(w.b.onlyFlow().connectionId()));
    w.deliver(w.take(PacketType.FIN));
    assertEquals(FlowState.RSYN_SENT, w.a.onlyFlow().state());
    assertEquals(1, w.a.engine.counters().get(Counter.FIN_DEFERRED));
    w.deliver(rsyn);
    w.settle();
    assertTrue(runUntil(w, () -> w.a.engine.flows().isEmpty()), "A took the resent FIN");
    assertTrue(w.a.events.contains(new ConnectionEvent.Closed(conn)), "A closed: " + w.a.events);
    assertEquals(false, failed(w.a), "A closed without a failure: " + w.a.events);
  }
}
