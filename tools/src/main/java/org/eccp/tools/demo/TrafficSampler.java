package org.eccp.tools.demo;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples a byte counter (the inner bytes that reached both TUN devices) every few milliseconds
 * on its own thread and keeps the series, for the gap of each move and the throughput plot.
 * Samples are kept in preallocated arrays; sampling stops when they are full.
 */
public final class TrafficSampler implements AutoCloseable {
  public static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  private static final int MAX_SAMPLES = 200_000;

  private final LongSupplier counter;
  private final long[] times = new long[MAX_SAMPLES];
  private final long[] bytes = new long[MAX_SAMPLES];
  private final long origin;
  private final Thread thread;
  private volatile int count;
  private volatile boolean stopping;

  public TrafficSampler(LongSupplier counter) {
    this.counter = counter;
    this.origin = System.nanoTime();
    this.thread = new Thread(this::run, "eccp-demo-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!stopping && count < MAX_SAMPLES) {
      int i = count;
      times[i] = System.nanoTime() - origin;
      bytes[i] = counter.getAsLong();
      count = i + 1;
      try {
        TimeUnit.NANOSECONDS.sleep(PERIOD_NANOS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Nanoseconds since the sampler started. */
  public long now() {
    return System.nanoTime() - origin;
  }

  /** Returns the newest sample of the counter. */
  public long latest() {
    int n = count;
    return n == 0 ? 0 : bytes[n - 1];
  }

  /**
   * The longest time between two samples that saw the counter grow, among the stretches that
   * overlap {@code [from, to]} and end by {@code until} (nanoseconds since start), in
   * milliseconds. With traffic flowing it is about the sampling period.
   */
  public double longestGapMillis(long from, long to, long until) {
    int n = count;
    long lastGrowth = -1;
    long longest = 0;
    for (int i = 1; i < n; i++) {
      if (bytes[i] == bytes[i - 1]) {
        continue;
      }
      long t = times[i];
      if (t > until) {
        break;
      }
      if (lastGrowth >= 0 && t >= from && lastGrowth <= to) {
        longest = Math.max(longest, t - lastGrowth);
      }
      lastGrowth = t;
      if (t > to) {
        break;
      }
    }
    return longest / 1e6;
  }

  /** Copies of the samples so far, in order. */
  public record Samples(long[] timesNanos, long[] bytes) {}

  /** Returns a copy of the samples taken so far: times in nanoseconds since start, counts. */
  public Samples samples() {
    int n = count;
    return new Samples(java.util.Arrays.copyOf(times, n), java.util.Arrays.copyOf(bytes, n));
  }

  /** Bytes per bin of {@code binNanos} between {@code from} and {@code to}, as Mbit/s. */
  public double[] throughputMbps(long from, long to, long binNanos) {
    int bins = (int) Math.max(1, (to - from + binNanos - 1) / binNanos);
    double[] out = new double[bins];
    int n = count;
    for (int i = 1; i < n; i++) {
      long t = times[i];
      if (t < from || t >= from + bins * binNanos) {
        continue;
      }
      out[(int) ((t - from) / binNanos)] += bytes[i] - bytes[i - 1];
    }
    for (int b = 0; b < bins; b++) {
      out[b] = out[b] * 8 / (binNanos / 1e9) / 1e6;
    }
    return out;
  }

  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
  }
}
