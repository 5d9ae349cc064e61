package org.eccp.tunnel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.FlowView;
import org.eccp.link.LinkCounters;
import org.eccp.stack.EccpStack;
import org.eccp.stack.StackCounters;

/**
 * A snapshot of one tunnel end as plain maps and lists (for JSON): its connection, each flow with
 * both addresses, RTT, bytes, packets and retransmissions, and every counter of the tunnel, the
 * engine, the stack and the link.
 */
public final class TunnelStatus {
  private TunnelStatus() {}

  /** Takes the snapshot on the stack's loop thread, waiting at most one second. */
  public static Map<String, Object> of(Tunnel t) throws InterruptedException, TimeoutException {
    return t.stack().call(s -> snapshot(t, s), 1000);
  }

  private static Map<String, Object> snapshot(Tunnel t, EccpStack s) {
    Map<String, Object> m = new LinkedHashMap<>();
    TunnelConfig c = t.config();
    m.put("device", c.device());
    m.put("role", c.client() ? "client" : "server");
    m.put("inner", c.inner());
    m.put("inner_mtu", c.innerMtu());
    m.put("peer", c.client() ? c.peer().toString() : null);
    m.put("paths", c.stripe() ? "stripe" : "failover");
    m.put("prefer", c.prefer());
    ConnectionView conn = t.connectionId() == 0 ? null : s.engine().connection(t.connectionId());
    m.put("connection", conn == null ? null : connection(t, conn));
    m.put("tunnel_counters", t.counters().snapshot());
    m.put("engine_counters", s.engine().counters().asMap());
    m.put("stack_counters", stack(s.counters()));
    m.put("link_counters", link(s.linkCounters()));
    return m;
  }

  private static Map<String, Object> connection(Tunnel t, ConnectionView conn) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", conn.id());
    m.put("state", conn.state().name());
    List<Object> flows = new ArrayList<>();
    for (FlowView f : conn.flows()) {
      flows.add(flow(t, f));
    }
    m.put("flows", flows);
    return m;
  }

  private static Map<String, Object> flow(Tunnel t, FlowView f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("local_flow_id", Integer.toUnsignedLong(f.localFlowId()));
    m.put("remote_flow_id", Integer.toUnsignedLong(f.remoteFlowId()));
    m.put("state", f.state().name());
    m.put("local", f.localAddress() == null ? null : f.localAddress().toString());
    m.put("remote", f.remoteAddress() == null ? null : f.remoteAddress().toString());
    m.put("retransmissions", f.retries());
    PathMtu pmtu = t.pathMtu(f.localFlowId());
    m.put("path_mtu", pmtu == null ? null : pmtu.outer());
    m.put("path_inner_mtu", pmtu == null ? null : pmtu.inner());
    FlowStats st = t.flowStats(f.localFlowId());
    m.put("rtt_ms", st == null || st.rttMicros < 0 ? null : st.rttMicros / 1000.0);
    m.put("rtt_age_ms", st == null || st.rttMicros < 0 ? null
        : (System.nanoTime() - st.lastReplyNanos) / 1_000_000);
    m.put("sent_packets", st == null ? 0 : st.sentPackets.get());
    m.put("sent_bytes", st == null ? 0 : st.sentBytes.get());
    m.put("received_packets", st == null ? 0 : st.receivedPackets.get());
    m.put("received_bytes", st == null ? 0 : st.receivedBytes.get());
    return m;
  }

  private static Map<String, Object> stack(StackCounters c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("malformed", c.malformed());
    m.put("queue_full", c.queueFull());
    m.put("send_errors", c.sendErrors());
    m.put("oversize", c.oversize());
    m.put("task_errors", c.taskErrors());
    return m;
  }

  private static Map<String, Object> link(LinkCounters c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sent", c.sent());
    m.put("received", c.received());
    m.put("malformed", c.malformed());
    m.put("foreign", c.foreign());
    m.put("dropped", c.dropped());
    return m;
  }
}
