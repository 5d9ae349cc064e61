package org.eccp.sim;

/**
 * A broken property, found at one instant of a run.
 *
 * @param property a short stable name, e.g. {@code version-monotonic}
 * @param detail what was seen, with host and flow
 * @param timeNanos the virtual time when it was found
 */
public record Violation(String property, String detail, long timeNanos) {

  @Override
  public String toString() {
    return property + " at " + Trace.formatTime(timeNanos) + ": " + detail;
  }
}
