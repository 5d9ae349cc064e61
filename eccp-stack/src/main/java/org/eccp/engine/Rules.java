package org.eccp.engine;

/** Handlers that rows of several groups share. */
final class Rules {
  private Rules() {}

  /** An acknowledgement of a version this flow does not wait for changes nothing. */
  static void staleAck(Step s) {
    s.count(Counter.STALE_ACK);
  }

  /** Resends the ACK of an exchange this flow opened, because the peer repeated its reply. */
  static void resendAck(Step s) {
    s.retransmit(Packets.ack(s.flow, s.conn, s.flow.sentVersion));
  }

  /** Sends an RST to a peer that never replied, as the flow gives up. */
  static void sendRst(Step s) {
    s.count(Counter.RST_SENT);
    s.send(Packets.rst(s.flow, s.conn));
  }
}
