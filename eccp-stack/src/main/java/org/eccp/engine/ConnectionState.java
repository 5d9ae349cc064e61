package org.eccp.engine;

/** The state of a connection, derived from the states of its flows. */
public enum ConnectionState {
  /** No flow has finished its handshake yet. */
  OPENING,
  /** At least one flow finished its handshake and none is closing. */
  ESTABLISHED,
  /** Close was requested or the peer started closing. */
  CLOSING,
  /** The last flow is gone. */
  CLOSED
}
