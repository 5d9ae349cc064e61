package org.eccp.engine;

import java.util.ArrayList;
import java.util.List;
import org.eccp.wire.InterfaceList;

/** The mutable state of one connection; its flows live in the engine's flow table. */
final class Connection {
  final int id;
  final boolean initiator;
  int localVersion;
  /** The newest peer version seen on any flow; an IList is taken only with a newer version. */
  int peerVersion;
  InterfaceList peerList = InterfaceList.EMPTY;
  /** Local flowIDs, oldest first. */
  final List<Integer> flowIds = new ArrayList<>();
  ConnectionState state = ConnectionState.OPENING;
  /** True once a flow finished its handshake and the user was notified. */
  boolean established;
  /** True once this host or the peer started closing. */
  boolean closing;
  FailureReason lastFailure;

  Connection(int id, boolean initiator) {
    this.id = id;
    this.initiator = initiator;
  }

  Connection copy() {
    Connection c = new Connection(id, initiator);
    c.localVersion = localVersion;
    c.peerVersion = peerVersion;
    c.peerList = peerList;
    c.flowIds.addAll(flowIds);
    c.state = state;
    c.established = established;
    c.closing = closing;
    c.lastFailure = lastFailure;
    return c;
  }

  /** True when the user knows of the connection and hears of its end. */
  boolean userKnows() {
    return initiator || established;
  }

  long hash(long h) {
    h = StateHash.mix(h, id, initiator ? 1 : 0, localVersion, peerVersion);
    h = StateHash.mix(h, StateHash.of(peerList), state.ordinal(), (established ? 1 : 0) + (closing ? 2 : 0),
        lastFailure == null ? -1 : lastFailure.ordinal());
    for (int f : flowIds) {
      h = StateHash.mix(h, f);
    }
    return h;
  }
}
