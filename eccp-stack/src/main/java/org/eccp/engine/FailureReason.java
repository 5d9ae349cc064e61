package org.eccp.engine;

/** The reason a flow or a connection failed. */
public enum FailureReason {
  /** The SYN or SYN-ACK was retransmitted until the retries ran out. */
  HANDSHAKE_TIMEOUT,
  /** An RSYN was retransmitted until the retries ran out. */
  MIGRATION_TIMEOUT,
  /** The host had no usable address for longer than the NOADDRESS patience. */
  NO_ADDRESS_TIMEOUT,
  /** The flow's address went away during its handshake and no other address was usable. */
  NO_ADDRESS,
  /** The peer sent a valid RST. */
  RESET_BY_PEER,
  /** The peer replied to the SYN with an RST because it does not listen. */
  REFUSED,
  /** A FIN or FIN-ACK was retransmitted until the retries ran out. */
  CLOSE_TIMEOUT
}
