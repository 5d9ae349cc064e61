package org.eccp.tcplite;

/**
 * The state of one ECCP flow within one connection: its round-trip estimate and timeout (RFC 6298),
 * its congestion window (NewReno, RFC 5681/6582, with SACK-based loss detection) and the bytes
 * in flight on it.
 */
final class Path {
  static final long NONE = Long.MAX_VALUE;
  private static final long MS = 1_000_000L;
  static final int HYSTART_SAMPLES = 8;
  static final int HYSTART_LOW_WINDOW = 16;
  static final long HYSTART_MIN_ETA = 4 * MS;
  static final long HYSTART_MAX_ETA = 16 * MS;
  static final long PROBE_MIN = 10 * MS;

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
  /** The newest and the lowest round-trip sample since the last reset, nanoseconds. */
  long latestRtt;
  long minRtt = NONE;
  /** The newest {@code tsEcr} that gave a round-trip sample; 0 before the first. */
  int lastEcr;
  /** When the tail-loss probe goes out, or {@link #NONE}. */
  long probeDeadline = NONE;
  /** A tail-loss probe went out and nothing on this flow arrived since. */
  boolean probed;
  /** When a segment sent before one that arrived will be old enough to count lost. */
  long reorderDeadline = NONE;
  /** HyStart: the round ends once transmission {@code roundEnd} arrived. */
  private long roundEnd;
  private long roundMin = NONE;
  private long lastRoundMin = NONE;
  private int roundSamples;

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
    latestRtt = 0;
    minRtt = NONE;
    lastEcr = 0;
    roundEnd = sent;
    roundMin = NONE;
    lastRoundMin = NONE;
    roundSamples = 0;
  }

  /** Returns the current timeout: the estimate times the backoff, capped at maxRto. */
  long rto() {
    long r = baseRto;
    for (int i = 1; i < backoff && r < config.maxRto(); i <<= 1) {
      r <<= 1;
    }
    return Math.min(r, config.maxRto());
  }

  /**
   * Takes a round-trip sample (RFC 6298 section 2) and drops the backoff. Returns true when it
   * ended slow start (HyStart).
   */
  boolean sample(long rtt) {
    rtt = Math.max(rtt, 1);
    latestRtt = rtt;
    minRtt = Math.min(minRtt, rtt);
    if (srtt == 0) {
      srtt = rtt;
      rttvar = rtt / 2;
    } else {
      rttvar = (3 * rttvar + Math.abs(srtt - rtt)) / 4;
      srtt = (7 * srtt + rtt) / 8;
    }
    baseRto = Math.min(config.maxRto(), Math.max(config.minRto(), srtt + Math.max(1, 4 * rttvar)));
    backoff = 1;
    return config.hystart() && hystart(rtt);
  }

  /**
   * Ends slow start when the queue fills (RFC 9406 section 4.2). The lowest of this round's first
   * samples is compared with the last round's, and a rise of an eighth (4 to 16 ms) ends it.
   */
  private boolean hystart(long rtt) {
    if (cwnd >= ssthresh) {
      return false;
    }
    if (highestDelivered > roundEnd) {
      lastRoundMin = roundMin;
      roundMin = NONE;
      roundSamples = 0;
      roundEnd = sent;
    }
    if (roundSamples >= HYSTART_SAMPLES) {
      return false;
    }
    roundMin = Math.min(roundMin, rtt);
    roundSamples++;
    if (roundSamples < HYSTART_SAMPLES || lastRoundMin == NONE
        || cwnd < HYSTART_LOW_WINDOW * config.mss()) {
      return false;
    }
    long eta = Math.min(HYSTART_MAX_ETA, Math.max(HYSTART_MIN_ETA, lastRoundMin / 8));
    if (roundMin < lastRoundMin + eta) {
      return false;
    }
    ssthresh = cwnd;
    return true;
  }

  /** Returns the tail-loss probe timeout (RFC 8985 section 7.2): two RTTs, at least 10 ms. */
  long probeTimeout() {
    return Math.max(2 * srtt, PROBE_MIN);
  }

  /**
   * Returns the reordering window (RFC 8985 section 6.2), a quarter of the lowest round-trip time.
   * A segment sent before one that arrived counts lost once it is this much older than an RTT.
   */
  long reorderWindow() {
    return minRtt == NONE ? 0 : minRtt / 4;
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
