package org.eccp.tcplite;

/** Tells the engine which flows of an ECCP connection can carry data now. */
@FunctionalInterface
public interface FlowDirectory {
  /** The local flowIDs of the connection that can send now, oldest first; empty when none. */
  int[] usableFlows(int connectionId);
}
