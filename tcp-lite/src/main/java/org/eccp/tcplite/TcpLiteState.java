package org.eccp.tcplite;

/** The states of a tcp-lite connection. */
public enum TcpLiteState {
  /** Our SYN is out, the peer's SYN|ACK has not come. */
  SYN_SENT,
  /** The peer's SYN came and our SYN is not yet acknowledged. */
  SYN_RCVD,
  /** Both SYNs acknowledged; data flows both ways until a FIN. */
  ESTABLISHED,
  /** Both FINs exchanged and acknowledged; repeated FINs are still acknowledged. */
  TIME_WAIT,
  /** Gone: finished, reset or timed out. */
  CLOSED;

  /** True once the handshake is over and until the connection is gone. */
  public boolean isOpen() {
    return this == ESTABLISHED;
  }
}
