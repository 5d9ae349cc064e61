package org.eccp.tunnel;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * Checks that an inner IP packet is whole: a known version, an IPv4 header length of at least 20
 * bytes and at most the total length, and an IP length (IPv4 total length, IPv6 40 + payload
 * length) equal to its bytes.
 */
final class InnerPackets {
  /** The check's outcome. */
  enum Verdict { OK, TOO_SHORT, LENGTH_MISMATCH, NOT_IP }

  private InnerPackets() {}

  static Verdict check(BytesStore<?, ?> s, long start, int length) {
    if (length < 20) {
      return Verdict.TOO_SHORT;
    }
    int version = s.readUnsignedByte(start) >>> 4;
    if (version == 4) {
      int ihl = (s.readUnsignedByte(start) & 0x0f) * 4;
      if (ihl < 20) {
        return Verdict.NOT_IP;
      }
      int total = MssClamp.get16(s, start + 2);
      return total == length && ihl <= total ? Verdict.OK : Verdict.LENGTH_MISMATCH;
    }
    if (version == 6) {
      if (length < 40) {
        return Verdict.TOO_SHORT;
      }
      return MssClamp.get16(s, start + 4) + 40 == length ? Verdict.OK : Verdict.LENGTH_MISMATCH;
    }
    return Verdict.NOT_IP;
  }
}
