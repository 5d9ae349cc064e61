package org.eccp.tun;

import java.nio.ByteBuffer;

/** IPv4, UDP and ICMP packets built by hand for tests, in network order. */
final class TestPackets {
  private TestPackets() {}

  static byte[] ipv4(int src, int dst, int protocol, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length));
    b.putShort((short) 0x1234).putShort((short) 0x4000);
    b.put((byte) 64).put((byte) protocol).putShort((short) 0);
    b.putInt(src).putInt(dst);
    b.putShort(10, (short) checksum(b.array(), 0, 20));
    b.position(20);
    b.put(payload);
    return b.array();
  }

  /** A UDP datagram with checksum 0, which IPv4 allows. */
  static byte[] udp(int srcPort, int dstPort, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + data.length);
    b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + data.length))
        .putShort((short) 0).put(data);
    return b.array();
  }

  static byte[] icmpEchoRequest(int id, int seq, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + data.length);
    b.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq)
        .put(data);
    b.putShort(2, (short) checksum(b.array(), 0, b.capacity()));
    return b.array();
  }

  static int checksum(byte[] data, int from, int length) {
    long sum = 0;
    for (int i = 0; i + 1 < length; i += 2) {
      sum += ((data[from + i] & 0xff) << 8) | (data[from + i + 1] & 0xff);
    }
    if ((length & 1) != 0) {
      sum += (data[from + length - 1] & 0xff) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }
}
