package org.eccp.tools.dissect;

import java.util.Arrays;
import java.util.List;
import net.openhft.chronicle.bytes.BytesStore;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.Ipv4Header;
import org.eccp.wire.Ipv6Header;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketFramer;
import org.eccp.wire.PacketType;
import org.eccp.wire.UdpHeader;

/** Builds ECCP packets with the stack's codec and framer, in IPv4 or IPv6, directly or in UDP. */
public final class DissectTestPackets {
  public static final IpAddress A4 = IpAddress.parse("198.18.0.1");
  public static final IpAddress B4 = IpAddress.parse("198.18.0.2");
  public static final IpAddress A6 = IpAddress.parse("fd00::1");
  public static final IpAddress B6 = IpAddress.parse("fd00::2");
  public static final int PROTOCOL = 253;
  public static final int PORT = 7400;

  private DissectTestPackets() {}

  /** Returns one packet of each type, each with the extensions that the type may carry. */
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

  /** Frames {@code packet} and {@code payload} zero bytes with the stack's framer. */
  public static byte[] framed(EccpPacket packet, int payload, boolean v6, boolean udp) {
    Encapsulation encapsulation = udp ? Encapsulation.DEFAULT.withUdp(PORT) : Encapsulation.DEFAULT;
    byte[] bytes = new byte[PacketFramer.MAX_HEADROOM + payload];
    long start = new PacketFramer(encapsulation).frame(BytesStore.wrap(bytes),
        PacketFramer.MAX_HEADROOM, payload, packet, v6 ? A6 : A4, v6 ? B6 : B4);
    return Arrays.copyOfRange(bytes, (int) start, bytes.length);
  }

  /** Wraps any bytes as ECCP in IP ({@code udp} false) or in UDP on port 7400. */
  public static byte[] ip(boolean v6, boolean udp, byte[] eccp) {
    return frame(v6 ? A6 : A4, v6 ? B6 : B4, udp ? Encapsulation.UDP_PROTOCOL : PROTOCOL,
        udp ? PORT : -1, eccp);
  }

  /**
   * Wraps {@code payload} in an IP header of {@code protocol} and, when {@code udpPort} is
   * positive, a UDP header from and to that port.
   */
  public static byte[] frame(IpAddress source, IpAddress destination, int protocol, int udpPort,
      byte[] payload) {
    int ipLength = source.isV6() ? Ipv6Header.LENGTH : Ipv4Header.MIN_LENGTH;
    int udpLength = udpPort > 0 ? UdpHeader.LENGTH + payload.length : 0;
    byte[] bytes = new byte[ipLength + (udpPort > 0 ? UdpHeader.LENGTH : 0) + payload.length];
    System.arraycopy(payload, 0, bytes, bytes.length - payload.length, payload.length);
    BytesStore<?, byte[]> store = BytesStore.wrap(bytes);
    if (udpPort > 0) {
      new UdpHeader().wrap(store, ipLength, udpLength)
          .write(udpPort, udpPort, udpLength, source, destination);
    }
    if (source.isV6()) {
      new Ipv6Header().wrap(store, 0, ipLength)
          .write(bytes.length - ipLength, protocol, 64, source, destination);
    } else {
      new Ipv4Header().wrap(store, 0, ipLength)
          .write(bytes.length, 64, protocol, source.v4Bits(), destination.v4Bits());
    }
    return bytes;
  }
}
