package org.eccp.tcplite;

/** The reason a tcp-lite connection ended. */
public enum CloseReason {
  /** Both sides sent FIN and every byte was acknowledged. */
  NORMAL,
  /** The peer sent RST. */
  RESET_BY_PEER,
  /** This side aborted and sent RST. */
  ABORTED,
  /** Retransmissions or keepalive probes went unanswered past their limit. */
  TIMEOUT,
  /** The ECCP connection under it failed. */
  CONNECTION_LOST,
  /** No listener on the port that the connection was opened to. */
  REFUSED
}
