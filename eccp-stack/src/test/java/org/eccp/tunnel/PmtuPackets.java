package org.eccp.tunnel;

import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;

/** Builds inner and outer test packets as byte arrays and checks internet checksums. */
final class PmtuPackets {
  static final byte[] INNER_SENDER = {(byte) 198, 19, (byte) 255, 1};
  static final byte[] INNER_PEER = {(byte) 198, 19, (byte) 255, 2};
  static final byte[] LOCAL = {(byte) 198, 19, 1, 10};
  static final byte[] REMOTE = {(byte) 198, 18, 2, 10};
  static final byte[] ROUTER = {(byte) 198, 19, 1, 1};

  private PmtuPackets() {}

  /** Builds an IPv4 packet of {@code length} bytes and {@code protocol}, DF as given. */
  static byte[] ipv4(int length, int protocol, boolean df, Random random) {
    byte[] p = new byte[length];
    random.nextBytes(p);
    p[0] = 0x45;
    p[1] = 0;
    put16(p, 2, length);
    put16(p, 6, df ? 0x4000 : 0);
    p[8] = 64;
    p[9] = (byte) protocol;
    put16(p, 10, 0);
    System.arraycopy(INNER_SENDER, 0, p, 12, 4);
    System.arraycopy(INNER_PEER, 0, p, 16, 4);
    put16(p, 10, checksum(p, 0, 20));
    return p;
  }

  /** Builds an IPv6 packet of {@code length} bytes with next header {@code next}. */
  static byte[] ipv6(int length, int next, Random random) {
    byte[] p = new byte[length];
    random.nextBytes(p);
    p[0] = 0x60;
    p[1] = 0;
    p[2] = 0;
    p[3] = 0;
    put16(p, 4, length - 40);
    p[6] = (byte) next;
    p[7] = 64;
    p[8] = (byte) 0xfd;
    p[24] = (byte) 0xfd;
    return p;
  }

  /**
   * An ICMPv4 "fragmentation needed" from the router as a raw ICMP socket returns it, quoting
   * the first {@code quoted} bytes of an ECCP-in-IP packet of {@code outerLength} bytes.
   */
  static byte[] fragNeeded(int mtu, int outerLength, int senderFlowId, int receiverFlowId,
      long nonce, int quoted) {
    byte[] original = new byte[Math.max(quoted, 40)];
    original[0] = 0x45;
    put16(original, 2, outerLength);
    put16(original, 6, 0x4000);
    original[8] = 64;
    original[9] = (byte) 253;
    System.arraycopy(LOCAL, 0, original, 12, 4);
    System.arraycopy(REMOTE, 0, original, 16, 4);
    original[20] = 0x10;
    put32(original, 24, senderFlowId);
    put32(original, 28, receiverFlowId);
    put32(original, 32, (int) (nonce >>> 32));
    put32(original, 36, (int) nonce);
    byte[] p = new byte[28 + quoted];
    p[0] = 0x45;
    put16(p, 2, p.length);
    p[8] = 64;
    p[9] = 1;
    System.arraycopy(ROUTER, 0, p, 12, 4);
    System.arraycopy(LOCAL, 0, p, 16, 4);
    p[20] = 3;
    p[21] = 4;
    put16(p, 26, mtu);
    System.arraycopy(original, 0, p, 28, quoted);
    put16(p, 22, checksum(p, 20, p.length - 20));
    return p;
  }

  static Bytes<?> direct(byte[] p) {
    Bytes<?> b = Bytes.allocateElasticDirect(Math.max(64, p.length));
    b.write(0, p, 0, p.length);
    b.writePosition(p.length);
    return b;
  }

  static byte[] read(Bytes<?> b, long at, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = b.readByte(at + i);
    }
    return out;
  }

  /** The internet checksum (RFC 1071) of a range, written independently of the main code. */
  static int checksum(byte[] p, int from, int length) {
    return fold(sum(p, from, length));
  }

  static long sum(byte[] p, int from, int length) {
    long sum = 0;
    for (int i = 0; i < length; i += 2) {
      int hi = p[from + i] & 0xff;
      int lo = i + 1 < length ? p[from + i + 1] & 0xff : 0;
      sum += (hi << 8) | lo;
    }
    return sum;
  }

  static int fold(long sum) {
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }

  static int get16(byte[] p, int at) {
    return ((p[at] & 0xff) << 8) | (p[at + 1] & 0xff);
  }

  static void put16(byte[] p, int at, int v) {
    p[at] = (byte) (v >>> 8);
    p[at + 1] = (byte) v;
  }

  static void put32(byte[] p, int at, int v) {
    put16(p, at, v >>> 16);
    put16(p, at + 2, v);
  }
}
