package org.eccp.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import org.eccp.link.Link;
import org.eccp.link.ReceivedPacket;
import org.eccp.link.UdpLink;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.wire.CheckResult;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpLocator;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real UDP link in a namespace of its own, wrapped for capture, sends a packet to itself. */
class CapturingLinkTest {
  private static final IpAddress LOOPBACK = IpAddress.parse("127.0.0.1");
  private static final EccpPacket DATA = new EccpPacket(PacketType.DATA, NextProtocol.DATAGRAM,
      0x0a, 0x0b, 0x1122334455667788L, 0, 0, null, null, 0, 0);

  @TempDir Path dir;

  @Test
  void udpLink_capturesSentAndReceivedPackets() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a namespace");
    Path file = dir.resolve("link.pcap");
    AtomicLong clock = new AtomicLong(1_000_000_000L);
    Bytes<?> out = Bytes.allocateDirect(256);
    Bytes<?> in = Bytes.allocateDirect(2048);
    try (NetworkNamespace namespace = NetworkNamespace.createUnique("eccpt-pcap")) {
      namespace.exec("ip", "link", "set", "lo", "up");
      try (EccpCapture capture = new EccpCapture(PcapWriter.create(file), 253);
          Link link = capture.capturing(namespace.call(() -> UdpLink.open(7400)),
              () -> clock.getAndAdd(1000))) {
        int length = EccpHeader.lengthOf(DATA) + 5;
        new EccpHeader().wrap(out.bytesStore(), 64, length).emit(DATA);
        out.readPositionRemaining(64, length);

        link.send(LOOPBACK, LOOPBACK, out);
        ReceivedPacket meta = new ReceivedPacket();
        assertTrue(link.receive(in, meta), "the packet sent to itself arrives");
        assertEquals(LOOPBACK, meta.source());
      }
    } finally {
      out.releaseLast();
      in.releaseLast();
    }

    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int first = 24;
    int second = first + 16 + b.getInt(first + 8);
    assertEquals(bytes.length, second + 16 + b.getInt(second + 8), "two records");
    assertEquals(1_000_000_000L, b.getInt(first + 4) + 1_000_000_000L * b.getInt(first));
    assertEquals(1_000_001_000L, b.getInt(second + 4) + 1_000_000_000L * b.getInt(second));
    for (int at : new int[] {first, second}) {
      byte[] record = Arrays.copyOfRange(bytes, at + 16, at + 16 + b.getInt(at + 8));
      EccpLocator locator = new EccpLocator(Encapsulation.DEFAULT);
      CheckResult located = locator.locate(BytesStore.wrap(record), 0, record.length);
      assertTrue(located.ok(), located.message());
      assertTrue(locator.header().check().ok());
      assertEquals(DATA, locator.header().toPacket());
      assertEquals(5, locator.header().payloadLength());
    }
  }
}
