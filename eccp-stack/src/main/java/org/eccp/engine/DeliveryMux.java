package org.eccp.engine;

import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;

/**
 * An {@link ActionSink} in front of another that hands each delivered payload to the protocol
 * attached for its next-protocol code. Payloads for a code with no protocol are counted and
 * dropped; sends and notifications pass through unchanged.
 */
public final class DeliveryMux implements ActionSink {
  private final ActionSink next;
  private final DeliveryProtocol.FlowSender sender;
  private final DeliveryProtocol[] byCode = new DeliveryProtocol[256];
  private long unclaimed;

  public DeliveryMux(ActionSink next, DeliveryProtocol.FlowSender sender) {
    this.next = next;
    this.sender = sender;
  }

  /** Attaches a protocol; a second one for the same code replaces the first. */
  public void attach(DeliveryProtocol protocol) {
    int code = protocol.nextProtocol();
    if (code < 0 || code > 255) {
      throw new IllegalArgumentException("next-protocol code " + code + " is outside 0..255");
    }
    byCode[code] = protocol;
  }

  /** Payloads that arrived for a code with no protocol attached. */
  public long unclaimed() {
    return unclaimed;
  }

  @Override
  public void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {
    next.send(src, dst, header, payload);
  }

  @Override
  public void deliver(int connectionId, int localFlowId, int nextProtocol, byte[] payload) {
    DeliveryProtocol p = nextProtocol >= 0 && nextProtocol < 256 ? byCode[nextProtocol] : null;
    if (p == null) {
      unclaimed++;
      next.deliver(connectionId, localFlowId, nextProtocol, payload);
      return;
    }
    p.receive(connectionId, localFlowId, payload, sender);
  }

  @Override
  public void notify(ConnectionEvent event) {
    next.notify(event);
  }
}
