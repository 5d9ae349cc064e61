package org.eccp.engine;

/** The states of a flow: those of Figure 1 of the ECCP paper (Arye et al.) plus the closing states. */
public enum FlowState {
  CLOSED(TimerKind.NONE),
  LISTEN(TimerKind.NONE),
  SYN_SENT(TimerKind.RETRANSMIT),
  SYN_RCVD(TimerKind.RETRANSMIT),
  ESTABLISHED(TimerKind.NONE),
  NOADDRESS(TimerKind.PATIENCE),
  RSYN_SENT(TimerKind.RETRANSMIT),
  RSYN_RCVD(TimerKind.RETRANSMIT),
  RSYN_SENT_RCVD(TimerKind.RETRANSMIT),
  NOADDRESS_RSYN_RCVD(TimerKind.PATIENCE),
  FIN_SENT(TimerKind.RETRANSMIT),
  LAST_ACK(TimerKind.RETRANSMIT),
  TIME_WAIT(TimerKind.GUARD);

  private final TimerKind timer;

  FlowState(TimerKind timer) {
    this.timer = timer;
  }

  /** Returns the timer that runs while a flow is in this state. */
  public TimerKind timer() {
    return timer;
  }

  /** True once the flow's handshake is done and until it starts closing. */
  public boolean isSynchronized() {
    return switch (this) {
      case ESTABLISHED, NOADDRESS, RSYN_SENT, RSYN_RCVD, RSYN_SENT_RCVD, NOADDRESS_RSYN_RCVD -> true;
      default -> false;
    };
  }

  /** True when data that arrives on the flow is delivered (the peer may send until our FIN). */
  public boolean receivesData() {
    return sendsData() || this == FIN_SENT;
  }

  /** True when the flow may send data: synchronized and bound to an address. */
  public boolean sendsData() {
    return switch (this) {
      case ESTABLISHED, RSYN_SENT, RSYN_RCVD, RSYN_SENT_RCVD -> true;
      default -> false;
    };
  }

  /** The kinds of flow timer; a flow has at most one armed at a time. */
  public enum TimerKind {
    NONE,
    /** Resends the packet the state expects a reply to, with exponential backoff. */
    RETRANSMIT,
    /** How long a flow may stay without a usable local address. */
    PATIENCE,
    /** TIME_WAIT: how long old packets of a closed flow are absorbed. */
    GUARD
  }
}
