package org.eccp.tools.bench;

import java.util.List;
import java.util.Map;
import org.eccp.tools.json.Json;

/**
 * Received throughput of one test: its mean, and its course over time in bins of
 * {@link #BIN_MILLIS} milliseconds.
 *
 * @param meanMbps bytes received over the test's time, in Mbit/s
 * @param mbps one value per bin, in Mbit/s
 */
record Throughput(double meanMbps, double[] mbps) {
  /** The sampling period of every time series, in milliseconds. */
  static final int BIN_MILLIS = 200;

  Throughput {
    mbps = mbps.clone();
  }

  @Override
  public double[] mbps() {
    return mbps.clone();
  }

  /** Returns the series as JSON: the bin length and one value per bin, rounded. */
  Map<String, Object> toJson() {
    Map<String, Object> o = Json.object();
    o.put("bin_ms", BIN_MILLIS);
    List<Object> values = Json.array();
    for (double v : mbps) {
      values.add(BenchResult.round(v));
    }
    o.put("mbps", values);
    return o;
  }
}
