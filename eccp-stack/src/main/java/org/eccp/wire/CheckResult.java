package org.eccp.wire;

/**
 * The outcome of validating received bytes: valid, or a {@link Problem} with the numbers that
 * explain it.
 *
 * <p>Each view owns one instance and refills it on every check, so checking allocates nothing. A
 * result is therefore valid only until the next check on the same view; copy the fields you keep.
 */
public final class CheckResult {
  private Problem problem;
  private long expected;
  private long actual;
  private int detail;
  private String reason;

  /** True when the bytes passed the check. */
  public boolean ok() {
    return problem == null;
  }

  /** Returns the problem found, or null when the bytes are valid. */
  public Problem problem() {
    return problem;
  }

  /** Returns the value that the check required (a length, a version, a checksum), or 0. */
  public long expected() {
    return expected;
  }

  /** Returns the value found in the bytes, or 0 when not applicable. */
  public long actual() {
    return actual;
  }

  /** Returns the extension type or field offset that {@link Problem} names, or 0. */
  public int detail() {
    return detail;
  }

  CheckResult pass() {
    problem = null;
    expected = 0;
    actual = 0;
    detail = 0;
    reason = null;
    return this;
  }

  CheckResult fail(Problem problem, long expected, long actual) {
    return fail(problem, expected, actual, 0, null);
  }

  /** Records a problem; reason is a constant format string with expected as %1$d, actual as %2$d. */
  CheckResult fail(Problem problem, long expected, long actual, int detail, String reason) {
    this.problem = problem;
    this.expected = expected;
    this.actual = actual;
    this.detail = detail;
    this.reason = reason;
    return this;
  }

  /** Copies another result's content into this one. */
  CheckResult copy(CheckResult other) {
    return fail(other.problem, other.expected, other.actual, other.detail, other.reason);
  }

  /** Returns a one-line description, such as "truncated ECCP header, 12 of 20 bytes". */
  public String message() {
    if (problem == null) {
      return "valid";
    }
    String reasonText = reason == null ? "" : String.format(reason, expected, actual);
    return switch (problem) {
      case TRUNCATED -> "truncated ECCP header, " + actual + " of " + expected + " bytes";
      case BAD_LENGTH -> "invalid ECCP header length " + actual + " bytes, " + reasonText;
      case UNSUPPORTED_VERSION -> "unsupported ECCP version " + actual + ", expected " + expected;
      case UNKNOWN_TYPE -> String.format("unknown ECCP packet type: flags 0x%02x", actual);
      case ZERO_FLOW_ID -> reasonText;
      case BAD_EXTENSION -> "invalid ECCP extension " + Extension.name(detail) + ": " + reasonText;
      case DUPLICATE_EXTENSION -> "duplicate ECCP extension " + Extension.name(detail);
      case MISPLACED_EXTENSION -> "ECCP extension " + Extension.name(detail) + " is not allowed in "
          + PacketType.fromFlags((int) actual);
      case NOT_IP -> "not an IP packet: version nibble " + actual;
      case TRUNCATED_IP -> "truncated IP packet, " + actual + " of " + expected + " bytes";
      case BAD_IP_LENGTH -> "invalid IP length: " + reasonText;
      case BAD_IP_CHECKSUM -> String.format(
          "invalid IPv4 header checksum 0x%04x, expected 0x%04x", actual, expected);
      case FRAGMENT -> "IP fragment: ECCP packets are never fragmented";
      case NOT_ECCP -> "not ECCP: " + reasonText;
      case TRUNCATED_UDP -> "truncated UDP datagram, " + actual + " of " + expected + " bytes";
      case BAD_UDP_LENGTH -> "invalid UDP length " + actual + ", the IP payload has " + expected
          + " bytes";
      case BAD_UDP_CHECKSUM -> String.format(
          "invalid UDP checksum 0x%04x, expected 0x%04x", actual, expected);
    };
  }

  @Override
  public String toString() {
    return message();
  }
}
