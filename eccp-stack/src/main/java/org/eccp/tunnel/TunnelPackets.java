package org.eccp.tunnel;

import java.util.function.IntSupplier;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.link.ReceivedPacket;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnel's work on each packet, apart from the system calls: checking and MSS-clamping inner
 * packets, writing the ECCP DATA header in front of an outgoing one, and matching an incoming
 * DATA packet to its flow. Works in place on off-heap buffers and allocates nothing. One per
 * thread, because it reuses a header view.
 */
final class TunnelPackets {
  private static final Logger LOG = LoggerFactory.getLogger(TunnelPackets.class);

  private final TunnelCounters counters;
  /** The largest inner packet that every flow carries now: the MSS clamp follows it. */
  private final IntSupplier innerMtu;
  private final EccpHeader header = new EccpHeader();

  TunnelPackets(TunnelCounters counters, int innerMtu) {
    this(counters, () -> innerMtu);
  }

  TunnelPackets(TunnelCounters counters, IntSupplier innerMtu) {
    this.counters = counters;
    this.innerMtu = innerMtu;
  }

  /**
   * Checks that the inner packet at {@code start} is whole and clamps the MSS of a TCP SYN.
   * Returns false, counted and logged, for a packet to drop.
   */
  boolean checkInner(Bytes<?> buffer, long start, int length) {
    InnerPackets.Verdict v = InnerPackets.check(buffer, start, length);
    if (v != InnerPackets.Verdict.OK) {
      counters.drop(v);
      LOG.debug("dropped a {}-byte inner packet: {}", length, v);
      return false;
    }
    int mtu = innerMtu.getAsInt();
    if (MssClamp.clamp(buffer, start, length, mtu - 40, mtu - 60)) {
      counters.mssClamped.incrementAndGet();
    }
    return true;
  }

  /**
   * Writes the DATA header of flow {@code r} in front of the inner packet at {@code start} and
   * returns where the ECCP packet starts.
   */
  long encapsulate(Bytes<?> buffer, long start, Routes.Route r) {
    long eccp = start - EccpHeader.FIXED_LENGTH;
    header.wrap(buffer, eccp, EccpHeader.FIXED_LENGTH).emit(r.dataHeader());
    return eccp;
  }

  /**
   * Returns the flow of a received, validated ECCP packet when it is tunnelled data of a flow
   * that receives, with that flow's nonce and sent to its local address; else null, and the
   * engine handles the packet.
   */
  static Routes.Route accept(EccpHeader h, ReceivedPacket addresses, Routes routes) {
    if (h.type() != PacketType.DATA || h.nextProtocol() != NextProtocol.TUNNELLED_IP) {
      return null;
    }
    Routes.Route r = routes.find(h.receiverFlowId());
    if (r == null || !r.receives() || r.localNonce() != h.nonce()
        || !addresses.destination().equals(r.local())) {
      return null;
    }
    return r;
  }
}
