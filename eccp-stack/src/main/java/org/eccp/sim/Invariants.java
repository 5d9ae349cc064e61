package org.eccp.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.FlowState;
import org.eccp.engine.FlowView;
import org.eccp.engine.Versions;
import org.eccp.wire.PacketType;

/**
 * The safety properties checked after every event of a simulation:
 *
 * <ul>
 *   <li>{@code misdirected-packet-accepted}: a packet whose receiver flowID names no flow of the
 *       host, or whose nonce does not match the flow it names, changes no flow or connection; a
 *       valid packet changes no other connection.
 *   <li>{@code version-went-back}: neither a connection's own version nor the peer version it has
 *       seen (per connection and per flow) ever moves back, in serial-number order.
 *   <li>{@code no-way-out}: every flow in a state other than CLOSED, LISTEN and ESTABLISHED has a
 *       timer pending, so it cannot wait forever.
 * </ul>
 */
final class Invariants {
  private final Simulation sim;
  private final Map<String, Integer> lastLocalVersion = new HashMap<>();
  private final Map<String, Integer> lastPeerVersion = new HashMap<>();

  Invariants(Simulation sim) {
    this.sim = sim;
  }

  /** Checks the per-step properties on every host. */
  void check() {
    for (SimHost h : sim.hosts()) {
      h.recordStates();
      Set<String> seen = new HashSet<>();
      for (ConnectionView c : h.engine().connections()) {
        String key = h.name() + "/c" + c.id();
        checkMonotonic(lastLocalVersion, key + "/local", c.localVersion(), seen);
        if (peerKnown(c)) {
          checkMonotonic(lastPeerVersion, key + "/peer", c.peerVersion(), seen);
        }
        for (FlowView f : c.flows()) {
          String fk = key + "/f" + Integer.toHexString(f.localFlowId()) + "/peer";
          if (f.state().isSynchronized()) {
            checkMonotonic(lastPeerVersion, fk, f.peerVersion(), seen);
          }
          checkWayOut(h, f);
        }
      }
      forget(lastLocalVersion, h.name() + "/", seen);
      forget(lastPeerVersion, h.name() + "/", seen);
    }
  }

  /** True once a flow of the connection finished its handshake, so the peer version is known. */
  static boolean peerKnown(ConnectionView c) {
    return c.flows().stream().anyMatch(f -> f.state().isSynchronized());
  }

  private void checkMonotonic(Map<String, Integer> last, String key, int now, Set<String> seen) {
    seen.add(key);
    Integer before = last.put(key, now);
    if (before != null && Versions.isOlder(now, before)) {
      sim.fail("version-went-back", key + " went from " + Integer.toUnsignedString(before)
          + " back to " + Integer.toUnsignedString(now));
    }
  }

  /** Drops the entries of connections and flows that are gone, so reused ids start afresh. */
  private static void forget(Map<String, Integer> last, String prefix, Set<String> seen) {
    last.keySet().removeIf(k -> k.startsWith(prefix) && !seen.contains(k));
  }

  private void checkWayOut(SimHost h, FlowView f) {
    String problem = wayOutProblem(h.name(), f, h.timerPending());
    if (problem != null) {
      sim.fail("no-way-out", problem);
    }
  }

  /** Returns why a flow has no way out of its state, or null when it has one. */
  static String wayOutProblem(String host, FlowView f, boolean timerPending) {
    FlowState s = f.state();
    if (s == FlowState.CLOSED || s == FlowState.LISTEN || s == FlowState.ESTABLISHED) {
      return null;
    }
    if (s.timer() == FlowState.TimerKind.NONE || !timerPending) {
      return host + " flow " + Integer.toHexString(f.localFlowId()) + " is in " + s
          + " with no timer pending";
    }
    return null;
  }

  /** Checks what one incoming packet changed on host {@code h}. */
  void checkPacketEffect(SimHost h, Datagram d, FlowDigest before, FlowDigest after) {
    String problem = packetEffectProblem(h.name(), d, before, after);
    if (problem != null) {
      sim.fail("misdirected-packet-accepted", problem);
    }
  }

  /**
   * Returns what a packet changed that it must not have changed, or null. A packet whose
   * receiver flowID names no flow, or whose nonce does not match the flow it names (the flow's own
   * nonce; the peer's for an RST), must change nothing. A valid one must change no other
   * connection. A SYN with receiver flowID 0 may create a connection.
   */
  static String packetEffectProblem(String host, Datagram d, FlowDigest before,
      FlowDigest after) {
    int rfid = d.packet().receiverFlowId();
    if (rfid == 0 && d.packet().type() == PacketType.SYN) {
      return null;
    }
    Integer conn = before.flowConnection.get(rfid);
    if (conn == null) {
      return before.sameAs(after) ? null : host + " changed its state on " + d.describe()
          + ", whose receiver flowID names no flow of the host";
    }
    // An RST echoes the nonce of the packet it answers, which is the peer's nonce of the flow.
    long expected = d.packet().type() == PacketType.RST ? before.flowPeerNonce.get(rfid)
        : before.flowNonce.get(rfid);
    boolean nonceMatches = expected == d.packet().nonce();
    if (!nonceMatches) {
      return before.sameAs(after) ? null : host + " changed its state on " + d.describe()
          + ", whose nonce does not match flow " + Integer.toHexString(rfid);
    }
    Integer other = before.otherConnectionChanged(after, conn);
    return other == null ? null : host + " connection " + other + " changed on " + d.describe()
        + ", which names a flow of connection " + conn;
  }
}
