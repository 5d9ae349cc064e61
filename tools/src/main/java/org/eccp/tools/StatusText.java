package org.eccp.tools;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Prints one tunnel end's status object for people. */
final class StatusText {
  private StatusText() {}

  static void print(Map<?, ?> t, PrintStream out) {
    if (t.containsKey("error")) {
      out.println("tunnel: " + t.get("error"));
      return;
    }
    out.printf("tunnel %s (%s, %s): inner %s, MTU %s, paths %s%n", t.get("device"), t.get("role"),
        t.get("peer") == null ? "listening" : "peer " + t.get("peer"), t.get("inner"),
        t.get("inner_mtu"), t.get("paths") + prefer(t.get("prefer")));
    Map<?, ?> c = (Map<?, ?>) t.get("connection");
    if (c == null) {
      out.println("  no connection");
    } else {
      out.printf("  connection %s %s%n", c.get("id"), c.get("state"));
      for (Object o : (List<?>) c.get("flows")) {
        Map<?, ?> f = (Map<?, ?>) o;
        out.printf("  flow %s/%s %s %s -> %s  path MTU %s  rtt %s  sent %s pkts %s B  "
            + "received %s pkts %s B  retransmissions %s%n", f.get("local_flow_id"),
            f.get("remote_flow_id"), f.get("state"), f.get("local"), f.get("remote"),
            f.get("path_mtu") == null ? "-" : f.get("path_mtu"), rtt(f), f.get("sent_packets"),
            f.get("sent_bytes"), f.get("received_packets"), f.get("received_bytes"),
            f.get("retransmissions"));
      }
    }
    out.println("  tunnel: " + nonZero((Map<?, ?>) t.get("tunnel_counters"), false));
    out.println("  engine: " + nonZero((Map<?, ?>) t.get("engine_counters"), true));
    out.println("  stack: " + t.get("stack_counters") + "  link: " + t.get("link_counters"));
  }

  /** Returns ", prefer a0, b0" for a non-empty interface preference, else "". */
  private static String prefer(Object names) {
    return names instanceof List<?> l && !l.isEmpty() ? ", prefer " + String.join(", ",
        l.stream().map(String::valueOf).toList()) : "";
  }

  /** Formats every counter, or with {@code skipZero} only those above zero, as name=value. */
  private static String nonZero(Map<?, ?> m, boolean skipZero) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (skipZero && ((Number) e.getValue()).longValue() == 0) {
        continue;
      }
      b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
    }
    return b.toString();
  }

  /** The newest echo's RTT and its age, such as "0.5 ms, 45 s ago", or "-" before any. */
  private static String rtt(Map<?, ?> flow) {
    Object rtt = flow.get("rtt_ms");
    if (rtt == null) {
      return "-";
    }
    Object age = flow.get("rtt_age_ms");
    if (!(age instanceof Number n)) {
      return rtt + " ms";
    }
    long ms = n.longValue();
    return rtt + " ms, " + (ms < 1000 ? ms + " ms" : ms / 1000 + " s") + " ago";
  }
}
