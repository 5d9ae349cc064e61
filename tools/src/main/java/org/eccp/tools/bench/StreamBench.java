package org.eccp.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * tcp-lite ({@code eccp nc}) against kernel TCP ({@code socat}) on the lab's path from client
 * to server, one transfer of each per round; iperf3 over kernel TCP as a reference.
 */
public final class StreamBench {
  public static final List<String> OURS = List.of("tcp-lite");
  /**
   * Every subject runs in every round, also after a failed transfer, so that the report shows
   * how often it fails beside the figures of the transfers that completed.
   */
  private static final List<String> SUBJECTS = List.of("tcp-lite", "kernel-tcp", "iperf3");
  private static final int IPERF_SECONDS = 5;
  private static final int BASE_PORT = 9100;

  private final BenchLab lab;
  private final int runs;
  private final long bytes;
  private final PrintStream log;
  private final BenchReport report;

  public StreamBench(BenchLab lab, int runs, long bytes, PrintStream log) {
    this.lab = lab;
    this.runs = runs;
    this.bytes = bytes;
    this.log = log;
    this.report = new BenchReport(Machine.describe(), OURS);
  }

  public BenchReport run() throws IOException, InterruptedException {
    lab.spawn("server", "iperf3-server", "iperf3", "-s");
    Map<String, Integer> failed = new LinkedHashMap<>();
    Map<String, String> firstReason = new LinkedHashMap<>();
    for (int r = 1; r <= runs; r++) {
      for (String subject : SUBJECTS) {
        log.printf("run %d/%d: %s%n", r, runs, subject);
        try {
          measure(subject, BASE_PORT + r);
        } catch (IOException e) {
          log.println("  failed: " + e.getMessage());
          failed.merge(subject, 1, Integer::sum);
          firstReason.putIfAbsent(subject, "run " + r + ": " + e.getMessage());
        }
      }
    }
    failed.forEach((subject, n) -> report.fail(subject, n + " of " + runs
        + " transfers failed, first " + firstReason.get(subject) + " (logs in " + lab.dir()
        + ")"));
    return report;
  }

  private void measure(String subject, int port) throws IOException, InterruptedException {
    if (subject.equals("iperf3")) {
      Iperf.Outcome o = Iperf.run(lab, lab.serverAddress(), IPERF_SECONDS, 1);
      report.add(subject, "throughput", "Gbit/s", o.bitsPerSecond() / 1e9);
      return;
    }
    String p = Integer.toString(port);
    String log = subject + "-" + port;
    Process receiver;
    Process sender;
    if (subject.equals("tcp-lite")) {
      receiver = lab.lab().spawnReading("server", lab.dir().resolve(log + "-receiver.log"),
          BenchLab.eccp("nc", "--listen", p, "--timeout", "60000"));
      sender = lab.spawn("client", log + "-sender",
          BenchLab.eccp("nc", lab.serverAddress(), p, "--timeout", "60000"));
    } else {
      receiver = lab.lab().spawnReading("server", lab.dir().resolve(log + "-receiver.log"),
          "socat", "-u", "TCP-LISTEN:" + p + ",reuseaddr", "STDOUT");
      sender = lab.spawn("client", log + "-sender", "socat", "-u", "STDIN",
          "TCP:" + lab.serverAddress() + ":" + p + ",retry=100,interval=0.1");
    }
    StreamTransfer.Outcome o = StreamTransfer.run(receiver, sender, bytes, subject);
    report.add(subject, "throughput", "Gbit/s", o.gbitPerSecond());
    report.add(subject, "cpu", "CPU s/GB", o.cpuSecondsPerGb());
  }
}
