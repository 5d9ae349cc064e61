package org.eccp.wire;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values behind the golden vectors of docs/protocol.md, by vector name. A two-host story:
 * host A (flowID 0xa1, nonce a1a1...) opens a connection to host B (flowID 0xb2, nonce b2b2...),
 * moves to a new address, adds a second flow and closes.
 */
final class GoldenPackets {
  static final int FLOW_A = 0xa1;
  static final int FLOW_B = 0xb2;
  static final int FLOW_A2 = 0xa3;
  static final long NONCE_A = 0xa1a1a1a1a1a1a1a1L;
  static final long NONCE_B = 0xb2b2b2b2b2b2b2b2L;
  static final long NONCE_A2 = 0xa3a3a3a3a3a3a3a3L;
  static final IpAddress A_FIRST = IpAddress.parse("198.18.0.1");
  static final IpAddress A_SECOND = IpAddress.parse("198.18.1.1");
  static final IpAddress B_ADDRESS = IpAddress.parse("198.19.0.2");
  static final IpAddress A_V6 = IpAddress.parse("fd00::a");

  /** One vector: the header value and the payload bytes that follow it. */
  record Vector(EccpPacket packet, byte[] payload) {}

  private GoldenPackets() {}

  static Map<String, Vector> all() {
    Map<String, Vector> v = new LinkedHashMap<>();
    v.put("syn", control(PacketType.SYN, FLOW_A, 0, 0, 1, 0,
        list(entry(A_FIRST, 0), entry(A_SECOND, 1)), null, NONCE_A, 0));
    v.put("syn-ack", control(PacketType.SYN_ACK, FLOW_B, FLOW_A, NONCE_A, 1, 1,
        list(entry(B_ADDRESS, 0)), null, NONCE_B, 0));
    v.put("ack", control(PacketType.ACK, FLOW_A, FLOW_B, NONCE_B, 1, 1, null, null, 0, 0));
    v.put("rsyn", control(PacketType.RSYN, FLOW_A, FLOW_B, NONCE_B, 2, 0,
        list(entry(A_SECOND, 0)), A_SECOND, 0, 0));
    v.put("rsyn-ack", control(PacketType.RSYN_ACK, FLOW_B, FLOW_A, NONCE_A, 1, 2, null, null, 0,
        0));
    v.put("fin", control(PacketType.FIN, FLOW_A, FLOW_B, NONCE_B, 2, 0, null, null, 0, 0));
    v.put("fin-ack", control(PacketType.FIN_ACK, FLOW_B, FLOW_A, NONCE_A, 1, 2, null, null, 0,
        0));
    v.put("rst", control(PacketType.RST, FLOW_B, FLOW_A, NONCE_A, 1, 0, null, null, 0, 0));
    v.put("nack", control(PacketType.NACK, FLOW_B, FLOW_A, NONCE_A, 1, 0, null, null, 0, 0));
    v.put("data", new Vector(new EccpPacket(PacketType.DATA, NextProtocol.DATAGRAM, FLOW_A, FLOW_B,
        NONCE_B, 0, 0, null, null, 0, 0), ascii("ping")));
    v.put("data-ack", new Vector(new EccpPacket(PacketType.DATA_ACK, NextProtocol.TCP_LITE,
        FLOW_B, FLOW_A, NONCE_A, 1, 2, null, null, 0, 0), ascii("pong")));
    v.put("syn-join", control(PacketType.SYN, FLOW_A2, 0, NONCE_B, 2, 0, null, null, NONCE_A2,
        FLOW_B));
    v.put("syn-ipv6", control(PacketType.SYN, FLOW_A, 0, 0, 1, 0,
        list(entry(A_V6, 0), entry(A_FIRST, 1)), null, NONCE_A, 0));
    return v;
  }

  private static Vector control(PacketType type, int sender, int receiver, long nonce,
      int version, int ackVersion, InterfaceList ilist, IpAddress newAddress, long senderNonce,
      int join) {
    return new Vector(new EccpPacket(type, NextProtocol.NONE, sender, receiver, nonce, version,
        ackVersion, ilist, newAddress, senderNonce, join), new byte[0]);
  }

  private static InterfaceList list(InterfaceList.Entry... entries) {
    return new InterfaceList(List.of(entries));
  }

  private static InterfaceList.Entry entry(IpAddress address, int preference) {
    return new InterfaceList.Entry(address, preference);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
