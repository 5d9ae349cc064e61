package org.eccp.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {
  private static final long T0 = 1_764_806_400_123_456_789L; // 2025-12-04T00:00:00.123456789Z

  @TempDir Path dir;

  @Test
  void fileHeader_isNanosecondRawPcap() throws IOException {
    Path file = dir.resolve("empty.pcap");
    PcapWriter.create(file, 1500).close();

    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(24, b.limit());
    assertEquals(0xa1b23c4d, b.getInt(0));
    assertEquals(2, b.getShort(4));
    assertEquals(4, b.getShort(6));
    assertEquals(1500, b.getInt(16));
    assertEquals(101, b.getInt(20));
  }

  @Test
  void records_keepTimeLengthsAndBytes() throws IOException {
    Path file = dir.resolve("records.pcap");
    byte[] first = ipv4(253, 40);
    byte[] second = ipv6(17, 60);
    ByteBuffer direct = ByteBuffer.allocateDirect(second.length).put(second).flip();
    try (PcapWriter w = PcapWriter.create(file)) {
      w.write(ByteBuffer.wrap(first), T0);
      w.write(direct, T0 + 1_000_000_001L);
      assertEquals(0, direct.position(), "writing leaves the source position alone");
      assertEquals(2, w.packetsWritten());
    }

    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int at = 24;
    assertEquals(T0 / 1_000_000_000L, b.getInt(at) & 0xffffffffL);
    assertEquals(123_456_789, b.getInt(at + 4));
    assertEquals(first.length, b.getInt(at + 8));
    assertEquals(first.length, b.getInt(at + 12));
    assertArrayEquals(first, Arrays.copyOfRange(b.array(), at + 16, at + 16 + first.length));
    at += 16 + first.length;
    assertEquals(T0 / 1_000_000_000L + 1, b.getInt(at) & 0xffffffffL);
    assertEquals(123_456_790, b.getInt(at + 4));
    assertArrayEquals(second, Arrays.copyOfRange(b.array(), at + 16, at + 16 + second.length));
    assertEquals(at + 16 + second.length, b.limit());
  }

  @Test
  void chronicleAndAddressSources_writeSameRecords() throws IOException {
    byte[] packet = ipv4(17, 100);
    Bytes<Void> direct = Bytes.allocateDirect(packet.length + 8);
    Bytes<byte[]> heap = Bytes.allocateElasticOnHeap(packet.length + 8);
    try {
      direct.write(8, packet);
      heap.write(8, packet);
      Path viaDirect = dir.resolve("direct.pcap");
      Path viaHeap = dir.resolve("heap.pcap");
      Path viaAddress = dir.resolve("address.pcap");
      try (PcapWriter a = PcapWriter.create(viaDirect);
          PcapWriter b = PcapWriter.create(viaHeap);
          PcapWriter c = PcapWriter.create(viaAddress)) {
        a.write(direct.bytesStore(), 8, packet.length, T0);
        b.write(heap.bytesStore(), 8, packet.length, T0);
        c.writeFromAddress(direct.addressForRead(8), packet.length, T0);
      }
      byte[] expected = Files.readAllBytes(viaDirect);
      assertEquals(24 + 16 + packet.length, expected.length);
      assertArrayEquals(expected, Files.readAllBytes(viaHeap));
      assertArrayEquals(expected, Files.readAllBytes(viaAddress));
    } finally {
      direct.releaseLast();
      heap.releaseLast();
    }
  }

  @Test
  void longPacket_isCutToSnapLength() throws IOException {
    Path file = dir.resolve("snap.pcap");
    byte[] packet = ipv4(17, 300);
    try (PcapWriter w = PcapWriter.create(file, 64)) {
      w.write(ByteBuffer.wrap(packet), T0);
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(64, b.getInt(24 + 8), "captured length");
    assertEquals(packet.length, b.getInt(24 + 12), "original length");
    assertEquals(24 + 16 + 64, b.limit());
  }

  @Test
  void manyPackets_passThroughTheBuffer() throws IOException {
    Path file = dir.resolve("many.pcap");
    byte[] packet = ipv4(253, 1400);
    int count = 500; // about 700 KB, several buffer drains
    try (PcapWriter w = PcapWriter.create(file)) {
      for (int i = 0; i < count; i++) {
        w.write(ByteBuffer.wrap(packet), T0 + i);
      }
    }
    assertEquals(24L + count * (16L + packet.length), Files.size(file));
  }

  @Test
  void writeFromAddress_allocatesNothingPerPacket() throws IOException {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    byte[] packet = ipv4(253, 200);
    Bytes<Void> direct = Bytes.allocateDirect(packet.length);
    try (PcapWriter w = PcapWriter.create(dir.resolve("alloc.pcap"))) {
      direct.write(0, packet);
      long address = direct.addressForRead(0);
      for (int i = 0; i < 20_000; i++) { // warm up: JIT compilation allocates
        w.writeFromAddress(address, packet.length, T0 + i);
      }
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 20_000; i++) {
        w.writeFromAddress(address, packet.length, T0 + i);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      // About 4 MB pass through the buffer; a few hundred bytes of slack for the measurement.
      assertTrue(allocated < 2_000, allocated + " bytes allocated for 20000 packets");
    } finally {
      direct.releaseLast();
    }
  }

  @Test
  void writeAfterClose_fails() throws IOException {
    PcapWriter w = PcapWriter.create(dir.resolve("closed.pcap"));
    w.close();
    w.close();
    assertThrows(IOException.class, () -> w.write(ByteBuffer.wrap(ipv4(253, 30)), T0));
  }

  @Test
  void invalidSnapLength_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PcapWriter.create(dir.resolve("x.pcap"), 0));
    assertTrue(e.getMessage().contains("snap length 0"), e.getMessage());
  }

  @Test
  void tcpdump_readsWrittenFile() throws Exception {
    Path file = writeSample();
    String out = run("tcpdump", "-n", "-r", file.toString());
    assertTrue(out.contains("reading from file"), out);
    assertTrue(out.contains("198.18.0.1 > 198.18.0.2"), out);
    assertTrue(out.contains("ip-proto-253"), out);
    assertTrue(out.contains("fd00::1 > fd00::2"), out);
    assertEquals(3, out.lines().filter(l -> l.matches("^[0-9:.]+ IP6? .*")).count(), out);
  }

  @Test
  void tshark_readsWrittenFile() throws Exception {
    Path file = writeSample();
    String out = run("tshark", "-n", "-r", file.toString());
    assertTrue(out.contains("198.18.0.1 → 198.18.0.2"), out);
    assertTrue(out.contains("fd00::1 → fd00::2"), out);
    assertEquals(3, out.lines().filter(l -> l.contains("→")).count(), out);
  }

  private Path writeSample() throws IOException {
    Path file = dir.resolve("sample.pcap");
    try (PcapWriter w = PcapWriter.create(file)) {
      w.write(ByteBuffer.wrap(ipv4(253, 40)), T0);
      w.write(ByteBuffer.wrap(ipv4(17, 40)), T0 + 1000);
      w.write(ByteBuffer.wrap(ipv6(253, 40)), T0 + 2000);
    }
    return file;
  }

  private static String run(String... command) throws Exception {
    assumeTrue(onPath(command[0]), command[0] + " is not installed (apt-get install " + command[0] + ")");
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), command[0] + " did not finish");
    assertEquals(0, p.exitValue(), command[0] + " failed: " + out);
    return out;
  }

  private static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  /** Returns an IPv4 packet 198.18.0.1 to 198.18.0.2 of {@code length} bytes with a valid header checksum. */
  static byte[] ipv4(int protocol, int length) {
    ByteBuffer b = ByteBuffer.allocate(length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) length).putInt(0).put((byte) 64)
        .put((byte) protocol).putShort((short) 0).putInt(0xc6120001).putInt(0xc6120002);
    int sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += b.getShort(i) & 0xffff;
    }
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    b.putShort(10, (short) ~sum);
    return b.array();
  }

  /** Returns an IPv6 packet fd00::1 to fd00::2 of {@code length} bytes in all. */
  static byte[] ipv6(int nextHeader, int length) {
    ByteBuffer b = ByteBuffer.allocate(length);
    b.putInt(0x60000000).putShort((short) (length - 40)).put((byte) nextHeader).put((byte) 64);
    b.putLong(0xfd00000000000000L).putLong(1).putLong(0xfd00000000000000L).putLong(2);
    return b.array();
  }
}
