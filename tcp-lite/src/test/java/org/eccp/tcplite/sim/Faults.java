package org.eccp.tcplite.sim;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.eccp.sim.Datagram;
import org.eccp.tcplite.wire.Segment;
import org.eccp.wire.NextProtocol;

/** Packet predicates for tcp-lite fault rules. */
final class Faults {
  private Faults() {}

  /** Any tcp-lite segment while {@code when} holds. */
  static Predicate<Datagram> tcpWhile(BooleanSupplier when) {
    return d -> d.packet().nextProtocol() == NextProtocol.TCP_LITE && when.getAsBoolean();
  }

  /** Matches the tcp-lite data segment whose sequence number is {@code seq}. */
  static Predicate<Datagram> dataSeq(int seq) {
    return d -> {
      if (d.packet().nextProtocol() != NextProtocol.TCP_LITE) {
        return false;
      }
      Segment s = new Segment().wrap(d.payload());
      return s.check() == null && s.payloadLength() > 0 && s.seq() == seq;
    };
  }
}
