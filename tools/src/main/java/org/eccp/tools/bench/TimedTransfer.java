package org.eccp.tools.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-way transfer of zeros that lasts a fixed time, from a sender program in the lab's client
 * to a receiver program in its server. This process feeds the sender's standard input and counts
 * the receiver's standard output every {@link Throughput#BIN_MILLIS} ms. The clock starts at the
 * first received byte, so that program start-up (a JVM's, for instance) is not counted. After
 * the time is up the input ends, and the transfer counts only when every fed byte arrived and the
 * sender ended with status 0.
 */
final class TimedTransfer {
  private static final int CHUNK = 64 * 1024;
  private static final long FIRST_BYTE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long END_TIMEOUT_SECONDS = 30;

  private TimedTransfer() {}

  static Throughput run(Process receiver, Process sender, int seconds, String name)
      throws IOException, InterruptedException {
    receiver.getOutputStream().close();
    AtomicLong received = new AtomicLong();
    AtomicLong fed = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader = daemon(() -> count(receiver.getInputStream(), received), "read-" + name);
    daemon(() -> feed(sender.getOutputStream(), fed, stop), "feed-" + name);
    try {
      long t0 = awaitFirstByte(received, sender, name);
      List<Double> mbps = new ArrayList<>();
      long bytesAtStart = received.get();
      long end = sample(received, t0, seconds, mbps);
      double mean = (received.get() - bytesAtStart) * 8e3 / (end - t0);
      stop.set(true);
      reader.join(TimeUnit.SECONDS.toMillis(END_TIMEOUT_SECONDS));
      checkEnd(sender, received.get(), fed.get(), name);
      return new Throughput(mean, mbps.stream().mapToDouble(Double::doubleValue).toArray());
    } finally {
      stop.set(true);
    }
  }

  private static long awaitFirstByte(AtomicLong received, Process sender, String name)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + FIRST_BYTE_TIMEOUT_NANOS;
    while (received.get() == 0) {
      if (System.nanoTime() > deadline || !sender.isAlive()) {
        throw new IOException(name + ": no byte arrived within 30 s; the sender "
            + (sender.isAlive() ? "is still running" : "ended with exit status "
            + sender.exitValue()));
      }
      Thread.sleep(5);
    }
    return System.nanoTime();
  }

  /** Adds one value per bin until {@code seconds} after {@code t0}; returns the last sample time. */
  private static long sample(AtomicLong received, long t0, int seconds, List<Double> mbps)
      throws InterruptedException {
    long bin = TimeUnit.MILLISECONDS.toNanos(Throughput.BIN_MILLIS);
    long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
    long last = t0;
    long lastBytes = received.get();
    for (long next = t0 + bin; next <= end; next += bin) {
      TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
      long now = System.nanoTime();
      long bytes = received.get();
      mbps.add((bytes - lastBytes) * 8e3 / (now - last));
      last = now;
      lastBytes = bytes;
    }
    return last;
  }

  private static void checkEnd(Process sender, long received, long fed, String name)
      throws IOException, InterruptedException {
    boolean ended = sender.waitFor(END_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (received != fed) {
      throw new IOException(name + ": the receiver got " + received + " of " + fed
          + " bytes; the sender " + (ended ? "ended with exit status " + sender.exitValue()
          : "is still running"));
    }
    if (!ended || sender.exitValue() != 0) {
      throw new IOException(name + ": the sender did not end cleanly");
    }
  }

  private static void count(InputStream in, AtomicLong received) {
    byte[] buf = new byte[CHUNK];
    try (in) {
      for (int n; (n = in.read(buf)) > 0; ) {
        received.addAndGet(n);
      }
    } catch (IOException e) {
      // The receiver ended; run() compares the counts.
    }
  }

  private static void feed(OutputStream out, AtomicLong fed, AtomicBoolean stop) {
    byte[] zeros = new byte[CHUNK];
    try (out) {
      while (!stop.get()) {
        out.write(zeros);
        fed.addAndGet(CHUNK);
      }
    } catch (IOException e) {
      // The sender ended early; run() reports the missing bytes.
    }
  }

  private static Thread daemon(Runnable body, String name) {
    Thread t = new Thread(body, "eccp-bench-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
