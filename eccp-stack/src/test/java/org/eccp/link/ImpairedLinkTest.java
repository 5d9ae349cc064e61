package org.eccp.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImpairedLinkTest {
  private static final IpAddress LOCAL = IpAddress.parse("198.18.0.1");
  private static final IpAddress REMOTE = IpAddress.parse("198.18.0.2");

  @TempDir
  Path dir;

  /** A link that records the first byte of every packet sent through it. */
  static final class RecordingLink implements Link {
    final List<Integer> sent = new ArrayList<>();
    final LinkCounters counters = new LinkCounters();
    boolean closed;

    @Override
    public int headroom() {
      return 20;
    }

    @Override
    public void send(IpAddress local, IpAddress remote, Bytes<?> packet) {
      sent.add((int) packet.readUnsignedByte(packet.readPosition()));
    }

    @Override
    public boolean receive(Bytes<?> buffer, ReceivedPacket into) {
      return false;
    }

    @Override
    public void wakeup() {}

    @Override
    public void clearWakeup() {}

    @Override
    public LinkCounters counters() {
      return counters;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static Bytes<?> packet(int firstByte) {
    Bytes<?> b = Bytes.allocateDirect(256);
    b.writePosition(64);
    b.readPosition(64);
    b.writeUnsignedByte(firstByte);
    b.writeInt(0x01020304);
    return b;
  }

  private ImpairedLink link(RecordingLink inner, Path file, AtomicLong clock) {
    return new ImpairedLink(inner, new ImpairmentFile(file, clock::get), clock::get,
        wakes::incrementAndGet);
  }

  private final AtomicLong wakes = new AtomicLong();

  @Test
  void duplicatesAndDropsPerFile() throws Exception {
    Path file = dir.resolve("net.properties");
    Files.writeString(file, "dup=1\nseed=1\n");
    RecordingLink inner = new RecordingLink();
    try (ImpairedLink link = link(inner, file, new AtomicLong())) {
      link.send(LOCAL, REMOTE, packet(1));
      assertEquals(List.of(1, 1), inner.sent);
      assertEquals(1, link.duplicated());
    }

    Files.writeString(file, "loss=1\n");
    RecordingLink second = new RecordingLink();
    try (ImpairedLink link = link(second, file, new AtomicLong())) {
      link.send(LOCAL, REMOTE, packet(2));
      assertEquals(List.of(), second.sent);
      assertEquals(1, link.counters().dropped());
    }
  }

  @Test
  void delayedPacket_waitsForLoop() throws Exception {
    Path file = dir.resolve("net.properties");
    Files.writeString(file, "delay_ms=200\n");
    AtomicLong clock = new AtomicLong(1_000_000_000L);
    RecordingLink inner = new RecordingLink();
    try (ImpairedLink link = link(inner, file, clock)) {
      link.send(LOCAL, REMOTE, packet(1));
      assertEquals(1, link.queued());
      assertEquals(1, wakes.get(), "the loop is told about the first departure");
      assertEquals(clock.get() + 200_000_000L, link.nextDeparture());
      assertEquals(0, link.sendDue(clock.get()));

      Files.delete(file);
      clock.addAndGet(ImpairmentFile.CHECK_INTERVAL_NANOS);
      link.send(LOCAL, REMOTE, packet(2));
      assertEquals(List.of(2), inner.sent, "without delay a packet leaves at once");

      clock.addAndGet(100_000_000L);
      assertEquals(1, link.sendDue(clock.get()));
      assertEquals(List.of(2, 1), inner.sent);
      assertEquals(Long.MAX_VALUE, link.nextDeparture());
      assertEquals(1, link.delayed());
    }
  }

  @Test
  void unimpairedNetwork_passesStraightThrough() throws Exception {
    Path file = dir.resolve("net-a.properties");
    Files.writeString(file, "delay_ms=50\n");
    NetworkImpairment netA = new NetworkImpairment("net-a", new ImpairmentFile(file, () -> 0));
    RecordingLink inner = new RecordingLink();
    try (ImpairedLink link = new ImpairedLink(inner, local -> local.equals(LOCAL) ? netA : null,
        () -> 0, wakes::incrementAndGet)) {
      link.send(REMOTE, LOCAL, packet(7));
      link.send(LOCAL, REMOTE, packet(8));

      assertEquals(List.of(7), inner.sent);
      assertEquals(1, link.queued());
    }
  }

  @Test
  void sameSeed_sameDuplicates() throws Exception {
    Path file = dir.resolve("net.properties");
    Files.writeString(file, "dup=0.5\nseed=42\n");
    List<List<Integer>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      RecordingLink inner = new RecordingLink();
      try (ImpairedLink link = link(inner, file, new AtomicLong())) {
        for (int i = 0; i < 50; i++) {
          link.send(LOCAL, REMOTE, packet(i));
        }
      }
      runs.add(inner.sent);
    }
    assertEquals(runs.get(0), runs.get(1), "seed 42 replays the same choices");
    assertTrue(runs.get(0).size() > 55, "about half duplicated: " + runs.get(0).size());
    assertTrue(runs.get(0).size() < 95, "about half duplicated: " + runs.get(0).size());
  }

  @Test
  void close_dropsWaitingPackets() throws Exception {
    Path file = dir.resolve("net.properties");
    Files.writeString(file, "delay_ms=60000\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(0));
    RecordingLink inner = new RecordingLink();
    ImpairedLink link = link(inner, file, new AtomicLong());
    link.send(LOCAL, REMOTE, packet(1));

    link.close();

    assertEquals(1, link.counters().dropped());
    assertEquals(0, link.queued());
    assertEquals(Long.MAX_VALUE, link.nextDeparture());
    assertEquals(List.of(), inner.sent);
    assertEquals(true, inner.closed);
  }

  /** A link that only counts what it is given, so it allocates nothing. */
  private static final class CountingLink implements Link {
    final LinkCounters counters = new LinkCounters();

    @Override
    public int headroom() {
      return 20;
    }

    @Override
    public void send(IpAddress local, IpAddress remote, Bytes<?> packet) {
      counters.sent.incrementAndGet();
    }

    @Override
    public boolean receive(Bytes<?> buffer, ReceivedPacket into) {
      return false;
    }

    @Override
    public void wakeup() {}

    @Override
    public void clearWakeup() {}

    @Override
    public LinkCounters counters() {
      return counters;
    }

    @Override
    public void close() {}
  }

  @Test
  void unimpairedSend_allocatesNothing() throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    NetworkImpairment netA = new NetworkImpairment("net-a",
        new ImpairmentFile(dir.resolve("absent.properties"), () -> 0));
    CountingLink inner = new CountingLink();
    Bytes<?> p = packet(1);
    try (ImpairedLink link = new ImpairedLink(inner, local -> local.equals(LOCAL) ? netA : null,
        () -> 0, wakes::incrementAndGet)) {
      for (int i = 0; i < 20_000; i++) {
        link.send(LOCAL, REMOTE, p);
        link.send(REMOTE, LOCAL, p);
      }
      long id = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(id);
      for (int i = 0; i < 10_000; i++) {
        link.send(LOCAL, REMOTE, p);
        link.send(REMOTE, LOCAL, p);
      }
      long allocated = threads.getThreadAllocatedBytes(id) - before;
      assertEquals(60_000, inner.counters.sent());
      assertTrue(allocated < 20_000, allocated + " bytes allocated for 20000 sends");
    }
  }
}
