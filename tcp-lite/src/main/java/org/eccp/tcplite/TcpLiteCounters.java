package org.eccp.tcplite;

import java.util.EnumMap;
import java.util.Map;
import org.eccp.tcplite.wire.SegmentProblem;

/** Counters of one engine: drops by reason and protocol events that can repeat. */
public final class TcpLiteCounters {
  final Map<SegmentProblem, Long> malformed = new EnumMap<>(SegmentProblem.class);
  long noConnection;
  long resetsSent;
  long retransmitted;
  long timeouts;
  long windowProbes;
  long keepalives;
  long segmentsIn;
  long finsHeld;
  long segmentsOut;
  long tailLossProbes;
  long timeLosses;
  long slowStartExits;

  public long malformed(SegmentProblem p) {
    return malformed.getOrDefault(p, 0L);
  }

  /** Segments for no connection and no listener (each gets an RST unless it was one). */
  public long noConnection() {
    return noConnection;
  }

  public long resetsSent() {
    return resetsSent;
  }

  public long retransmitted() {
    return retransmitted;
  }

  public long timeouts() {
    return timeouts;
  }

  public long windowProbes() {
    return windowProbes;
  }

  public long keepalives() {
    return keepalives;
  }

  /** FINs that arrived while data before them was still missing, and were held. */
  public long finsHeld() {
    return finsHeld;
  }

  /** Probes sent because a flow went quiet with data in flight (RFC 8985 section 7). */
  public long tailLossProbes() {
    return tailLossProbes;
  }

  /** Segments counted lost by their age rather than by the count of later arrivals. */
  public long timeLosses() {
    return timeLosses;
  }

  /** Times slow start ended on a rising round-trip time (HyStart) rather than on a loss. */
  public long slowStartExits() {
    return slowStartExits;
  }

  public long segmentsIn() {
    return segmentsIn;
  }

  public long segmentsOut() {
    return segmentsOut;
  }

  @Override
  public String toString() {
    return "in=" + segmentsIn + " out=" + segmentsOut + " retransmitted=" + retransmitted
        + " timeouts=" + timeouts + " windowProbes=" + windowProbes + " keepalives=" + keepalives
        + " finsHeld=" + finsHeld + " tailLossProbes=" + tailLossProbes + " timeLosses="
        + timeLosses + " slowStartExits=" + slowStartExits
        + " noConnection=" + noConnection + " resetsSent=" + resetsSent + " malformed="
        + malformed;
  }
}
