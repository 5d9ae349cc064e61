package org.eccp.tcplite;

/**
 * The sink for the segments that the engine sends; the runtime wraps each in an ECCP DATA
 * packet.
 */
@FunctionalInterface
public interface SegmentOutput {
  void send(int connectionId, int localFlowId, byte[] segment);
}
