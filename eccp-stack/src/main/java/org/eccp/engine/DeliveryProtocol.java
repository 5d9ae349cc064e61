package org.eccp.engine;

/**
 * A protocol carried on ECCP flows (tcp-lite, datagrams, tunnelled IP), attached by its
 * next-protocol code. The engine does not know what it carries: it hands payloads over through
 * {@link DeliveryMux} and takes payloads back as {@link Event.SendData} events.
 */
public interface DeliveryProtocol {
  /** The {@link org.eccp.wire.NextProtocol} code this protocol handles. */
  int nextProtocol();

  /** A payload arrived on a flow of a connection. */
  void receive(int connectionId, int localFlowId, byte[] payload, FlowSender sender);

  /** Sends payloads on flows; the runtime turns each call into a {@link Event.SendData}. */
  interface FlowSender {
    /** Sends {@code payload} on the flow; false when the flow cannot carry data now. */
    boolean send(int localFlowId, int nextProtocol, byte[] payload);
  }
}
