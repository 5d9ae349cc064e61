package org.eccp.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.FlowView;

/**
 * The protocol state of every flow and connection of one engine, taken before and after a packet
 * so that the invariants can tell which flows the packet changed. Counters are left out: a
 * rejected packet may count itself, but must change nothing else.
 */
final class FlowDigest {
  /** Per flow: its connection id and a fingerprint of its protocol fields. */
  final Map<Integer, Integer> flowConnection = new HashMap<>();
  final Map<Integer, Integer> flowFingerprint = new HashMap<>();
  /** Per flow: the nonce this host picked, which every packet for the flow must carry. */
  final Map<Integer, Long> flowNonce = new HashMap<>();
  /** Per flow: the peer's nonce, which an RST for the flow echoes. */
  final Map<Integer, Long> flowPeerNonce = new HashMap<>();
  /** Per connection: a fingerprint of its shared fields (versions, peer IList, state). */
  final Map<Integer, Integer> connectionFingerprint = new HashMap<>();

  static FlowDigest of(HostEngine engine) {
    FlowDigest d = new FlowDigest();
    for (ConnectionView c : engine.connections()) {
      d.connectionFingerprint.put(c.id(), Objects.hash(c.state(), c.localVersion(),
          c.peerVersion(), c.peerInterfaceList()));
      for (FlowView f : c.flows()) {
        d.flowConnection.put(f.localFlowId(), c.id());
        d.flowNonce.put(f.localFlowId(), f.localNonce());
        d.flowPeerNonce.put(f.localFlowId(), f.remoteNonce());
        d.flowFingerprint.put(f.localFlowId(), Objects.hash(f.state(), f.localAddress(),
            f.remoteAddress(), f.remoteFlowId(), f.remoteNonce(), f.peerVersion(),
            f.awaitedVersion()));
      }
    }
    return d;
  }

  /** True when nothing differs. */
  boolean sameAs(FlowDigest o) {
    return flowFingerprint.equals(o.flowFingerprint)
        && connectionFingerprint.equals(o.connectionFingerprint);
  }

  /**
   * Returns the id of a connection other than {@code connectionId} whose state or flows differ
   * between this digest and {@code after}, or null when there is none. Connections that exist only
   * in {@code after} are new and ignored.
   */
  Integer otherConnectionChanged(FlowDigest after, int connectionId) {
    for (Map.Entry<Integer, Integer> e : connectionFingerprint.entrySet()) {
      int id = e.getKey();
      if (id != connectionId && !Objects.equals(e.getValue(), after.connectionFingerprint.get(id))) {
        return id;
      }
    }
    for (Map.Entry<Integer, Integer> e : flowFingerprint.entrySet()) {
      int conn = flowConnection.get(e.getKey());
      if (conn != connectionId && !Objects.equals(e.getValue(), after.flowFingerprint.get(e.getKey()))) {
        return conn;
      }
    }
    return null;
  }
}
