package org.eccp.link;

import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.CheckResult;
import org.eccp.wire.IpAddress;
import org.eccp.wire.Ipv4Header;
import org.eccp.wire.Ipv6Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an IPv4 or IPv6 header in front of an ECCP packet and unwraps received IP packets, for
 * the links that carry whole IP packets (raw IP, TUN). Reuses its views; one per thread and
 * direction.
 */
final class IpFraming {
  private static final Logger LOG = LoggerFactory.getLogger(IpFraming.class);

  private final int protocol;
  private final int hopLimit;
  private final Ipv4Header ipv4 = new Ipv4Header();
  private final Ipv6Header ipv6 = new Ipv6Header();

  IpFraming(int protocol, int hopLimit) {
    this.protocol = protocol;
    this.hopLimit = hopLimit;
  }

  static int headroom(boolean v6) {
    return v6 ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH;
  }

  /** Writes the IP header before the packet and returns the offset where it starts. */
  long prepend(Bytes<?> packet, IpAddress local, IpAddress remote) {
    boolean v6 = local.isV6();
    if (v6 != remote.isV6()) {
      throw new IllegalArgumentException(
          "local " + local + " and remote " + remote + " differ in address family");
    }
    long payload = packet.readPosition();
    int length = (int) (packet.readLimit() - payload);
    long start = payload - headroom(v6);
    if (start < 0) {
      throw new IllegalArgumentException("the IP header needs " + headroom(v6)
          + " bytes of headroom, the packet starts at offset " + payload);
    }
    if (v6) {
      ipv6.wrap(packet, start, Ipv6Header.LENGTH).write(length, protocol, hopLimit, local, remote);
    } else {
      ipv4.wrap(packet, start, Ipv4Header.MIN_LENGTH).write(Ipv4Header.MIN_LENGTH + length,
          hopLimit, protocol, local.v4Bits(), remote.v4Bits());
    }
    return start;
  }

  /**
   * Validates the IP packet of {@code length} bytes at {@code start}. When it is a valid packet of
   * this link's protocol, points the buffer at its payload, stores its addresses and returns true;
   * otherwise counts it and returns false.
   */
  boolean unwrap(Bytes<?> buffer, long start, int length, ReceivedPacket into,
      LinkCounters counters) {
    if (length < 1) {
      counters.malformed.incrementAndGet();
      return false;
    }
    int version = buffer.readUnsignedByte(start) >>> 4;
    if (version == 4) {
      return unwrap4(buffer, start, length, into, counters);
    }
    if (version == 6) {
      return unwrap6(buffer, start, length, into, counters);
    }
    counters.malformed.incrementAndGet();
    LOG.debug("dropped a packet of IP version {}", version);
    return false;
  }

  private boolean unwrap4(Bytes<?> buffer, long start, int length, ReceivedPacket into,
      LinkCounters counters) {
    CheckResult check = ipv4.wrap(buffer, start, length).check();
    if (!check.ok()) {
      counters.malformed.incrementAndGet();
      LOG.debug("dropped an IPv4 packet: {}", check.problem());
      return false;
    }
    if (ipv4.protocol() != protocol) {
      counters.foreign.incrementAndGet();
      return false;
    }
    point(buffer, ipv4.payloadOffset(), ipv4.payloadLength());
    into.setV4(ipv4.source(), ipv4.destination());
    return true;
  }

  private boolean unwrap6(Bytes<?> buffer, long start, int length, ReceivedPacket into,
      LinkCounters counters) {
    CheckResult check = ipv6.wrap(buffer, start, length).check();
    if (!check.ok()) {
      counters.malformed.incrementAndGet();
      LOG.debug("dropped an IPv6 packet: {}", check.problem());
      return false;
    }
    // NOTE: extension headers are not walked; a packet with any is counted as foreign.
    if (ipv6.nextHeader() != protocol) {
      counters.foreign.incrementAndGet();
      return false;
    }
    point(buffer, ipv6.payloadOffset(), ipv6.payloadLength());
    into.setV6(ipv6.sourceHigh(), ipv6.sourceLow(), ipv6.destinationHigh(),
        ipv6.destinationLow());
    return true;
  }

  /** Sets the read window of a buffer whose bytes the kernel wrote behind chronicle's back. */
  static void point(Bytes<?> buffer, long start, long length) {
    buffer.clear();
    buffer.writePosition(start + length);
    buffer.readPosition(start);
  }
}
