package org.eccp.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

class PathMtusTest {
  private static final IpAddress LOCAL = IpAddress.parse("198.19.1.10");
  private static final IpAddress MOVED = IpAddress.parse("198.19.2.10");
  private static final IpAddress REMOTE = IpAddress.parse("198.18.2.10");
  private static final IpAddress ROUTER = IpAddress.parse("198.19.1.1");
  private static final long NONCE = 42;

  /** The kernel's MTU per local address; -1 for a path it has no route for. */
  private final Map<IpAddress, Integer> kernel = new HashMap<>();
  private final TunnelCounters counters = new TunnelCounters();
  private final PathMtus mtus = new PathMtus(40, 1460, counters,
      (local, remote) -> kernel.getOrDefault(local, -1));

  private Routes.Route route(int flowId, IpAddress local) {
    EccpPacket header = new EccpPacket(PacketType.DATA, NextProtocol.TUNNELLED_IP, flowId, 900,
        NONCE, 0, 0, null, null, 0, 0);
    return new Routes.Route(flowId, local, REMOTE, 7, true, true, true, header, new FlowStats(),
        mtus.of(flowId));
  }

  private static FragNeeded fragNeeded(int flowId, IpAddress local, int mtu) {
    return new FragNeeded(local, REMOTE, flowId, true, 900, NONCE, mtu, 0, 0);
  }

  @Test
  void follow_startsFromKernelMtu() {
    kernel.put(LOCAL, 1500);
    Routes.Route r = route(1, LOCAL);
    mtus.follow(Routes.of(r));
    assertEquals(1500, r.pmtu().outer());
    assertEquals(1460, r.pmtu().inner());
    assertEquals(1460, mtus.minInner());
  }

  @Test
  void follow_smallerInterfaceLowersMinimum() {
    kernel.put(LOCAL, 1500);
    kernel.put(MOVED, 1280);
    mtus.follow(Routes.of(route(1, LOCAL), route(2, MOVED)));
    assertEquals(1240, mtus.of(2).inner());
    assertEquals(1240, mtus.minInner());
  }

  @Test
  void fragNeeded_lowersMatchingFlow() {
    kernel.put(LOCAL, 1500);
    mtus.follow(Routes.of(route(1, LOCAL)));
    assertNotNull(mtus.onFragNeeded(fragNeeded(1, LOCAL, 1280), ROUTER));
    assertEquals(1280, mtus.of(1).outer());
    assertEquals(1240, mtus.of(1).inner());
    assertEquals(1240, mtus.minInner());
    assertEquals(1, counters.pmtuChanges.get(), "the first path kept the default 1500");
  }

  @Test
  void fragNeeded_ignoresOtherFlowsPathsAndNonces() {
    kernel.put(LOCAL, 1500);
    mtus.follow(Routes.of(route(1, LOCAL)));
    assertNull(mtus.onFragNeeded(fragNeeded(2, LOCAL, 1280), ROUTER), "unknown flow");
    assertNull(mtus.onFragNeeded(fragNeeded(1, MOVED, 1280), ROUTER), "old path");
    assertNull(mtus.onFragNeeded(
        new FragNeeded(LOCAL, REMOTE, 1, true, 900, NONCE + 1, 1280, 0, 0), ROUTER),
        "wrong nonce");
    assertNull(mtus.onFragNeeded(
        new FragNeeded(LOCAL, REMOTE, 1, true, 901, NONCE, 1280, 0, 0), ROUTER),
        "wrong peer flowID");
    assertEquals(1500, mtus.of(1).outer());
  }

  @Test
  void fragNeeded_neverRaisesAndStopsAtMinimum() {
    kernel.put(LOCAL, 1400);
    mtus.follow(Routes.of(route(1, LOCAL)));
    assertNotNull(mtus.onFragNeeded(fragNeeded(1, LOCAL, 1450), ROUTER));
    assertEquals(1400, mtus.of(1).outer(), "a larger value is not taken");
    assertNotNull(mtus.onFragNeeded(fragNeeded(1, LOCAL, 300), ROUTER));
    assertEquals(PathMtus.MIN_MTU, mtus.of(1).outer());
  }

  @Test
  void migration_relearnsFromKernel() {
    kernel.put(LOCAL, 1500);
    kernel.put(MOVED, 1500);
    mtus.follow(Routes.of(route(1, LOCAL)));
    mtus.onFragNeeded(fragNeeded(1, LOCAL, 1280), ROUTER);
    mtus.follow(Routes.of(route(1, MOVED)));
    assertEquals(1500, mtus.of(1).outer(), "a new path starts over");
    assertEquals(1460, mtus.minInner());
  }

  @Test
  void emsgsize_takesKernelValueOrPlateau() {
    kernel.put(LOCAL, 1500);
    Routes.Route r = route(1, LOCAL);
    mtus.follow(Routes.of(r));
    kernel.put(LOCAL, 1280);
    mtus.onEmsgsize(r, 1500);
    assertEquals(1280, r.pmtu().outer());
    mtus.onEmsgsize(r, 1280);
    assertEquals(1006, r.pmtu().outer(), "the kernel's value would not have refused 1280 bytes");
    assertEquals(2, counters.sendTooBig.get());
  }

  @Test
  void follow_withoutKernelRouteUsesDeviceMtu() {
    Routes.Route r = route(1, LOCAL);
    mtus.follow(Routes.of(r));
    assertEquals(1500, r.pmtu().outer());
    assertEquals(1460, r.pmtu().inner());
  }

  @Test
  void follow_asksAgainUntilKernelHasRoute() {
    Routes.Route r = route(1, LOCAL);
    mtus.follow(Routes.of(r));
    kernel.put(LOCAL, 1280);
    mtus.follow(Routes.of(r));
    assertEquals(1280, r.pmtu().outer());
    assertEquals(1240, mtus.minInner());
  }

  @Test
  void emsgsize_beforeKernelRouteStillLowers() {
    Routes.Route r = route(1, LOCAL);
    mtus.follow(Routes.of(r));
    mtus.onEmsgsize(r, 1500);
    assertEquals(1492, r.pmtu().outer());
  }

  @Test
  void follow_forgetsGoneFlows() {
    kernel.put(LOCAL, 1280);
    mtus.follow(Routes.of(route(1, LOCAL)));
    PathMtu first = mtus.of(1);
    mtus.follow(Routes.of());
    assertTrue(first != mtus.of(1), "a flow that comes back starts from a new value");
    assertEquals(1460, mtus.minInner());
  }
}
