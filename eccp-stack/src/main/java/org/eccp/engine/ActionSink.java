package org.eccp.engine;

import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;

/**
 * The effects an engine requests from its runtime. The engine calls these during {@link Engine#handle} and
 * keeps no reference to the sink afterwards.
 */
public interface ActionSink {
  /** Send a packet from local address {@code src} to {@code dst}. */
  void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload);

  /** Hand a payload that arrived on a flow to the delivery protocol of {@code nextProtocol}. */
  void deliver(int connectionId, int localFlowId, int nextProtocol, byte[] payload);

  /** Report a connection lifecycle event to the user. */
  void notify(ConnectionEvent event);
}
