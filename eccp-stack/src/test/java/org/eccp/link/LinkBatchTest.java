package org.eccp.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sends batches of ECCP packets between two namespaces with {@link Link#sendBatch}: sendmmsg on
 * the raw IP link, UDP GSO out and UDP GRO in on the UDP link. Every packet must arrive whole,
 * in order and with its addresses.
 */
class LinkBatchTest {
  private static final IpAddress A = IpAddress.parse("198.18.1.1");
  private static final IpAddress B = IpAddress.parse("198.18.1.2");
  /** Packets of one batch: 30 of the full length, then a shorter one. */
  private static final int FULL = 30;
  private static final int FULL_PAYLOAD = 1400;
  private static final int SHORT_PAYLOAD = 333;

  private static TwoNamespaces net;

  @BeforeAll
  static void setUp() throws Exception {
    net = TwoNamespaces.create();
  }

  @AfterAll
  static void tearDown() {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void udpBatchArrivesWholeAndInOrder() throws Exception {
    try (UdpLink a = net.a.call(() -> UdpLink.open(7402));
        UdpLink b = net.b.call(() -> UdpLink.open(7402))) {
      sendBatchAndCheck(a, b, 0, 500);

      assertEquals(FULL + 1, a.counters().sent());
      assertEquals(FULL + 1, b.counters().received());
      assertEquals(0, b.counters().malformed());
      assertTrue(b.coalescedDatagrams() > 0, "the batch went as GSO and arrived through GRO");
    }
  }

  @Test
  void rawIpBatchArrivesWholeAndInOrder() throws Exception {
    try (RawIpLink a = net.a.call(() -> RawIpLink.open(Encapsulation.DEFAULT));
        RawIpLink b = net.b.call(() -> RawIpLink.open(Encapsulation.DEFAULT))) {
      sendBatchAndCheck(a, b, a.headroom(), 600);

      assertEquals(FULL + 1, a.counters().sent());
      assertEquals(FULL + 1, b.counters().received());
    }
  }

  @Test
  void defaultBatchSendsThroughDecorator() throws Exception {
    try (RawIpLink a = net.a.call(() -> RawIpLink.open(Encapsulation.DEFAULT));
        RawIpLink b = net.b.call(() -> RawIpLink.open(Encapsulation.DEFAULT))) {
      List<Integer> tapped = new ArrayList<>();
      Link tappedA = new TappedLink(a, (outbound, local, remote, packet) -> tapped.add(1));
      sendBatchAndCheck(tappedA, b, a.headroom(), 700);

      assertEquals(FULL + 1, tapped.size(), "the tap sees every packet of the batch");
    }
  }

  @Test
  void unimpairedLabLinkKeepsUdpGso() throws Exception {
    try (UdpLink a = net.a.call(() -> UdpLink.open(7403));
        UdpLink b = net.b.call(() -> UdpLink.open(7403))) {
      Link impairedA = new ImpairedLink(a, local -> null, System::nanoTime, () -> { });
      sendBatchAndCheck(impairedA, b, 0, 800);

      assertTrue(b.coalescedDatagrams() > 0, "the batch passed the decorator whole");
    }
  }

  @Test
  void segmentRunStopsAtGapLongerAndShorterPackets() {
    PacketBatch batch = new PacketBatch(8);
    batch.add(0, 100);
    batch.add(100, 100);
    batch.add(200, 60);
    batch.add(260, 60);
    assertEquals(3, UdpLink.segmentRun(batch, 0), "a shorter packet ends the run");
    assertEquals(2, UdpLink.segmentRun(batch, 2));

    batch.clear();
    batch.add(0, 100);
    batch.add(120, 100);
    assertEquals(1, UdpLink.segmentRun(batch, 0), "a gap ends the run");

    batch.clear();
    batch.add(0, 100);
    batch.add(100, 101);
    assertEquals(1, UdpLink.segmentRun(batch, 0), "a longer packet ends the run");
  }

  @Test
  void segmentRunKeepsKernelLimits() {
    PacketBatch many = new PacketBatch(100);
    for (int i = 0; i < 100; i++) {
      many.add(i * 10L, 10);
    }
    assertEquals(UdpLink.MAX_SEGMENTS, UdpLink.segmentRun(many, 0));

    PacketBatch big = new PacketBatch(60);
    for (int i = 0; i < 60; i++) {
      big.add(i * 1500L, 1500);
    }
    assertEquals(UdpLink.MAX_GSO_BYTES / 1500, UdpLink.segmentRun(big, 0));
  }

  /**
   * Lays out a batch with {@code headroom} free bytes before each packet, sends it from a to b
   * and checks every packet that b receives. {@code firstFlow} numbers the packets.
   */
  private static void sendBatchAndCheck(Link from, Link to, int headroom, int firstFlow)
      throws Exception {
    Bytes<?> out = Bytes.allocateDirect(128 * 1024);
    out.singleThreadedCheckDisabled(true);
    PacketBatch batch = new PacketBatch(FULL + 1);
    long at = 0;
    for (int i = 0; i <= FULL; i++) {
      int payload = i < FULL ? FULL_PAYLOAD : SHORT_PAYLOAD;
      at += headroom;
      int length = writeData(out, at, firstFlow + i, payload);
      batch.add(at, length);
      at += length;
    }
    CompletableFuture<List<Bytes<?>>> received =
        CompletableFuture.supplyAsync(() -> receiveAll(to, FULL + 1));
    Thread.sleep(50);

    int sent = 0;
    while (sent < batch.count()) {
      sent += from.sendBatch(A, B, out, batch, sent);
    }

    List<Bytes<?>> packets;
    try {
      packets = received.get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      to.wakeup();
      throw new AssertionError("not every packet arrived; counters: " + to.counters(), e);
    }
    for (int i = 0; i <= FULL; i++) {
      int payload = i < FULL ? FULL_PAYLOAD : SHORT_PAYLOAD;
      checkData(packets.get(i), firstFlow + i, payload);
    }
    out.releaseLast();
  }

  /** Writes a DATA packet whose payload bytes derive from its flowID; returns its length. */
  private static int writeData(Bytes<?> b, long at, int flow, int payload) {
    EccpPacket header = new EccpPacket(PacketType.DATA, NextProtocol.DATAGRAM, flow, 7,
        0x1122334455667788L, 0, 0, null, null, 0, 0);
    int length = EccpHeader.lengthOf(header);
    new EccpHeader().wrap(b, at, length).emit(header);
    for (int k = 0; k < payload; k++) {
      b.writeByte(at + length + k, (byte) (flow + k));
    }
    return length + payload;
  }

  private static void checkData(Bytes<?> in, int flow, int payload) {
    long start = in.readPosition();
    int length = (int) (in.readLimit() - start);
    EccpHeader header = new EccpHeader().wrap(in, start, length);
    assertTrue(header.check().ok(), "packet " + flow + ": " + header.lastCheck().problem());
    assertEquals(flow, header.senderFlowId(), "packets arrive in order");
    assertEquals(payload, header.payloadLength(), "payload length of packet " + flow);
    for (int k = 0; k < payload; k++) {
      assertEquals((byte) (flow + k), in.readByte(header.payloadOffset() + k),
          "byte " + k + " of packet " + flow);
    }
  }

  /** Receives {@code count} packets into one reused buffer, as the stack does, and copies each. */
  private static List<Bytes<?>> receiveAll(Link link, int count) {
    Bytes<?> in = Bytes.allocateDirect(65536 + 128);
    in.singleThreadedCheckDisabled(true);
    ReceivedPacket meta = new ReceivedPacket();
    List<Bytes<?>> packets = new ArrayList<>();
    try {
      while (packets.size() < count && link.receive(in, meta)) {
        assertEquals(A, meta.source());
        assertEquals(B, meta.destination());
        Bytes<?> copy = Bytes.allocateElasticDirect(2048);
        long start = in.readPosition();
        copy.write(in, start, in.readLimit() - start);
        packets.add(copy);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      in.releaseLast();
    }
    return packets;
  }
}
