package org.eccp.tools.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's measurements, printed as the one JSON object of {@code --json} or a summary. */
public final class DemoResult {
  /** One application transfer through the tunnel. */
  public record Transfer(String app, long bytes, Boolean sha256Match, double throughputMbps,
      long startNanos, long endNanos, boolean completed) {}

  /**
   * One address change, with the longest time without inner traffic around it; {@code kind} is
   * "move" (the host changes network) or "failover" (one of two interfaces goes down).
   */
  public record Move(String host, String kind, String from, String to, long atNanos,
      double gapMs) {}

  public final List<Transfer> transfers = new ArrayList<>();
  public final List<Move> moves = new ArrayList<>();
  public String pcap;
  public String plot;
  public String error;
  /** The counters of both tunnel ends at the end of the run. */
  public Map<String, Object> counters;

  /** True when every transfer completed, the download's hash matched and no move broke traffic. */
  public boolean ok(double maxGapMs) {
    return error == null && !transfers.isEmpty()
        && transfers.stream().allMatch(t -> t.completed() && t.bytes() > 0
            && !Boolean.FALSE.equals(t.sha256Match()))
        && moves.stream().allMatch(m -> m.gapMs() < maxGapMs);
  }

  public Map<String, Object> toJson(boolean ok) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", ok);
    List<Object> ts = new ArrayList<>();
    for (Transfer t : transfers) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("app", t.app());
      o.put("bytes", t.bytes());
      if (t.sha256Match() != null) {
        o.put("sha256_match", t.sha256Match());
      }
      o.put("throughput_mbps", round(t.throughputMbps()));
      ts.add(o);
    }
    m.put("transfers", ts);
    List<Object> ms = new ArrayList<>();
    for (Move v : moves) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("host", v.host());
      o.put("from", v.from());
      o.put("to", v.to());
      o.put("kind", v.kind());
      o.put("gap_ms", round(v.gapMs()));
      ms.add(o);
    }
    m.put("moves", ms);
    m.put("pcap", pcap);
    m.put("plot", plot);
    m.put("tunnel_counters", counters);
    if (error != null) {
      m.put("error", error);
    }
    return m;
  }

  /** Returns a summary of a few lines for people. */
  public String summary(boolean ok) {
    StringBuilder b = new StringBuilder();
    for (Transfer t : transfers) {
      b.append(String.format(Locale.ROOT, "  %-6s %,d bytes at %.0f Mbit/s%s%n", t.app(),
          t.bytes(), t.throughputMbps(), t.sha256Match() == null ? ""
              : t.sha256Match() ? ", SHA-256 equal at both ends" : ", SHA-256 DIFFERS"));
    }
    for (Move v : moves) {
      b.append(String.format(Locale.ROOT, "  %-8s %s %s -> %s: %.0f ms without inner traffic%n",
          v.kind(), v.host(), v.from(), v.to(), v.gapMs()));
    }
    if (pcap != null) {
      b.append("  outer packets: ").append(pcap).append('\n');
    }
    if (plot != null) {
      b.append("  throughput plot: ").append(plot).append('\n');
    }
    if (error != null) {
      b.append("  error: ").append(error).append('\n');
    }
    b.append(ok ? "demo passed\n" : "demo FAILED\n");
    return b.toString();
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
