package org.eccp.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eccp.tools.json.Json;

/**
 * The values measured for one subject and metric, one per run, and their median, min and max.
 *
 * @param subject what was measured, such as {@code eccp-ip} or {@code wireguard-go}
 * @param metric what of it, such as {@code tcp_1_stream}
 * @param unit the unit of every value, such as {@code Gbit/s}
 * @param values one value per run, in run order
 */
public record BenchResult(String subject, String metric, String unit, List<Double> values) {

  public BenchResult {
    values = List.copyOf(values);
  }

  /** Returns the middle value, or the mean of the two middle ones; NaN without values. */
  public double median() {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  public double min() {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  public double max() {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** Returns the JSON object of this result: subject, metric, unit, median, min, max, runs. */
  public Map<String, Object> toJson() {
    Map<String, Object> o = Json.object();
    o.put("subject", subject);
    o.put("metric", metric);
    o.put("unit", unit);
    o.put("median", round(median()));
    o.put("min", round(min()));
    o.put("max", round(max()));
    List<Object> runs = Json.array();
    values.forEach(v -> runs.add(round(v)));
    o.put("runs", runs);
    return o;
  }

  /** Four significant digits are more than the noise here allows; null for NaN. */
  static Double round(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
  }
}
