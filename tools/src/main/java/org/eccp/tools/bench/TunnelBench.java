package org.eccp.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * iperf3 through each subject in turn, one and four TCP streams, for a number of rounds: every
 * round runs every subject once, so slow phases of the shared machine hit all of them.
 */
public final class TunnelBench {
  /** Our subjects; the ratios are theirs over every other subject. */
  public static final List<String> OURS = List.of("eccp-ip", "eccp-udp");
  private static final int[] STREAMS = {1, 4};
  private static final int WARMUP_SECONDS = 2;

  private final BenchLab lab;
  private final int runs;
  private final int seconds;
  private final PrintStream log;
  private final BenchReport report;

  public TunnelBench(BenchLab lab, int runs, int seconds, PrintStream log) {
    this.lab = lab;
    this.runs = runs;
    this.seconds = seconds;
    this.log = log;
    this.report = new BenchReport(Machine.describe(), OURS);
  }

  /** Returns the subjects, with inner networks that are clear of the lab's and of each other. */
  static List<Subject> subjects() {
    String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    return List.of(new EccpTunnelSubject("eccp-ip", null, "198.19.255"),
        new EccpTunnelSubject("eccp-udp", 7400, "198.19.254"),
        new WireGuardSubject(tag, "198.19.253"), new SocatSubject("198.19.252"),
        new TunForwarderSubject("198.19.251"), new BareSubject());
  }

  /** Runs everything; failures are recorded in the report, which is returned. */
  public BenchReport run() throws IOException, InterruptedException {
    List<Subject> all = subjects();
    try {
      return run(all);
    } finally {
      all.forEach(Subject::stop);
    }
  }

  private BenchReport run(List<Subject> all) throws IOException, InterruptedException {
    lab.spawn("server", "iperf3-server", "iperf3", "-s");
    List<Subject> live = new ArrayList<>();
    for (Subject s : all) {
      try {
        s.start(lab);
        live.add(s);
      } catch (IOException | RuntimeException e) {
        report.fail(s.name(), "did not start: " + e.getMessage());
      }
    }
    for (Subject s : List.copyOf(live)) {
      if (!awaitPing(s)) {
        report.fail(s.name(), "no ping answered through it within 20 s (logs in " + lab.dir()
            + ")");
        live.remove(s);
      }
    }
    for (Subject s : List.copyOf(live)) {
      log.println("warm-up: " + s.name());
      measure(s, WARMUP_SECONDS, 1, false, live);
    }
    for (int r = 1; r <= runs; r++) {
      for (Subject s : List.copyOf(live)) {
        for (int streams : STREAMS) {
          log.printf("run %d/%d: %s, %d stream(s)%n", r, runs, s.name(), streams);
          measure(s, seconds, streams, true, live);
        }
      }
    }
    return report;
  }

  private void measure(Subject s, int secs, int streams, boolean record, List<Subject> live)
      throws InterruptedException {
    if (!live.contains(s)) {
      return;
    }
    double cpuBefore = ProcCpu.seconds(s.pids());
    Iperf.Outcome o;
    try {
      o = Iperf.run(lab, s.target(), secs, streams);
    } catch (IOException e) {
      report.fail(s.name(), e.getMessage());
      live.remove(s);
      return;
    }
    double cpu = ProcCpu.seconds(s.pids()) - cpuBefore;
    if (!record) {
      return;
    }
    String metric = streams == 1 ? "1_stream" : streams + "_streams";
    report.add(s.name(), "tcp_" + metric, "Gbit/s", o.bitsPerSecond() / 1e9);
    if (!s.pids().isEmpty() && o.bytes() > 0) {
      report.add(s.name(), "cpu_" + metric, "CPU s/GB", cpu / (o.bytes() / 1e9));
    }
  }

  private boolean awaitPing(Subject s) throws InterruptedException {
    for (int i = 0; i < 40; i++) {
      try {
        lab.run("client", "ping", "-c", "1", "-W", "1", s.target());
        return true;
      } catch (IOException e) {
        Thread.sleep(500);
      }
    }
    return false;
  }
}
