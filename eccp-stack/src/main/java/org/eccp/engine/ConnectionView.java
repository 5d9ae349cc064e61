package org.eccp.engine;

import java.util.List;
import org.eccp.wire.InterfaceList;

/** A read-only view of one connection. */
public interface ConnectionView {
  int id();

  ConnectionState state();

  /** This host's current version of the connection. */
  int localVersion();

  /** The newest peer version seen on any flow; orders IList updates. */
  int peerVersion();

  /** The peer's interface list, replaced whole by each newer SYN-ACK, SYN or RSYN. */
  InterfaceList peerInterfaceList();

  /** True when this host opened the connection. */
  boolean initiator();

  /** The connection's flows, oldest first. */
  List<FlowView> flows();
}
