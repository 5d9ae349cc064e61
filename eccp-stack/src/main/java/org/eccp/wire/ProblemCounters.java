package org.eccp.wire;

/**
 * Drop counters, one per {@link Problem}, for code that receives packets: counting allocates
 * nothing. Not thread-safe; give each receiving thread its own and add them up to report.
 */
public final class ProblemCounters {
  private static final Problem[] PROBLEMS = Problem.values();
  private final long[] counts = new long[PROBLEMS.length];

  /** Counts one packet dropped for the result's problem; a passing result is not counted. */
  public void count(CheckResult result) {
    if (!result.ok()) {
      counts[result.problem().ordinal()]++;
    }
  }

  public void count(Problem problem) {
    counts[problem.ordinal()]++;
  }

  public long get(Problem problem) {
    return counts[problem.ordinal()];
  }

  /** Returns the sum over all problems. */
  public long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  /** Adds another set of counters into this one. */
  public void add(ProblemCounters other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  /** Returns the non-zero counters, such as {@code TRUNCATED=3 BAD_EXTENSION=1}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Problem p : PROBLEMS) {
      if (counts[p.ordinal()] != 0) {
        out.append(out.length() == 0 ? "" : " ").append(p).append('=').append(counts[p.ordinal()]);
      }
    }
    return out.toString();
  }
}
