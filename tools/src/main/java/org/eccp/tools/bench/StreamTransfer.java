package org.eccp.tools.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One one-way transfer of zeros from a sender program in the lab's client to a receiver program
 * in its server. This process feeds the sender's standard input and counts the receiver's
 * standard output. Throughput and CPU time are taken from the first received byte to the last,
 * so that program start-up (a JVM's, for instance) is not counted.
 */
final class StreamTransfer {
  private static final int CHUNK = 64 * 1024;
  /** How often the CPU time is sampled while bytes arrive. */
  private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /**
   * @param bytes bytes counted between the first and the last sample
   * @param nanos time between them
   * @param cpuSeconds CPU time of sender and receiver between them
   */
  record Outcome(long bytes, long nanos, double cpuSeconds) {
    double gbitPerSecond() {
      return bytes * 8.0 / nanos;
    }

    double cpuSecondsPerGb() {
      return cpuSeconds / (bytes / 1e9);
    }
  }

  private StreamTransfer() {}

  static Outcome run(Process receiver, Process sender, long total, String name)
      throws IOException, InterruptedException {
    receiver.getOutputStream().close();
    Thread feeder = feed(sender.getOutputStream(), total, name);
    sender.onExit().thenRun(() -> endReceiverLater(receiver));
    List<Long> pids = List.of(receiver.pid(), sender.pid());
    long count = 0;
    long t0 = 0;
    long b0 = 0;
    double c0 = 0;
    long tLast = 0;
    long bLast = 0;
    double cLast = 0;
    byte[] buf = new byte[CHUNK];
    try (InputStream in = receiver.getInputStream()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        count += n;
        long now = System.nanoTime();
        if (t0 == 0) {
          t0 = now;
          b0 = count;
          c0 = ProcCpu.seconds(pids);
          tLast = now;
        } else if (now - tLast >= SAMPLE_NANOS || count == total) {
          tLast = now;
          bLast = count;
          cLast = ProcCpu.seconds(pids);
        }
      }
    }
    feeder.join(TimeUnit.SECONDS.toMillis(30));
    boolean ended = sender.waitFor(30, TimeUnit.SECONDS) && receiver.waitFor(30, TimeUnit.SECONDS);
    if (count != total) {
      throw new IOException(name + ": the receiver got " + count + " of " + total
          + " bytes; the sender " + (sender.isAlive() ? "is still running"
          : "ended with exit status " + sender.exitValue()));
    }
    if (!ended || sender.exitValue() != 0) {
      throw new IOException(name + ": the sender did not end cleanly");
    }
    if (bLast <= b0) {
      throw new IOException(name + ": too few bytes to measure; use a larger --mib");
    }
    return new Outcome(bLast - b0, tLast - t0, cLast - c0);
  }

  /** Ends a receiver still running 30 s after its sender ended, because it waits for nothing. */
  private static void endReceiverLater(Process receiver) {
    try {
      if (!receiver.waitFor(30, TimeUnit.SECONDS)) {
        receiver.destroy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread feed(OutputStream out, long total, String name) {
    Thread t = new Thread(() -> {
      byte[] zeros = new byte[CHUNK];
      try (out) {
        for (long left = total; left > 0; left -= Math.min(left, CHUNK)) {
          out.write(zeros, 0, (int) Math.min(left, CHUNK));
        }
      } catch (IOException e) {
        // The sender ended early; run() reports the missing bytes.
      }
    }, "eccp-bench-feed-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
