package org.eccp.engine;

import static org.eccp.engine.Condition.ACKS_MINE;
import static org.eccp.engine.Condition.ACKS_OTHER;
import static org.eccp.engine.Condition.ACKS_PEER;
import static org.eccp.engine.Condition.ALWAYS;
import static org.eccp.engine.Condition.RETRIES_EXHAUSTED;
import static org.eccp.engine.Condition.RETRIES_LEFT;
import static org.eccp.engine.FlowState.CLOSED;
import static org.eccp.engine.FlowState.ESTABLISHED;
import static org.eccp.engine.FlowState.FIN_SENT;
import static org.eccp.engine.FlowState.LAST_ACK;
import static org.eccp.engine.FlowState.RSYN_RCVD;
import static org.eccp.engine.FlowState.RSYN_SENT;
import static org.eccp.engine.FlowState.RSYN_SENT_RCVD;
import static org.eccp.engine.FlowState.TIME_WAIT;

/** The rows that close flows: a FIN exchange, TIME_WAIT, and RST. */
final class CloseRules {
  private CloseRules() {}

  static void register(TransitionTable t) {
    for (FlowState s : new FlowState[] {ESTABLISHED, RSYN_SENT, RSYN_RCVD, RSYN_SENT_RCVD}) {
      t.row(s, Trigger.CLOSE, ALWAYS, "send FIN", FIN_SENT, CloseRules::sendFin);
      t.row(s, Trigger.FIN, ALWAYS, "send FIN-ACK", LAST_ACK, CloseRules::acceptFin);
      t.row(s, Trigger.RST, ALWAYS, "notify FAILED(RESET_BY_PEER)", CLOSED, CloseRules::reset);
    }
    t.row(FIN_SENT, Trigger.FIN_ACK, ACKS_MINE, "send ACK", TIME_WAIT, CloseRules::finAcked);
    t.row(FIN_SENT, Trigger.FIN_ACK, ACKS_OTHER, "count stale_ack", FIN_SENT, Rules::staleAck);
    t.row(FIN_SENT, Trigger.FIN, ALWAYS, "send FIN-ACK", FIN_SENT, CloseRules::acceptFin);
    t.row(FIN_SENT, Trigger.RST, ALWAYS, "none", CLOSED, s -> {});
    t.row(FIN_SENT, Trigger.TIMEOUT, RETRIES_LEFT, "resend FIN", FIN_SENT,
        s -> s.retransmit(Packets.fin(s.flow)));
    t.row(FIN_SENT, Trigger.TIMEOUT, RETRIES_EXHAUSTED, "none", CLOSED, s -> {});
    t.row(FIN_SENT, Trigger.ADDRESS_LOST, ALWAYS, "none", CLOSED, s -> {});

    t.row(LAST_ACK, Trigger.ACK, ACKS_PEER, "none", CLOSED, s -> {});
    t.row(LAST_ACK, Trigger.ACK, ACKS_OTHER, "count stale_ack", LAST_ACK, Rules::staleAck);
    t.row(LAST_ACK, Trigger.FIN, ALWAYS, "resend FIN-ACK", LAST_ACK,
        s -> s.retransmit(Packets.finAck(s.flow, s.conn)));
    t.row(LAST_ACK, Trigger.RST, ALWAYS, "none", CLOSED, s -> {});
    t.row(LAST_ACK, Trigger.TIMEOUT, RETRIES_LEFT, "resend FIN-ACK", LAST_ACK,
        s -> s.retransmit(Packets.finAck(s.flow, s.conn)));
    t.row(LAST_ACK, Trigger.TIMEOUT, RETRIES_EXHAUSTED, "none", CLOSED, s -> {});
    t.row(LAST_ACK, Trigger.ADDRESS_LOST, ALWAYS, "none", CLOSED, s -> {});

    t.row(TIME_WAIT, Trigger.FIN_ACK, ALWAYS, "resend ACK", TIME_WAIT,
        s -> s.retransmit(Packets.ack(s.flow, s.conn, s.flow.sentVersion)));
    t.row(TIME_WAIT, Trigger.FIN, ALWAYS, "send FIN-ACK", TIME_WAIT, CloseRules::acceptFin);
    t.row(TIME_WAIT, Trigger.RST, ALWAYS, "none", CLOSED, s -> {});
    t.row(TIME_WAIT, Trigger.TIMEOUT, ALWAYS, "none", CLOSED, s -> {});
    t.row(TIME_WAIT, Trigger.ADDRESS_LOST, ALWAYS, "none", CLOSED, s -> {});
  }

  /** Close: a FIN carrying this host's current version. */
  static void sendFin(Step s) {
    s.flow.sentVersion = s.conn.localVersion;
    s.engine.markClosing(s.conn);
    s.send(Packets.fin(s.flow));
  }

  /** Records the peer's FIN version, replies with a FIN-ACK and marks the connection closing. */
  static void acceptFin(Step s) {
    if (Versions.isNewer(s.packet.version(), s.flow.peerVersion)) {
      s.flow.peerVersion = s.packet.version();
    }
    s.send(Packets.finAck(s.flow, s.conn));
    s.engine.markClosing(s.conn);
  }

  static void finAcked(Step s) {
    s.send(Packets.ack(s.flow, s.conn, s.flow.sentVersion));
  }

  static void reset(Step s) {
    s.fail(FailureReason.RESET_BY_PEER);
  }
}
