package org.eccp.stack;

import org.eccp.engine.ConnectionEvent;

/** What an {@link EccpStack} reports to its user. Every method runs on the stack's loop thread. */
public interface StackListener {
  /** A connection or flow changed (established, flow added, migrated, failed, closed). */
  default void onConnectionEvent(EccpStack stack, ConnectionEvent event) {}

  /**
   * A payload arrived on a flow: an echo reply (the bytes after the echo type) or data of a
   * delivery protocol.
   */
  default void onDelivery(EccpStack stack, int connectionId, int localFlowId, int nextProtocol,
      byte[] payload) {}

  /** The set of local addresses that the engine knows changed. */
  default void onAddressesChanged(EccpStack stack) {}
}
