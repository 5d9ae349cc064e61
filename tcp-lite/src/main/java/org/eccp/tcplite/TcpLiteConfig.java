package org.eccp.tcplite;

/**
 * The knobs of a tcp-lite engine. Times are in nanoseconds, sizes in bytes. {@link #defaults()}
 * follows RFC 6298 for the timer and RFC 5681 for congestion control.
 *
 * @param mss largest payload of one segment; ECCP DATA header plus tcp-lite header plus this
 *     must fit the path MTU
 * @param sendBuffer bytes the application may queue beyond what is acknowledged
 * @param receiveBuffer bytes held for the application, in order and out of order
 * @param initialWindowSegments congestion window of a new flow, in segments (RFC 6928)
 * @param initialRto retransmission timeout before the first round-trip sample (RFC 6298: 1 s)
 * @param minRto lower bound of the timeout (RFC 6298: 1 s; 200 ms as Linux uses)
 * @param maxRto upper bound of the doubled timeout (RFC 6298 allows 60 s)
 * @param maxRetries consecutive timeouts without progress after which the connection fails
 * @param dupThreshold later segments on the same flow that must arrive before one counts lost
 * @param scheduler how the next segment picks its flow
 * @param coupled coupled congestion increase across flows (RFC 6356) instead of per-flow NewReno
 * @param keepaliveIdle idle time before the first keepalive probe; 0 turns keepalive off
 * @param keepaliveInterval time between unanswered keepalive probes
 * @param keepaliveProbes unanswered probes after which the connection fails
 * @param timeWait how long a closed connection still acknowledges a repeated FIN
 * @param tailLossProbe time-based loss detection and a tail-loss probe (RFC 8985) per flow
 * @param hystart leave slow start when the round-trip time rises (HyStart, RFC 9406)
 */
public record TcpLiteConfig(int mss, int sendBuffer, int receiveBuffer, int initialWindowSegments,
    long initialRto, long minRto, long maxRto, int maxRetries, int dupThreshold,
    Scheduler scheduler, boolean coupled, long keepaliveIdle, long keepaliveInterval,
    int keepaliveProbes, long timeWait, boolean tailLossProbe, boolean hystart) {

  public static final long MS = 1_000_000L;

  public TcpLiteConfig {
    if (mss < 1 || sendBuffer < mss || receiveBuffer < mss) {
      throw new IllegalArgumentException("mss must be positive and the buffers at least one mss");
    }
    if (initialRto <= 0 || minRto <= 0 || maxRto < minRto || maxRetries < 1) {
      throw new IllegalArgumentException(
          "timeouts must be positive, maxRto >= minRto and retries >= 1");
    }
  }

  public static TcpLiteConfig defaults() {
    return new TcpLiteConfig(1200, 4 << 20, 4 << 20, 10, 1000 * MS, 200 * MS, 60_000 * MS, 12,
        3, Scheduler.LOWEST_RTT, false, 0, 75_000 * MS, 9, 2_000 * MS, true, true);
  }

  public TcpLiteConfig withBuffers(int send, int receive) {
    return new TcpLiteConfig(mss, send, receive, initialWindowSegments, initialRto, minRto, maxRto,
        maxRetries, dupThreshold, scheduler, coupled, keepaliveIdle, keepaliveInterval,
        keepaliveProbes, timeWait, tailLossProbe, hystart);
  }

  public TcpLiteConfig withRto(long initial, long min, long max, int retries) {
    return new TcpLiteConfig(mss, sendBuffer, receiveBuffer, initialWindowSegments, initial, min,
        max, retries, dupThreshold, scheduler, coupled, keepaliveIdle, keepaliveInterval,
        keepaliveProbes, timeWait, tailLossProbe, hystart);
  }

  public TcpLiteConfig withScheduler(Scheduler s, boolean coupledIncrease) {
    return new TcpLiteConfig(mss, sendBuffer, receiveBuffer, initialWindowSegments, initialRto,
        minRto, maxRto, maxRetries, dupThreshold, s, coupledIncrease, keepaliveIdle,
        keepaliveInterval, keepaliveProbes, timeWait, tailLossProbe, hystart);
  }

  public TcpLiteConfig withKeepalive(long idle, long interval, int probes) {
    return new TcpLiteConfig(mss, sendBuffer, receiveBuffer, initialWindowSegments, initialRto,
        minRto, maxRto, maxRetries, dupThreshold, scheduler, coupled, idle, interval, probes,
        timeWait, tailLossProbe, hystart);
  }

  /** Turns the tail-loss probe with time-based loss detection, and HyStart, on or off. */
  public TcpLiteConfig withLossRecovery(boolean probe, boolean hystartExit) {
    return new TcpLiteConfig(mss, sendBuffer, receiveBuffer, initialWindowSegments, initialRto,
        minRto, maxRto, maxRetries, dupThreshold, scheduler, coupled, keepaliveIdle,
        keepaliveInterval, keepaliveProbes, timeWait, probe, hystartExit);
  }
}
