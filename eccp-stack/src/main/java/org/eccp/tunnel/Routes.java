package org.eccp.tunnel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.FlowState;
import org.eccp.engine.FlowView;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;

/**
 * An immutable copy of the flows of the tunnel's connection, made on the stack's loop thread
 * and read by the data-path threads, which never touch the engine. A new copy replaces the old
 * one after every connection event and address change.
 */
final class Routes {
  /** One flow, with what the data path needs to send and check its packets. */
  record Route(int localFlowId, IpAddress local, IpAddress remote, long localNonce,
      boolean receives, boolean sends, boolean established, EccpPacket dataHeader,
      FlowStats stats, PathMtu pmtu) {}

  static final Routes NONE = new Routes(new Route[0], new Route[0]);

  /** Every flow, for the receiving side. */
  final Route[] all;
  /** The flows that can send now, established ones first. */
  final Route[] sendable;

  private Routes(Route[] all, Route[] sendable) {
    this.all = all;
    this.sendable = sendable;
  }

  /**
   * Copies the connection's flows; {@code stats} gives each flow its counters, {@code pmtu} its
   * path MTU, and {@code rank} the preference of its local address (lower first). Sendable flows
   * are ordered established first, then by rank, then as the connection lists them.
   */
  static Routes of(ConnectionView connection, IntFunction<FlowStats> stats,
      IntFunction<PathMtu> pmtu, ToIntFunction<IpAddress> rank) {
    if (connection == null) {
      return NONE;
    }
    List<Route> all = new ArrayList<>();
    for (FlowView f : connection.flows()) {
      all.add(route(f, stats.apply(f.localFlowId()), pmtu.apply(f.localFlowId())));
    }
    return new Routes(all.toArray(new Route[0]), sendable(all, rank));
  }

  /** Returns the flows that can send: established first, then by rank, then in list order. */
  static Route[] sendable(List<Route> all, ToIntFunction<IpAddress> rank) {
    List<Route> established = new ArrayList<>();
    List<Route> other = new ArrayList<>();
    for (Route r : all) {
      if (r.sends()) {
        (r.established() ? established : other).add(r);
      }
    }
    Comparator<Route> byRank = Comparator.comparingInt(r -> rank.applyAsInt(r.local()));
    established.sort(byRank);
    other.sort(byRank);
    established.addAll(other);
    return established.toArray(new Route[0]);
  }

  /** Returns a copy made of the given flows, in order; those that send are sendable. */
  static Routes of(Route... routes) {
    return new Routes(routes.clone(),
        java.util.Arrays.stream(routes).filter(Route::sends).toArray(Route[]::new));
  }

  private static Route route(FlowView f, FlowStats stats, PathMtu pmtu) {
    boolean sends = f.state().sendsData() && f.localAddress() != null
        && f.remoteAddress() != null && f.remoteFlowId() != 0;
    EccpPacket header = new EccpPacket(PacketType.DATA, NextProtocol.TUNNELLED_IP,
        f.localFlowId(), f.remoteFlowId(), f.remoteNonce(), 0, 0, null, null, 0, 0);
    return new Route(f.localFlowId(), f.localAddress(), f.remoteAddress(), f.localNonce(),
        f.state().receivesData(), sends, f.state() == FlowState.ESTABLISHED, header, stats,
        pmtu);
  }

  /** Returns the flow with this local flowID, or null. Allocates nothing. */
  Route find(int localFlowId) {
    for (Route r : all) {
      if (r.localFlowId() == localFlowId) {
        return r;
      }
    }
    return null;
  }

  /** True when both copies name the same flows with the same addresses and states. */
  boolean sameAs(Routes o) {
    return java.util.Arrays.equals(all, o.all) && java.util.Arrays.equals(sendable, o.sendable);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Route r : sendable) {
      b.append(b.length() == 0 ? "" : ", ").append(Integer.toUnsignedString(r.localFlowId()))
          .append(' ').append(r.local()).append(" -> ").append(r.remote());
    }
    return b.length() == 0 ? "no flow" : b.toString();
  }
}
