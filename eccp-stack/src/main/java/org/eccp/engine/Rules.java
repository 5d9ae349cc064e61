package org.eccp.engine;

/** Handlers that rows of several groups share. */
final class Rules {
  private Rules() {}

  /** An acknowledgement of a version this flow does not wait for changes nothing. */
  static void staleAck(Step s) {
    s.count(Counter.STALE_ACK);
  }

  /** A repeated answer to an exchange this flow opened: its ACK was lost, send it again. */
  static void resendAck(Step s) {
    s.retransmit(Packets.ack(s.flow, s.conn, s.flow.sentVersion));
  }

  /** The flow gives up on a peer that never answered: tell it so. */
  static void sendRst(Step s) {
    s.count(Counter.RST_SENT);
    s.send(Packets.rst(s.flow, s.conn));
  }
}
