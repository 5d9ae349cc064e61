package org.eccp.engine;

import org.eccp.wire.IpAddress;

/** The mutable state of one flow. Only the engine changes it; others see it as a FlowView. */
final class Flow implements FlowView {
  final int connectionId;
  final int localFlowId;
  final long localNonce;
  int remoteFlowId;
  long remoteNonce;
  FlowState state = FlowState.CLOSED;
  IpAddress localAddress;
  IpAddress remoteAddress;
  /** The newest peer version processed on this flow (SYN, RSYN or FIN). */
  int peerVersion;
  /** The version of the SYN, RSYN or FIN this flow sent last; the reply must acknowledge it. */
  int sentVersion;
  /** True while the pending RSYN carries NEW_ADDRESS (the flow moved, not only the IList). */
  boolean rsynCarriesAddress;
  /** For a flow added with JOIN: the peer's flowID and nonce of the joined flow, else 0. */
  int joinRemoteFlowId;
  long joinRemoteNonce;
  /** True once the flow finished its handshake (reported to the user). */
  boolean everSynchronized;
  /**
   * The address family the flow was opened in (true for IPv6). A flow that had to move to the
   * other family moves back when an address of this one becomes usable.
   */
  boolean homeV6;
  /** The one timer of the flow; deadline is meaningful when kind is not NONE. */
  FlowState.TimerKind timerKind = FlowState.TimerKind.NONE;
  long deadline;
  int retries;

  Flow(int connectionId, int localFlowId, long localNonce) {
    this.connectionId = connectionId;
    this.localFlowId = localFlowId;
    this.localNonce = localNonce;
  }

  Flow copy() {
    Flow f = new Flow(connectionId, localFlowId, localNonce);
    f.remoteFlowId = remoteFlowId;
    f.remoteNonce = remoteNonce;
    f.state = state;
    f.localAddress = localAddress;
    f.remoteAddress = remoteAddress;
    f.peerVersion = peerVersion;
    f.sentVersion = sentVersion;
    f.rsynCarriesAddress = rsynCarriesAddress;
    f.joinRemoteFlowId = joinRemoteFlowId;
    f.joinRemoteNonce = joinRemoteNonce;
    f.everSynchronized = everSynchronized;
    f.homeV6 = homeV6;
    f.timerKind = timerKind;
    f.deadline = deadline;
    f.retries = retries;
    return f;
  }

  /** Hashes what the protocol depends on; absolute deadlines are left out on purpose. */
  long hash(long h) {
    h = StateHash.mix(h, connectionId, localFlowId, remoteFlowId, state.ordinal());
    h = StateHash.mix(h, localNonce, remoteNonce, peerVersion, sentVersion);
    h = StateHash.mix(h, StateHash.of(localAddress), StateHash.of(remoteAddress),
        (rsynCarriesAddress ? 1 : 0) | (homeV6 ? 2 : 0), everSynchronized ? 1 : 0);
    return StateHash.mix(h, joinRemoteFlowId, joinRemoteNonce, timerKind.ordinal(), retries);
  }

  /** Returns true when the flow is bound to an address of the other family than its home one. */
  boolean awayFromHome() {
    return localAddress != null && localAddress.isV6() != homeV6;
  }

  @Override
  public int connectionId() {
    return connectionId;
  }

  @Override
  public int localFlowId() {
    return localFlowId;
  }

  @Override
  public int remoteFlowId() {
    return remoteFlowId;
  }

  @Override
  public FlowState state() {
    return state;
  }

  @Override
  public IpAddress localAddress() {
    return localAddress;
  }

  @Override
  public IpAddress remoteAddress() {
    return remoteAddress;
  }

  @Override
  public long localNonce() {
    return localNonce;
  }

  @Override
  public long remoteNonce() {
    return remoteNonce;
  }

  @Override
  public int peerVersion() {
    return peerVersion;
  }

  @Override
  public int awaitedVersion() {
    return sentVersion;
  }

  @Override
  public FlowState.TimerKind timerKind() {
    return timerKind;
  }

  @Override
  public long deadline() {
    return deadline;
  }

  @Override
  public int retries() {
    return retries;
  }

  @Override
  public String toString() {
    return "flow " + Integer.toUnsignedString(localFlowId) + " " + state + " " + localAddress
        + "->" + remoteAddress;
  }
}
