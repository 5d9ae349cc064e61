package org.eccp.tcplite;

/** Where the engine puts the segments it sends; the runtime wraps each in an ECCP DATA packet. */
@FunctionalInterface
public interface SegmentOutput {
  void send(int connectionId, int localFlowId, byte[] segment);
}
