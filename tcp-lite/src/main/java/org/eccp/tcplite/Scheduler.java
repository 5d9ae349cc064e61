package org.eccp.tcplite;

/** The rule by which a connection picks the flow for its next segment, among those with room. */
public enum Scheduler {
  /** The flow with the lowest smoothed round-trip time (flows without a sample come last). */
  LOWEST_RTT,
  /** Each flow in turn. */
  ROUND_ROBIN
}
