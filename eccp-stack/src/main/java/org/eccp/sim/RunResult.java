package org.eccp.sim;

import java.util.List;

/**
 * The outcome of one seeded random run.
 *
 * @param config what was run
 * @param violations the broken properties, empty when the run passed
 * @param trace the full trace when requested, otherwise its last lines
 * @param events how many events ran
 * @param virtualNanos the virtual time at the end
 * @param summary counters and outcomes in one line
 * @param outcomes what the run ended with, e.g. {@code live}, {@code closed},
 *     {@code handshake-failures=1}
 */
public record RunResult(
    RunConfig config, List<Violation> violations, List<String> trace, long events,
    long virtualNanos, String summary, List<String> outcomes) {

  public boolean passed() {
    return violations.isEmpty();
  }
}
