package org.eccp.tunnel;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntBiFunction;
import org.eccp.wire.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path MTU of every flow of the tunnel. A flow starts from the MTU that the kernel has for
 * its path (the interface MTU, or a smaller learned path MTU), starts over when it migrates, and
 * goes down on EMSGSIZE from a send and on a matching ICMP "fragmentation needed". It never goes
 * up on the same path: a flow learns a larger MTU only from a new path.
 */
final class PathMtus {
  private static final Logger LOG = LoggerFactory.getLogger(PathMtus.class);
  /** The lowest path MTU accepted, as Linux's default net.ipv4.route.min_pmtu (552). */
  static final int MIN_MTU = 552;

  private final Map<Integer, PathMtu> byFlow = new ConcurrentHashMap<>();
  private final int overhead;
  private final int deviceMtu;
  private final TunnelCounters counters;
  private final ToIntBiFunction<IpAddress, IpAddress> kernel;
  private volatile Routes routes = Routes.NONE;
  private volatile int minInner;

  /**
   * @param overhead the bytes in front of each inner packet: outer IP, UDP if any, ECCP DATA
   * @param deviceMtu the TUN device's MTU: no flow carries more
   * @param kernel the kernel's MTU from a local to a remote address, -1 when unknown
   */
  PathMtus(int overhead, int deviceMtu, TunnelCounters counters,
      ToIntBiFunction<IpAddress, IpAddress> kernel) {
    this.overhead = overhead;
    this.deviceMtu = deviceMtu;
    this.counters = counters;
    this.kernel = kernel;
    this.minInner = deviceMtu;
  }

  /** Returns the path MTU of a flow, making it at the device MTU for a flow not seen before. */
  PathMtu of(int localFlowId) {
    return byFlow.computeIfAbsent(localFlowId, k -> new PathMtu(deviceMtu + overhead, deviceMtu));
  }

  /** Returns the smallest inner MTU of the flows that can send, the device MTU without any. */
  int minInner() {
    return minInner;
  }

  /**
   * Takes the current copy of the flows (loop thread, after every change and periodically): a
   * flow on a path it has no value for starts from the kernel's MTU, and flows that are gone
   * are forgotten.
   */
  void follow(Routes next) {
    Set<Integer> live = new HashSet<>();
    for (Routes.Route r : next.all) {
      live.add(r.localFlowId());
      if (r.local() != null && r.remote() != null && !r.pmtu().isFor(r.local(), r.remote())) {
        learn(r);
      }
    }
    byFlow.keySet().retainAll(live);
    routes = next;
    updateMinimum();
  }

  private void learn(Routes.Route r) {
    int known = kernel.applyAsInt(r.local(), r.remote());
    if (known <= 0) {
      // No route yet, as right after a move: use the device MTU and ask again next time.
      r.pmtu().reset(null, null, deviceMtu + overhead, deviceMtu);
      return;
    }
    int outer = Math.max(MIN_MTU, known);
    int old = r.pmtu().reset(r.local(), r.remote(), outer, inner(outer));
    if (old != outer) {
      counters.pmtuChanges.incrementAndGet();
      LOG.info("flow {} {} -> {}: path MTU {} -> {} (new path; inner MTU {})",
          Integer.toUnsignedString(r.localFlowId()), r.local(), r.remote(), old, outer,
          inner(outer));
    }
  }

  /**
   * Lowers a flow's MTU after the kernel refused an outer packet of {@code outerLength} bytes
   * with EMSGSIZE (outbound thread): to the kernel's MTU for the path, or to the RFC 1191
   * plateau below the packet when the kernel's value would not have refused it.
   */
  void onEmsgsize(Routes.Route r, int outerLength) {
    counters.sendTooBig.incrementAndGet();
    int known = kernel.applyAsInt(r.local(), r.remote());
    int outer = known > 0 && known < outerLength ? known : FragNeeded.plateauBelow(outerLength);
    lower(r, outer, "EMSGSIZE on a " + outerLength + "-byte send");
  }

  /**
   * Applies an ICMP "fragmentation needed" from {@code router} (ICMP thread) when it names a
   * current flow: its sender flowID, both addresses and, when quoted, the peer's flowID and the
   * nonce must match. Returns the flow's path MTU, or null for a message that matches no flow.
   */
  PathMtu onFragNeeded(FragNeeded m, IpAddress router) {
    Routes.Route r = routes.find(m.senderFlowId());
    if (r == null || !m.local().equals(r.local()) || !m.remote().equals(r.remote())) {
      return null;
    }
    if (m.hasReceiver() && (m.receiverFlowId() != r.dataHeader().receiverFlowId()
        || m.nonce() != r.dataHeader().nonce())) {
      return null;
    }
    lower(r, m.mtu(), "ICMP fragmentation needed from " + router);
    return r.pmtu();
  }

  private void lower(Routes.Route r, int outer, String reason) {
    int clamped = Math.max(MIN_MTU, outer);
    int old = r.pmtu().lower(r.local(), r.remote(), clamped, inner(clamped));
    if (old < 0) {
      return;
    }
    counters.pmtuChanges.incrementAndGet();
    LOG.info("flow {} {} -> {}: path MTU {} -> {} ({}; inner MTU {})",
        Integer.toUnsignedString(r.localFlowId()), r.local(), r.remote(), old, clamped, reason,
        inner(clamped));
    updateMinimum();
  }

  private int inner(int outer) {
    return Math.min(deviceMtu, outer - overhead);
  }

  private void updateMinimum() {
    int min = deviceMtu;
    for (Routes.Route r : routes.sendable) {
      min = Math.min(min, r.pmtu().inner());
    }
    minInner = min;
  }
}
