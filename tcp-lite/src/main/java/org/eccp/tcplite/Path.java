package org.eccp.tcplite;

/**
 * The state of one ECCP flow within one connection: its round-trip estimate and timeout (RFC 6298),
 * its congestion window (NewReno, RFC 5681/6582, with SACK-based loss detection) and the bytes
 * in flight on it.
 */
final class Path {
  static final long NONE = Long.MAX_VALUE;

  final int flowId;
  private final TcpLiteConfig config;
  /** Smoothed round-trip time and its variation, nanoseconds; 0 before the first sample. */
  long srtt;
  long rttvar;
  /** The timeout from the estimate, before backoff. */
  long baseRto;
  /** 2^(timeouts since the last sample). */
  int backoff = 1;
  long cwnd;
  long ssthresh = Long.MAX_VALUE;
  long inFlight;
  /** Counts transmissions on this flow; each segment remembers its number. */
  long sent;
  /** The highest transmission number known to have arrived. */
  long highestDelivered;
  /** While {@code highestDelivered} is below this, the flow is in recovery. */
  long recoveryEnd;
  /** When the retransmission timer fires, or {@link #NONE}. */
  long rtoDeadline = NONE;
  /** Timed out and nothing arrived on it since: carries retransmissions only as a last resort. */
  boolean suspect;
  /** True while the ECCP engine reports that the flow can send. */
  boolean usable = true;
  /** {@code highestDelivered} when the timer was last (re)started. */
  long timerMark;
  /** Scratch: this flow's turn in the current round-robin pick. */
  int order;
  /** The peer's {@code tsVal} last seen on this flow, echoed in {@code tsEcr}. */
  int tsRecent;

  Path(int flowId, TcpLiteConfig config) {
    this.flowId = flowId;
    this.config = config;
    reset();
  }

  /** Forgets the estimate and the window: the flow now runs over a path we know nothing of. */
  void reset() {
    srtt = 0;
    rttvar = 0;
    baseRto = config.initialRto();
    backoff = 1;
    cwnd = (long) config.initialWindowSegments() * config.mss();
    ssthresh = Long.MAX_VALUE;
    recoveryEnd = sent;
    suspect = false;
  }

  /** Returns the current timeout: the estimate times the backoff, capped at maxRto. */
  long rto() {
    long r = baseRto;
    for (int i = 1; i < backoff && r < config.maxRto(); i <<= 1) {
      r <<= 1;
    }
    return Math.min(r, config.maxRto());
  }

  /** Takes a round-trip sample (RFC 6298 section 2) and drops the backoff. */
  void sample(long rtt) {
    rtt = Math.max(rtt, 1);
    if (srtt == 0) {
      srtt = rtt;
      rttvar = rtt / 2;
    } else {
      rttvar = (3 * rttvar + Math.abs(srtt - rtt)) / 4;
      srtt = (7 * srtt + rtt) / 8;
    }
    baseRto = Math.min(config.maxRto(), Math.max(config.minRto(), srtt + Math.max(1, 4 * rttvar)));
    backoff = 1;
  }

  /** Handles a timeout: halves the threshold, restarts from one segment, doubles the timer. */
  void onTimeout() {
    ssthresh = Math.max(inFlightAtLoss() / 2, 2L * config.mss());
    cwnd = config.mss();
    if (rto() < config.maxRto()) {
      backoff <<= 1;
    }
    recoveryEnd = sent;
    suspect = true;
  }

  /** Handles a loss found by SACK: one window reduction per round (NewReno). */
  void onLoss() {
    if (inRecovery()) {
      return;
    }
    ssthresh = Math.max(inFlightAtLoss() / 2, 2L * config.mss());
    cwnd = ssthresh;
    recoveryEnd = sent;
  }

  private long inFlightAtLoss() {
    return Math.max(inFlight, cwnd);
  }

  boolean inRecovery() {
    return highestDelivered < recoveryEnd;
  }

  /** Grows the window for {@code bytes} newly delivered; {@code alpha} scales coupled increase. */
  void grow(long bytes, double coupledFactor) {
    if (inRecovery()) {
      return;
    }
    if (cwnd < ssthresh) {
      cwnd += Math.min(bytes, config.mss());
    } else {
      double own = (double) config.mss() * bytes / cwnd;
      double inc = coupledFactor > 0 ? Math.min(own, coupledFactor * bytes) : own;
      cwnd += Math.max(1, (long) inc);
    }
  }

  /** Bytes that may still be sent under the window. */
  long room() {
    return cwnd - inFlight;
  }
}
