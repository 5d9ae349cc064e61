package org.eccp.tools.bench;

/**
 * The figures of one move, computed from a byte counter sampled over time: the gap (the longest
 * time without delivered bytes) and the time until the rate is back to 90 % of what it was
 * before the move. Pure functions of the samples, so they can be checked on made-up series.
 */
final class MoveFigures {
  /** Width of the window whose rate must reach {@link #RECOVERED} of the rate before the move. */
  static final long WINDOW_NANOS = 100_000_000L;
  static final double RECOVERED = 0.9;

  /**
   * The longest stretch without growth that touches the move.
   *
   * @param startNanos when the stretch began (the last sample before it that saw growth)
   * @param censored true when the count had not grown again by the end of the window, so the
   *     real gap is longer than {@code millis}
   */
  record Gap(double millis, long startNanos, boolean censored) {}

  private MoveFigures() {}

  /**
   * Returns the longest time between two samples that saw the count grow, among the stretches
   * that begin by {@code startBy} and end after {@code from}, looking at samples up to
   * {@code to}. A stretch still open at {@code to} counts up to {@code to}, and the result is
   * then censored: the real gap is longer.
   */
  static Gap gap(long[] times, long[] bytes, long from, long startBy, long to) {
    if (times.length == 0) {
      return new Gap((to - from) / 1e6, from, true);
    }
    long lastGrowth = times[0];
    long longest = 0;
    long longestStart = from;
    for (int i = 1; i < times.length && times[i] <= to; i++) {
      if (bytes[i] == bytes[i - 1]) {
        continue;
      }
      if (times[i] > from && lastGrowth <= startBy && times[i] - lastGrowth > longest) {
        longest = times[i] - lastGrowth;
        longestStart = lastGrowth;
      }
      lastGrowth = times[i];
    }
    if (lastGrowth <= startBy && to - lastGrowth > longest) {
      return new Gap((to - lastGrowth) / 1e6, lastGrowth, true);
    }
    return new Gap(longest / 1e6, longestStart, false);
  }

  /** Returns the average rate over {@code [from, to]} in bytes per nanosecond. */
  static double rate(long[] times, long[] bytes, long from, long to) {
    if (to <= from) {
      return 0;
    }
    return (valueAt(times, bytes, to) - valueAt(times, bytes, from)) / (double) (to - from);
  }

  /**
   * Returns the milliseconds from {@code at} to the end of the first {@link #WINDOW_NANOS}
   * window that starts at or after {@code searchFrom}, ends by {@code to} and carries at least
   * {@link #RECOVERED} of {@code before} (bytes per nanosecond); NaN when there is none, or
   * when nothing flowed before.
   */
  static double recoveryMillis(long[] times, long[] bytes, long at, long searchFrom, long to,
      double before) {
    if (!(before > 0)) {
      return Double.NaN;
    }
    double need = RECOVERED * before * WINDOW_NANOS;
    for (int i = 0; i < times.length; i++) {
      long start = times[i];
      if (start < searchFrom) {
        continue;
      }
      long end = start + WINDOW_NANOS;
      if (end > to) {
        break;
      }
      if (valueAt(times, bytes, end) - bytes[i] >= need) {
        return (end - at) / 1e6;
      }
    }
    return Double.NaN;
  }

  /** Returns the count of the last sample at or before {@code t}, or 0 before the first. */
  static long valueAt(long[] times, long[] bytes, long t) {
    int i = indexAtOrBefore(times, t);
    return i < 0 ? 0 : bytes[i];
  }

  private static int indexAtOrBefore(long[] times, long t) {
    int lo = 0;
    int hi = times.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
