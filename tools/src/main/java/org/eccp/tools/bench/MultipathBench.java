package org.eccp.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eccp.tools.demo.TunnelLab;
import org.eccp.tools.lab.Impairment;
import org.eccp.tools.lab.LabException;

/**
 * Aggregate throughput of a client on two rate-limited networks, net-a and net-b, one way to a
 * server: kernel TCP on each path alone (the capacity, and its sum), tcp-lite with one and with
 * two ECCP flows, and the eccp tunnel in stripe mode. Every round runs every subject once, so
 * slow phases of the shared machine hit all of them.
 */
public final class MultipathBench {
  public static final String PATH_A = "path-a";
  public static final String PATH_B = "path-b";
  /** The sum of the two single paths measured in the same round. */
  public static final String PATHS_SUM = "path-a+path-b";
  public static final String TCP_LITE_1 = "tcp-lite-1-flow";
  public static final String TCP_LITE_2 = "tcp-lite-2-flows";
  public static final String STRIPE = "eccp-stripe";
  /** Our subjects. The report gives their ratios over the single paths and over their sum. */
  public static final List<String> OURS = List.of(TCP_LITE_1, TCP_LITE_2, STRIPE);
  /** Fraction of the sum of the single paths that the multipath subjects should reach. */
  public static final double TARGET = 0.9;
  static final String METRIC = "throughput";
  static final String UNIT = "Mbit/s";
  private static final int WARMUP_SECONDS = 2;
  private static final int BASE_PORT = 9300;

  private final BenchLab lab;
  private final int runs;
  private final int seconds;
  private final double rateMbit;
  private final PrintStream log;
  private final BenchReport report;
  private final MultipathSetup setup;
  private final Map<String, List<Throughput>> series = new LinkedHashMap<>();

  public MultipathBench(BenchLab lab, int runs, int seconds, double rateMbit, PrintStream log) {
    this.lab = lab;
    this.runs = runs;
    this.seconds = seconds;
    this.rateMbit = rateMbit;
    this.log = log;
    this.report = new BenchReport(Machine.describe(), OURS);
    this.setup = new MultipathSetup(lab);
  }

  /** Runs every round and returns the report, which also names the subjects that failed. */
  public BenchReport run() throws IOException, InterruptedException {
    try {
      setup.build(new Impairment(0, 0, 0, 0, 0, rateMbit, 0));
    } catch (LabException e) {
      throw new IOException("setting up the two paths failed: " + e.getMessage(), e);
    }
    List<String> subjects = new ArrayList<>(List.of(PATH_A, PATH_B, TCP_LITE_1, TCP_LITE_2));
    if (setup.startStripeTunnel()) {
      subjects.add(STRIPE);
      warmUp();
    } else {
      report.fail(STRIPE, "no ping answered through the stripe tunnel within 20 s (logs in "
          + lab.dir() + ")");
    }
    for (int r = 1; r <= runs; r++) {
      Map<String, Double> round = new LinkedHashMap<>();
      for (String subject : subjects) {
        log.printf("run %d/%d: %s%n", r, runs, subject);
        measure(subject, r, round);
      }
      if (round.containsKey(PATH_A) && round.containsKey(PATH_B)) {
        report.add(PATHS_SUM, METRIC, UNIT, round.get(PATH_A) + round.get(PATH_B));
      }
    }
    finish();
    return report;
  }

  private void warmUp() throws InterruptedException {
    log.println("warm-up: " + STRIPE);
    try {
      setup.iperf(TunnelLab.SERVER_INNER, null, WARMUP_SECONDS);
    } catch (IOException e) {
      log.println("  warm-up failed: " + e.getMessage());
    }
  }

  private void measure(String subject, int round, Map<String, Double> values)
      throws InterruptedException {
    try {
      long[] before = setup.clientSentBytes();
      Throughput t = switch (subject) {
        case PATH_A -> setup.iperf(lab.serverAddress(), setup.addressA(), seconds);
        case PATH_B -> setup.iperf(lab.serverAddress(), setup.addressB(), seconds);
        case STRIPE -> setup.iperf(TunnelLab.SERVER_INNER, null, seconds);
        case TCP_LITE_1 -> setup.nc(1, BASE_PORT + 2 * round, seconds);
        default -> setup.nc(2, BASE_PORT + 2 * round + 1, seconds);
      };
      long[] after = setup.clientSentBytes();
      values.put(subject, t.meanMbps());
      series.computeIfAbsent(subject, k -> new ArrayList<>()).add(t);
      report.add(subject, METRIC, UNIT, t.meanMbps());
      long a = after[0] - before[0];
      long b = after[1] - before[1];
      if (OURS.contains(subject) && a + b > 0) {
        report.add(subject, "net_b_share", "fraction of bytes sent", (double) b / (a + b));
      }
      log.printf("  %.1f Mbit/s, sent on net-a %d MB, on net-b %d MB%n", t.meanMbps(),
          a / 1_000_000, b / 1_000_000);
    } catch (IOException e) {
      log.println("  failed: " + e.getMessage());
      report.fail(subject, "run " + round + ": " + e.getMessage() + " (logs in " + lab.dir()
          + ")");
    }
  }

  /** Adds the plot, the time series and the fractions of the sum to the report. */
  private void finish() throws IOException {
    Path plot = lab.dir().resolve("multipath.svg");
    MultipathPlot.write(plot, series, rateMbit);
    report.put("rate_mbit", rateMbit);
    report.put("seconds", seconds);
    report.put("plot", plot.toString());
    Map<String, Object> json = new LinkedHashMap<>();
    series.forEach((subject, runsOf) -> json.put(subject, MultipathPlot.medianRun(runsOf)
        .toJson()));
    report.put("series", json);
    report.note("plot: " + plot);
    Map<String, Object> fractions = new LinkedHashMap<>();
    for (BenchResult ours : report.results()) {
      if (!OURS.contains(ours.subject()) || !ours.metric().equals(METRIC)) {
        continue;
      }
      for (BenchResult sum : report.results()) {
        if (sum.subject().equals(PATHS_SUM)) {
          double f = ours.median() / sum.median();
          fractions.put(ours.subject(), BenchResult.round(f));
          report.note(String.format(java.util.Locale.ROOT,
              "%s: %.2f of the sum of the paths alone (target %.2f: %s)", ours.subject(), f,
              TARGET, f >= TARGET ? "met" : "not met"));
        }
      }
    }
    report.put("fraction_of_paths_sum", fractions);
    report.put("target_fraction", TARGET);
  }
}
