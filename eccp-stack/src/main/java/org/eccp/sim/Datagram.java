package org.eccp.sim;

import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;

/**
 * One packet in flight in the simulated network: the ECCP header as a value and its payload, for
 * the network's rules and the trace, and the bytes that were sent on the sender's link. The
 * receiving host parses those bytes, so the engines only ever see packets that crossed a link.
 *
 * @param id a number unique within a run, shared by duplicates, for the trace
 * @param src the IP source address
 * @param dst the IP destination address
 * @param packet the ECCP header
 * @param payload the payload bytes, never null
 * @param redirects how many times a redirection middlebox has forwarded this packet
 * @param wire the header and payload as sent on a link, or null for a packet that no host sent
 *     (a forged one, built as a value), which the receiver encodes on arrival
 */
public record Datagram(long id, IpAddress src, IpAddress dst, EccpPacket packet, byte[] payload,
    int redirects, byte[] wire) {

  /** A packet built as a value, not sent on a link. */
  public Datagram(long id, IpAddress src, IpAddress dst, EccpPacket packet, byte[] payload,
      int redirects) {
    this(id, src, dst, packet, payload, redirects, null);
  }

  /** Returns this packet addressed to {@code newDst}, one redirection further. */
  Datagram redirectedTo(IpAddress newDst) {
    return new Datagram(id, src, newDst, packet, payload, redirects + 1, wire);
  }

  /** Returns a one-line description for the trace. */
  String describe() {
    EccpPacket p = packet;
    StringBuilder sb = new StringBuilder();
    sb.append('#').append(id).append(' ').append(p.type()).append(' ').append(src).append("->")
        .append(dst).append(" sfid=").append(Integer.toHexString(p.senderFlowId()))
        .append(" rfid=").append(Integer.toHexString(p.receiverFlowId()));
    if (p.type().isControl()) {
      sb.append(" v=").append(Integer.toUnsignedString(p.version()));
      if (p.type().acknowledges()) {
        sb.append(" ack=").append(Integer.toUnsignedString(p.ackVersion()));
      }
    }
    if (p.newAddress() != null) {
      sb.append(" new=").append(p.newAddress());
    }
    if (p.interfaceList() != null) {
      sb.append(" ilist=").append(p.interfaceList().entries().size());
    }
    if (payload.length > 0) {
      sb.append(" len=").append(payload.length);
    }
    return sb.toString();
  }
}
