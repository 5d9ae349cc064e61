package org.eccp.engine;

import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;

/**
 * One event being handled: what a row's condition looks at and what its handler acts on. A
 * handler sends through the step; the dispatcher moves the flow to the row's next state after.
 */
final class Step {
  final Engine engine;
  final long now;
  final ActionSink out;
  final Event event;
  Trigger trigger;
  /** The flow the row applies to; null for rows of the host (listen, SYN to the listener). */
  Flow flow;
  Connection conn;
  EccpPacket packet;
  IpAddress src;
  IpAddress dst;
  /** The connection an add-flow names; the joined flow of a SYN with JOIN. */
  Flow joined;
  /** The value {@link Engine#handle} returns. */
  long result;
  private LocalAddress usable;
  /** The remote address that goes with {@link #usable}: the flow's own, or the peer's other. */
  private IpAddress usableRemote;
  private boolean usableKnown;

  Step(Engine engine, long now, Event event, ActionSink out) {
    this.engine = engine;
    this.now = now;
    this.event = event;
    this.out = out;
  }

  /** Aims the step at a flow (or at the host when {@code f} is null) for one trigger. */
  void reset(Trigger t, Flow f) {
    trigger = t;
    flow = f;
    if (f != null) {
      conn = engine.connectionOf(f);
    }
    usableKnown = false;
  }

  /**
   * Returns a local address the flow can move to (its current one excluded), or null. One of the
   * flow's home family comes first, then one of the other family. A synchronized flow may change
   * family when the peer's IList contains an address of the new family, which then becomes the
   * flow's remote address ({@link #usableRemote()}); a flow in its handshake stays in its family.
   */
  LocalAddress usableAddress() {
    if (usableKnown) {
      return usable;
    }
    usableKnown = true;
    usable = null;
    usableRemote = flow.remoteAddress;
    if (flow.remoteAddress == null) {
      usable = engine.chooseAddress(null, flow.localAddress, flow.localAddress);
      return usable;
    }
    boolean mayCross = flow.state.isSynchronized() && conn != null;
    for (boolean v6 : new boolean[] {flow.homeV6, !flow.homeV6}) {
      IpAddress remote = v6 == flow.remoteAddress.isV6() ? flow.remoteAddress
          : mayCross ? peerAddressOfFamily(conn, v6) : null;
      LocalAddress local = remote == null ? null
          : engine.chooseAddress(remote, flow.localAddress, flow.localAddress);
      if (local != null) {
        usable = local;
        usableRemote = remote;
        return usable;
      }
    }
    return null;
  }

  /** Returns the remote address for a move to {@link #usableAddress()}. */
  IpAddress usableRemote() {
    usableAddress();
    return usableRemote;
  }

  /** Returns the peer's most preferred IList address of one family, or null. */
  static IpAddress peerAddressOfFamily(Connection c, boolean v6) {
    IpAddress best = null;
    int bestPreference = Integer.MAX_VALUE;
    for (InterfaceList.Entry e : c.peerList.entries()) {
      if (e.address().isV6() == v6 && e.preference() < bestPreference) {
        best = e.address();
        bestPreference = e.preference();
      }
    }
    return best;
  }

  boolean hasRoom() {
    return engine.limitHit(this) == null;
  }

  /** Counts the limit that refused this step. */
  void countLimit() {
    Counter c = engine.limitHit(this);
    count(c == null ? Counter.NO_TRANSITION : c);
  }

  void send(EccpPacket header) {
    engine.send(this, flow, header, null);
  }

  void retransmit(EccpPacket header) {
    engine.counters().add(Counter.RETRANSMISSIONS);
    send(header);
  }

  void count(Counter c) {
    engine.counters().add(c);
  }

  void notify(ConnectionEvent e) {
    out.notify(e);
  }

  /** Restarts the flow's retransmission timer, as on entering its state. */
  void restartTimer() {
    engine.armTimer(flow, flow.state, now);
  }

  /** Bumps the connection version and makes the flow's next RSYN carry it. */
  void newVersion() {
    conn.localVersion = Versions.next(conn.localVersion);
    flow.sentVersion = conn.localVersion;
  }

  /** Reports a failure of the flow, and of the connection if it is the last flow. */
  void fail(FailureReason reason) {
    engine.fail(this, flow, reason);
  }
}
