package org.eccp.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Map;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class RoutesOrderTest {
  private static final IpAddress A = IpAddress.parse("198.18.1.10");
  private static final IpAddress B = IpAddress.parse("198.18.2.10");
  private static final IpAddress C = IpAddress.parse("198.18.3.10");
  private static final IpAddress PEER = IpAddress.parse("198.19.1.10");

  private static Routes.Route route(int id, IpAddress local, boolean sends, boolean established) {
    return new Routes.Route(id, local, PEER, 0, true, sends, established, null, new FlowStats(),
        new PathMtu(1500, 1460));
  }

  private static int[] ids(Routes.Route[] routes) {
    int[] out = new int[routes.length];
    for (int i = 0; i < routes.length; i++) {
      out[i] = routes[i].localFlowId();
    }
    return out;
  }

  @Test
  void sendable_preferredEstablishedFirst() {
    Map<IpAddress, Integer> rank = Map.of(B, 0, A, 1, C, 2);
    List<Routes.Route> all = List.of(route(1, A, true, true), route(2, B, true, true),
        route(3, C, true, true));
    assertArrayEquals(new int[] {2, 1, 3}, ids(Routes.sendable(all, rank::get)));
  }

  @Test
  void sendable_establishedBeforePreferredHandshake() {
    Map<IpAddress, Integer> rank = Map.of(B, 0, A, 1, C, 1);
    List<Routes.Route> all = List.of(route(1, A, true, true), route(2, B, true, false),
        route(3, C, false, false));
    assertArrayEquals(new int[] {1, 2}, ids(Routes.sendable(all, rank::get)),
        "a flow still in its handshake waits behind an established one; one that cannot send "
            + "is left out");
  }

  @Test
  void sendable_equalRanksKeepConnectionOrder() {
    List<Routes.Route> all = List.of(route(3, C, true, true), route(1, A, true, true),
        route(2, B, true, true));
    assertArrayEquals(new int[] {3, 1, 2}, ids(Routes.sendable(all, a -> 0)));
  }
}
