package org.eccp.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.pcap.PacketTap.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapTapTest {
  @TempDir Path dir;

  @Test
  void bothDirections_areWrittenInOrder() throws IOException {
    Path file = dir.resolve("tap.pcap");
    Bytes<Void> buffer = Bytes.allocateDirect(128);
    try {
      buffer.write(0, PcapWriterTest.ipv4(253, 40));
      buffer.write(64, PcapWriterTest.ipv6(253, 60));
      try (PcapTap tap = new PcapTap(PcapWriter.create(file))) {
        tap.onPacket(Direction.OUTBOUND, buffer.addressForRead(0), 40, 1_000_000_000L);
        tap.onPacket(Direction.INBOUND, buffer.addressForRead(64), 60, 2_000_000_000L);
      }
    } finally {
      buffer.releaseLast();
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(24 + 16 + 40 + 16 + 60, b.limit());
    assertEquals(1, b.getInt(24));
    assertEquals(0x45, b.get(24 + 16));
    assertEquals(2, b.getInt(24 + 16 + 40));
    assertEquals(0x60, b.get(24 + 16 + 40 + 16));
  }

  @Test
  void directionFilter_skipsTheOtherDirection() throws IOException {
    Path file = dir.resolve("inbound.pcap");
    Bytes<Void> buffer = Bytes.allocateDirect(64);
    try {
      buffer.write(0, PcapWriterTest.ipv4(17, 40));
      PcapWriter writer = PcapWriter.create(file);
      try (PcapTap tap = new PcapTap(writer, true, false)) {
        tap.onPacket(Direction.OUTBOUND, buffer.addressForRead(0), 40, 1);
        tap.onPacket(Direction.INBOUND, buffer.addressForRead(0), 40, 2);
        assertEquals(1, writer.packetsWritten());
      }
    } finally {
      buffer.releaseLast();
    }
    assertEquals(24 + 16 + 40, Files.size(file));
  }

  @Test
  void failedWrite_stopsCaptureAndCounts() throws IOException {
    PcapWriter writer = PcapWriter.create(dir.resolve("failing.pcap"));
    PcapTap tap = new PcapTap(writer);
    writer.close(); // the next write fails as a full disk would
    Bytes<Void> buffer = Bytes.allocateDirect(64);
    try {
      tap.onPacket(Direction.INBOUND, buffer.addressForRead(0), 40, 1);
      tap.onPacket(Direction.INBOUND, buffer.addressForRead(0), 40, 2);
    } finally {
      buffer.releaseLast();
    }
    assertEquals(2, tap.failedWrites());
    tap.close();
    tap.onPacket(Direction.INBOUND, 0, 40, 3);
    assertEquals(2, tap.failedWrites(), "packets after close are ignored, not failures");
  }
}
