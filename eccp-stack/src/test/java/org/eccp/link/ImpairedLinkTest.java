package org.eccp.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    public synchronized void send(IpAddress local, IpAddress remote, Bytes<?> packet) {
      sent.add((int) packet.readUnsignedByte(packet.readPosition()));
      notifyAll();
    }

    synchronized List<Integer> awaitSent(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (sent.size() < count && System.nanoTime() < deadline) {
        wait(100);
      }
      return new ArrayList<>(sent);
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
    return new ImpairedLink(inner, new ImpairmentFile(file, clock::get), clock::get);
  }

  @Test
  void duplicatesAndDropsPerFile() throws Exception {
    Path file = dir.resolve("net.properties");
    Files.writeString(file, "dup=1\nseed=1\n");
    RecordingLink inner = new RecordingLink();
    try (ImpairedLink link = link(inner, file, new AtomicLong())) {
      link.send(LOCAL, REMOTE, packet(1));
      assertEquals(List.of(1, 1), inner.awaitSent(2));
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
  void delayedPacketIsOvertakenAfterDelayIsRemoved() throws Exception {
    Path file = dir.resolve("net.properties");
    Files.writeString(file, "delay_ms=200\n");
    AtomicLong clock = new AtomicLong(System.nanoTime());
    RecordingLink inner = new RecordingLink();
    try (ImpairedLink link = new ImpairedLink(inner, new ImpairmentFile(file, clock::get),
        System::nanoTime)) {
      link.send(LOCAL, REMOTE, packet(1));
      assertEquals(1, link.queued());

      Files.delete(file);
      clock.addAndGet(ImpairmentFile.CHECK_INTERVAL_NANOS);
      link.send(LOCAL, REMOTE, packet(2));

      assertEquals(List.of(2, 1), inner.awaitSent(2));
      assertEquals(2, link.counters().sent());
    }
  }

  @Test
  void closeStopsSchedulerAndDropsWaitingPackets() throws Exception {
    Path file = dir.resolve("net.properties");
    Files.writeString(file, "delay_ms=60000\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(0));
    RecordingLink inner = new RecordingLink();
    ImpairedLink link = link(inner, file, new AtomicLong());
    link.send(LOCAL, REMOTE, packet(1));

    link.close();

    assertFalse(link.schedulerAlive());
    assertEquals(1, link.counters().dropped());
    assertEquals(List.of(), inner.sent);
    assertEquals(true, inner.closed);
  }
}
