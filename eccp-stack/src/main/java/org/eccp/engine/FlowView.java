package org.eccp.engine;

import org.eccp.wire.IpAddress;

/** A read-only view of one flow, for tools, invariant checks and the data fast path. */
public interface FlowView {
  int connectionId();

  int localFlowId();

  /** The peer's flowID, 0 until the peer's first packet names it. */
  int remoteFlowId();

  FlowState state();

  IpAddress localAddress();

  IpAddress remoteAddress();

  /** The nonce this host picked; every packet of the flow that reaches it carries this value. */
  long localNonce();

  /** The peer's nonce, 0 until learned. */
  long remoteNonce();

  /** The newest peer version processed on this flow. */
  int peerVersion();

  /** The version of the exchange this flow opened and expects a reply to. */
  int awaitedVersion();

  /** The kind of timer armed on the flow, {@code NONE} when there is none. */
  FlowState.TimerKind timerKind();

  /** When the armed timer is due (engine time, nanoseconds); meaningless when none is armed. */
  long deadline();

  /** Retransmissions made in the current state. */
  int retries();

  /** True when a packet carrying {@code nonce} belongs to this flow. Allocates nothing. */
  default boolean nonceMatches(long nonce) {
    return nonce == localNonce();
  }
}
