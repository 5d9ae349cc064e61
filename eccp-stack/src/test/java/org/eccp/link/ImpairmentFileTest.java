package org.eccp.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImpairmentFileTest {
  @TempDir
  Path dir;

  private final AtomicLong clock = new AtomicLong();

  private void advance() {
    clock.addAndGet(ImpairmentFile.CHECK_INTERVAL_NANOS);
  }

  @Test
  void absentFileMeansNoImpairment() {
    ImpairmentFile file = new ImpairmentFile(dir.resolve("net-a.properties"), clock::get);

    assertEquals(Impairment.NONE, file.current());
  }

  @Test
  void readsUserSpaceKnobsOnly() throws Exception {
    Path path = dir.resolve("net-a.properties");
    Files.writeString(path, "delay_ms=20\njitter_ms=5\nloss=0.1\ndup=0.01\nreorder=0\n"
        + "rate_mbit=20\nseed=7\ndelay_mechanism=user-space\njitter_mechanism=user-space\n"
        + "loss_mechanism=nft\ndup_mechanism=user-space\nrate_mechanism=tbf\n");

    Impairment got = new ImpairmentFile(path, clock::get).current();

    assertEquals(new Impairment(20, 5, 0, 0.01, 0, 0, 7), got);
  }

  @Test
  void invalidValuesReadAsZero() throws Exception {
    Path path = dir.resolve("net-a.properties");
    Files.writeString(path, "delay_ms=-3\nloss=1.5\ndup=abc\nreorder=0.5\nseed=x\n");

    Impairment got = new ImpairmentFile(path, clock::get).current();

    assertEquals(new Impairment(0, 0, 0, 0, 0.5, 0, 0), got);
  }

  @Test
  void rereadsWhenModifiedAndForgetsWhenRemoved() throws Exception {
    Path path = dir.resolve("net-a.properties");
    Files.writeString(path, "delay_ms=10\n");
    ImpairmentFile file = new ImpairmentFile(path, clock::get);
    assertEquals(10, file.current().delayMs());

    Files.writeString(path, "delay_ms=30\n");
    Files.setLastModifiedTime(path, FileTime.fromMillis(Files.getLastModifiedTime(path)
        .toMillis() + 5_000));
    assertEquals(10, file.current().delayMs(), "not checked again within the interval");
    advance();
    assertEquals(30, file.current().delayMs());

    Files.delete(path);
    advance();
    assertEquals(Impairment.NONE, file.current());
  }
}
