package org.eccp.tcplite;

/** Callbacks from the engine to the layer above; every method runs inside an engine call. */
public interface TcpLiteListener {
  /** A connection to a listening port finished its handshake. */
  default void accepted(TcpLiteConnection c) {}

  /** An active open finished its handshake. */
  default void connected(TcpLiteConnection c) {}

  /** New bytes or the end of the stream can be read. */
  default void readable(TcpLiteConnection c) {}

  /** Room appeared in the send buffer. */
  default void writable(TcpLiteConnection c) {}

  /** The connection ended; it takes no more calls. */
  default void closed(TcpLiteConnection c, CloseReason reason) {}
}
