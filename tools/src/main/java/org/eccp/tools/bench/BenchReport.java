package org.eccp.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eccp.tools.json.Json;

/**
 * The results of one benchmark: the machine, one {@link BenchResult} per subject and metric,
 * the ratios of our subjects over each peer, the subjects that failed with their reason, and
 * any fields and notes of a bench's own.
 */
public final class BenchReport {
  private final Map<String, Object> machine;
  private final List<String> ours;
  private final Map<String, BenchResult> results = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private final Map<String, Object> extra = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  /**
   * @param machine what {@link Machine#describe()} returns
   * @param ours the subjects whose ratios over every other subject are reported
   */
  public BenchReport(Map<String, Object> machine, List<String> ours) {
    this.machine = machine;
    this.ours = List.copyOf(ours);
  }

  /** Adds one run's value for a subject and metric. */
  public void add(String subject, String metric, String unit, double value) {
    String key = subject + "\0" + metric;
    BenchResult old = results.get(key);
    List<Double> values = new ArrayList<>(old == null ? List.of() : old.values());
    values.add(value);
    results.put(key, new BenchResult(subject, metric, unit, values));
  }

  /** Adds a field of a bench's own to the JSON object, after the common ones. */
  public void put(String key, Object value) {
    extra.put(key, value);
  }

  /** Records that a subject failed; its results so far are kept. */
  public void fail(String subject, String reason) {
    failures.putIfAbsent(subject, reason);
  }

  /** Adds a line to the end of the plain-text summary. */
  public void note(String line) {
    notes.add(line);
  }

  public Map<String, String> failures() {
    return failures;
  }

  public List<BenchResult> results() {
    return List.copyOf(results.values());
  }

  /** Median of ours over median of a peer, for every metric that both have. */
  public List<Map<String, Object>> ratios() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (BenchResult mine : results.values()) {
      if (!ours.contains(mine.subject())) {
        continue;
      }
      for (BenchResult peer : results.values()) {
        if (ours.contains(peer.subject()) || !peer.metric().equals(mine.metric())) {
          continue;
        }
        Map<String, Object> r = Json.object();
        r.put("eccp", mine.subject());
        r.put("peer", peer.subject());
        r.put("metric", mine.metric());
        r.put("ratio", BenchResult.round(mine.median() / peer.median()));
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Returns the whole report as one JSON object: machine, results, ratios, failures, then the
   * fields added with {@link #put}.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> o = Json.object();
    o.put("machine", machine);
    List<Object> rs = Json.array();
    results.values().forEach(r -> rs.add(r.toJson()));
    o.put("results", rs);
    o.put("ratios", ratios());
    Map<String, Object> f = Json.object();
    f.putAll(failures);
    o.put("failures", f);
    o.putAll(extra);
    return o;
  }

  /** Returns the same as a plain-text table. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "machine: %s%n", machine));
    sb.append(String.format(Locale.ROOT, "%-14s %-16s %10s %10s %10s  %s%n", "subject", "metric",
        "median", "min", "max", "unit"));
    for (BenchResult r : results.values()) {
      sb.append(String.format(Locale.ROOT, "%-14s %-16s %10.3f %10.3f %10.3f  %s%n", r.subject(),
          r.metric(), r.median(), r.min(), r.max(), r.unit()));
    }
    for (Map<String, Object> r : ratios()) {
      sb.append(String.format(Locale.ROOT, "ratio %s / %s, %s: %s%n", r.get("eccp"),
          r.get("peer"), r.get("metric"), r.get("ratio")));
    }
    notes.forEach(n -> sb.append(n).append(System.lineSeparator()));
    failures.forEach((s, why) -> sb.append("FAILED ").append(s).append(": ").append(why)
        .append(System.lineSeparator()));
    return sb.toString();
  }
}
