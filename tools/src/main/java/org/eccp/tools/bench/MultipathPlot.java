package org.eccp.tools.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eccp.tools.demo.ThroughputPlot;

/**
 * The multipath bench's plot: received throughput over time, one line per subject (its run with
 * the median mean), and the bin-by-bin sum of the two single paths.
 */
final class MultipathPlot {
  private MultipathPlot() {}

  /** Returns the run whose mean is the median (the lower middle one for an even count). */
  static Throughput medianRun(List<Throughput> runs) {
    List<Throughput> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(Throughput::meanMbps));
    return sorted.get((sorted.size() - 1) / 2);
  }

  static void write(Path file, Map<String, List<Throughput>> series, double rateMbit)
      throws IOException {
    long bin = TimeUnit.MILLISECONDS.toNanos(Throughput.BIN_MILLIS);
    List<ThroughputPlot.Series> lines = new ArrayList<>();
    series.forEach((subject, runs) -> lines.add(new ThroughputPlot.Series(subject, 0, bin,
        medianRun(runs).mbps())));
    List<Throughput> a = series.get(MultipathBench.PATH_A);
    List<Throughput> b = series.get(MultipathBench.PATH_B);
    if (a != null && b != null) {
      lines.add(new ThroughputPlot.Series(MultipathBench.PATHS_SUM, 0, bin,
          sum(medianRun(a).mbps(), medianRun(b).mbps())));
    }
    String label = String.format(Locale.ROOT, "Mbit/s received (each path limited to %.0f)",
        rateMbit);
    ThroughputPlot.write(file, lines, List.of(), label);
  }

  private static double[] sum(double[] x, double[] y) {
    double[] s = new double[Math.min(x.length, y.length)];
    for (int i = 0; i < s.length; i++) {
      s[i] = x[i] + y[i];
    }
    return s;
  }
}
