package org.eccp.engine;

import org.eccp.wire.IpAddress;

/** Lifecycle events that an engine reports through {@link ActionSink#notify}. */
public sealed interface ConnectionEvent {
  int connectionId();

  /** The connection's first flow finished its handshake. */
  record Established(int connectionId, int localFlowId) implements ConnectionEvent {}

  /** A further flow of an established connection finished its handshake. */
  record FlowAdded(int connectionId, int localFlowId) implements ConnectionEvent {}

  /**
   * A flow now uses other addresses (either side moved). {@code version} is the version of the
   * migration: the local one when this host moved, the peer's when the peer moved.
   */
  record FlowMigrated(int connectionId, int localFlowId, IpAddress oldLocal, IpAddress oldRemote,
      IpAddress newLocal, IpAddress newRemote, int version) implements ConnectionEvent {}

  /** One flow failed; the connection goes on while it has other flows. */
  record FlowFailed(int connectionId, int localFlowId, FailureReason reason)
      implements ConnectionEvent {}

  /** The connection's last flow failed: the connection is gone. */
  record Failed(int connectionId, FailureReason reason) implements ConnectionEvent {}

  /** The connection closed normally (all flows closed). */
  record Closed(int connectionId) implements ConnectionEvent {}
}
