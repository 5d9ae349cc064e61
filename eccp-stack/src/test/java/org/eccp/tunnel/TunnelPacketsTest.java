package org.eccp.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.openhft.chronicle.bytes.Bytes;
import org.eccp.link.ReceivedPacket;
import org.eccp.link.SimLink;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tunnel's per-packet work on buffers, with the flows of a real handshake. */
class TunnelPacketsTest {
  private static final int MTU = 1400;

  private final Routes routes = EstablishedRoutes.serverSide(1, 2);
  private final Routes.Route route = routes.all[0];
  private final TunnelCounters counters = new TunnelCounters();
  private final TunnelPackets packets = new TunnelPackets(counters, MTU);
  private final Bytes<?> buffer = Bytes.allocateElasticDirect(2048);

  @AfterEach
  void release() {
    buffer.releaseLast();
  }

  @Test
  void acceptTakesDataOfFlowWithNonce() {
    EccpHeader h = received(data(route.localFlowId(), route.localNonce(),
        NextProtocol.TUNNELLED_IP));

    assertSame(route, TunnelPackets.accept(h, addresses(EstablishedRoutes.SERVER), routes));
  }

  @Test
  void acceptLeavesOtherPacketsToEngine() {
    int flow = route.localFlowId();
    long nonce = route.localNonce();
    ReceivedPacket toServer = addresses(EstablishedRoutes.SERVER);

    assertNull(TunnelPackets.accept(received(data(flow, nonce + 1, NextProtocol.TUNNELLED_IP)),
        toServer, routes), "wrong nonce");
    assertNull(TunnelPackets.accept(received(data(flow + 1, nonce, NextProtocol.TUNNELLED_IP)),
        toServer, routes), "unknown flowID");
    assertNull(TunnelPackets.accept(received(data(flow, nonce, NextProtocol.DATAGRAM)),
        toServer, routes), "not tunnelled IP");
    assertNull(TunnelPackets.accept(received(data(flow, nonce, NextProtocol.TUNNELLED_IP)),
        addresses(IpAddress.parse("198.18.1.9")), routes), "sent to another local address");
  }

  @Test
  void encapsulateWritesFlowDataHeader() {
    byte[] inner = MssClampTest.ipv4Syn(1000, 0x10);
    buffer.write(64, inner);

    long eccp = packets.encapsulate(buffer, 64, route);

    assertEquals(64 - EccpHeader.FIXED_LENGTH, eccp);
    EccpHeader h = new EccpHeader().wrap(buffer, eccp, EccpHeader.FIXED_LENGTH + inner.length);
    assertTrue(h.check().ok(), "header check: " + h.lastCheck().problem());
    assertEquals(route.dataHeader(), h.toPacket());
    assertEquals(inner.length, h.payloadLength());
  }

  @Test
  void checkInnerDropsShortAndClampsSyn() {
    buffer.write(0, new byte[10]);
    assertFalse(packets.checkInner(buffer, 0, 10));
    assertEquals(1, counters.dropTooShort.get());

    byte[] syn = MssClampTest.ipv4Syn(1460, 0x02);
    buffer.write(100, syn);
    assertTrue(packets.checkInner(buffer, 100, syn.length));
    assertEquals(1, counters.mssClamped.get());
  }

  private static EccpPacket data(int receiverFlowId, long nonce, int nextProtocol) {
    return new EccpPacket(PacketType.DATA, nextProtocol, 0x77, receiverFlowId, nonce, 0, 0,
        null, null, 0, 0);
  }

  /** Writes the packet with a 40-byte payload and returns its checked header view. */
  private EccpHeader received(EccpPacket p) {
    new EccpHeader().wrap(buffer, 0, EccpHeader.FIXED_LENGTH).emit(p);
    buffer.write(EccpHeader.FIXED_LENGTH, new byte[40]);
    EccpHeader h = new EccpHeader().wrap(buffer, 0, EccpHeader.FIXED_LENGTH + 40);
    assertTrue(h.check().ok(), "header check: " + h.lastCheck().problem());
    return h;
  }

  /** Returns the addresses of a packet from the client to {@code destination}, set by a link. */
  private static ReceivedPacket addresses(IpAddress destination) {
    SimLink link = new SimLink((s, d, p) -> { });
    link.enqueue(EstablishedRoutes.CLIENT, destination, new byte[] {0});
    ReceivedPacket into = new ReceivedPacket();
    Bytes<?> scratch = Bytes.allocateElasticDirect(64);
    link.receive(scratch, into);
    scratch.releaseLast();
    return into;
  }
}
