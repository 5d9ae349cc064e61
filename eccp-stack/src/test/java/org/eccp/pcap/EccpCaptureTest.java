package org.eccp.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import org.eccp.pcap.PacketTap.Direction;
import org.eccp.wire.CheckResult;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpLocator;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EccpCaptureTest {
  private static final IpAddress LOCAL4 = IpAddress.parse("198.18.0.1");
  private static final IpAddress REMOTE4 = IpAddress.parse("198.18.0.2");
  private static final IpAddress LOCAL6 = IpAddress.parse("fd00::1");
  private static final IpAddress REMOTE6 = IpAddress.parse("fd00::2");

  @TempDir Path dir;

  private static final EccpPacket RSYN = new EccpPacket(PacketType.RSYN, NextProtocol.NONE,
      0x11, 0x22, 0x3344L, 5, 0, InterfaceList.of(LOCAL4, LOCAL6), IpAddress.parse("198.18.1.1"),
      0, 0);
  private static final EccpPacket DATA = new EccpPacket(PacketType.DATA, NextProtocol.DATAGRAM,
      0x22, 0x11, 0x5566L, 0, 0, null, null, 0, 0);

  /** Returns a direct buffer with {@code packet} and {@code payload} bytes between its read positions. */
  private static Bytes<Void> buffer(EccpPacket packet, int payload) {
    int headerLength = EccpHeader.lengthOf(packet);
    Bytes<Void> b = Bytes.allocateDirect(64 + headerLength + payload);
    new EccpHeader().wrap(b.bytesStore(), 64, headerLength + payload).emit(packet);
    b.readPositionRemaining(64, headerLength + payload);
    return b;
  }

  @Test
  void capturedPackets_parseBackWithTheLocator() throws IOException {
    Path file = dir.resolve("link.pcap");
    Bytes<Void> rsyn = buffer(RSYN, 0);
    Bytes<Void> data = buffer(DATA, 100);
    try (EccpCapture capture = new EccpCapture(PcapWriter.create(file), 253)) {
      capture.capture(Direction.OUTBOUND, LOCAL4, REMOTE4, rsyn, 1_000_000_000L);
      capture.capture(Direction.INBOUND, LOCAL6, REMOTE6, data, 2_000_000_000L);
      assertEquals(64, rsyn.readPosition(), "the packet's positions do not move");
      assertEquals(0, capture.failedWrites());
    } finally {
      rsyn.releaseLast();
      data.releaseLast();
    }

    List<byte[]> records = records(file);
    assertEquals(2, records.size());
    EccpLocator locator = new EccpLocator(Encapsulation.DEFAULT);

    BytesStore<?, byte[]> first = BytesStore.wrap(records.get(0));
    CheckResult located = locator.locate(first, 0, records.get(0).length);
    assertTrue(located.ok(), located.message());
    assertEquals(LOCAL4, locator.source(), "outbound: from the local address");
    assertEquals(REMOTE4, locator.destination());
    assertTrue(locator.header().check().ok());
    assertEquals(RSYN, locator.header().toPacket());

    BytesStore<?, byte[]> second = BytesStore.wrap(records.get(1));
    located = locator.locate(second, 0, records.get(1).length);
    assertTrue(located.ok(), located.message());
    assertEquals(REMOTE6, locator.source(), "inbound: from the remote address");
    assertEquals(LOCAL6, locator.destination());
    assertTrue(locator.header().check().ok());
    assertEquals(DATA, locator.header().toPacket());
    assertEquals(100, locator.header().payloadLength());
  }

  @Test
  void unusablePackets_countedNotWritten() throws IOException {
    Path file = dir.resolve("refused.pcap");
    Bytes<Void> direct = buffer(DATA, 0);
    Bytes<byte[]> heap = Bytes.allocateElasticOnHeap(64);
    heap.write(new byte[20]);
    try (EccpCapture capture = new EccpCapture(PcapWriter.create(file), 253)) {
      capture.capture(Direction.OUTBOUND, LOCAL4, REMOTE6, direct, 1);
      capture.capture(Direction.OUTBOUND, LOCAL4, REMOTE4, heap, 2);
      assertEquals(2, capture.failedWrites());
    } finally {
      direct.releaseLast();
      heap.releaseLast();
    }
    assertEquals(24, Files.size(file));
  }

  @Test
  void snapLength_cutsHeaderAndPacketTogether() throws IOException {
    Path file = dir.resolve("snap.pcap");
    Bytes<Void> rsyn = buffer(RSYN, 0);
    try (EccpCapture capture = new EccpCapture(PcapWriter.create(file, 30), 253)) {
      capture.capture(Direction.OUTBOUND, LOCAL4, REMOTE4, rsyn, 1);
    } finally {
      rsyn.releaseLast();
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(30, b.getInt(24 + 8));
    assertEquals(20 + EccpHeader.lengthOf(RSYN), b.getInt(24 + 12));
    assertEquals(24 + 16 + 30, b.limit());
  }

  /** Returns the packet bytes of every record in a pcap file written by {@link PcapWriter}. */
  private static List<byte[]> records(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> out = new ArrayList<>();
    for (int at = 24; at < bytes.length; ) {
      int captured = b.getInt(at + 8);
      out.add(Arrays.copyOfRange(bytes, at + 16, at + 16 + captured));
      at += 16 + captured;
    }
    return out;
  }
}
