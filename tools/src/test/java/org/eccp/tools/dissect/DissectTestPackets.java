package org.eccp.tools.dissect;

import java.nio.ByteBuffer;
import java.util.List;
import net.openhft.chronicle.bytes.BytesStore;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;

/** Builds ECCP packets with the codec and wraps them in IPv4 or IPv6, directly or in UDP. */
public final class DissectTestPackets {
  public static final IpAddress A4 = IpAddress.parse("198.18.0.1");
  public static final IpAddress B4 = IpAddress.parse("198.18.0.2");
  public static final IpAddress A6 = IpAddress.parse("fd00::1");
  public static final IpAddress B6 = IpAddress.parse("fd00::2");
  public static final int PROTOCOL = 253;
  public static final int PORT = 7400;

  private DissectTestPackets() {}

  /** One packet of each type, each with the extensions that the type may carry. */
  public static List<EccpPacket> oneOfEachType() {
    InterfaceList ilist = new InterfaceList(List.of(new InterfaceList.Entry(A4, 0),
        new InterfaceList.Entry(A6, 1)));
    return List.of(
        packet(PacketType.SYN, 0x0000_0000, 0L, 1, 0, ilist, null, 0x1122334455667788L, 0),
        packet(PacketType.SYN_ACK, 0x0a0b0c0d, 0x1122334455667788L, 1, 1, ilist, null,
            0x99aabbccddeeff00L, 0),
        packet(PacketType.ACK, 0x0a0b0c0d, 0x99aabbccddeeff00L, 1, 1, null, null, 0, 0),
        packet(PacketType.RSYN, 0x0a0b0c0d, 0x99aabbccddeeff00L, 2, 1, ilist,
            IpAddress.parse("198.18.1.1"), 0, 0),
        packet(PacketType.RSYN_ACK, 0x0a0b0c0d, 0x99aabbccddeeff00L, 1, 2, ilist, null, 0, 0),
        packet(PacketType.FIN, 0x0a0b0c0d, 0x99aabbccddeeff00L, 2, 0, null, null, 0, 0),
        packet(PacketType.FIN_ACK, 0x0a0b0c0d, 0x99aabbccddeeff00L, 2, 2, null, null, 0, 0),
        packet(PacketType.RST, 0x0a0b0c0d, 0x99aabbccddeeff00L, 2, 0, null, null, 0, 0),
        packet(PacketType.NACK, 0x0a0b0c0d, 0x99aabbccddeeff00L, 2, 0, null, null, 0, 0),
        packet(PacketType.DATA, 0x0a0b0c0d, 0x99aabbccddeeff00L, 0, 0, null, null, 0, 0),
        packet(PacketType.DATA_ACK, 0x0a0b0c0d, 0x99aabbccddeeff00L, 0, 2, null, null, 0, 0),
        // A SYN that adds a flow to an existing connection.
        packet(PacketType.SYN, 0, 0x99aabbccddeeff00L, 2, 0, null, null, 0x5555666677778888L,
            0x0a0b0c0d));
  }

  public static EccpPacket packet(PacketType type, int receiverFlowId, long nonce, int version,
      int ackVersion, InterfaceList ilist, IpAddress newAddress, long senderNonce, int join) {
    int next = type.carriesPayload() ? NextProtocol.DATAGRAM : NextProtocol.NONE;
    return new EccpPacket(type, next, 0x01020304, receiverFlowId, nonce,
        type.isControl() ? version : 0, type.acknowledges() ? ackVersion : 0, ilist, newAddress,
        senderNonce, join);
  }

  /** Returns the ECCP header of {@code packet} followed by {@code payload} zero bytes. */
  public static byte[] eccp(EccpPacket packet, int payload) {
    int headerLength = EccpHeader.lengthOf(packet);
    byte[] bytes = new byte[headerLength + payload];
    BytesStore<?, byte[]> store = BytesStore.wrap(bytes);
    new EccpHeader().wrap(store, 0, headerLength).emit(packet);
    return bytes;
  }

  /** Wraps an ECCP header in IP ({@code udp} false) or in UDP on port 7400. */
  public static byte[] ip(boolean v6, boolean udp, byte[] eccp) {
    byte[] transport = udp ? udp(eccp) : eccp;
    int protocol = udp ? 17 : PROTOCOL;
    return v6 ? ipv6(A6, B6, protocol, transport) : ipv4(A4, B4, protocol, transport);
  }

  public static byte[] udp(byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
    b.putShort((short) 40000).putShort((short) PORT).putShort((short) (8 + payload.length))
        .putShort((short) 0).put(payload);
    return b.array();
  }

  public static byte[] ipv4(IpAddress source, IpAddress destination, int protocol, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putInt(0)
        .put((byte) 64).put((byte) protocol).putShort((short) 0).put(source.toBytes())
        .put(destination.toBytes()).put(payload);
    int sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += b.getShort(i) & 0xffff;
    }
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    b.putShort(10, (short) ~sum);
    return b.array();
  }

  public static byte[] ipv6(IpAddress source, IpAddress destination, int nextHeader, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
    b.putInt(0x60000000).putShort((short) payload.length).put((byte) nextHeader).put((byte) 64)
        .put(source.toBytes()).put(destination.toBytes()).put(payload);
    return b.array();
  }
}
