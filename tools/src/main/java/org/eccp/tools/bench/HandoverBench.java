package org.eccp.tools.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eccp.tools.demo.TrafficSampler;
import org.eccp.tools.json.Json;
import org.eccp.tools.lab.LabException;

/**
 * iperf3 through each subject in turn while first the client and then the server moves every
 * interval. One subject runs at a time: an eccp end with no {@code --bind} takes every address
 * it has as an outer one, so another tunnel's inner address beside it would be used too.
 * Before each subject the client goes back to net-a and the server to net-s.
 */
public final class HandoverBench {
  /** Our subjects; the ratios are theirs over wireguard-go. */
  public static final List<String> OURS = List.of("eccp-ip", "eccp-udp");
  private static final int WARMUP_SECONDS = 2;

  /**
   * What to run.
   *
   * @param moves moves of each end per subject
   * @param intervalMillis time between two moves, and before the first
   * @param aloneMillis how long a move that a subject does not follow on its own is left
   *     alone, once per end, before it is fixed by hand; 0 for never
   * @param withUdp whether to measure eccp over UDP too
   */
  public record Plan(int moves, long intervalMillis, long aloneMillis, boolean withUdp) {}

  private final BenchLab home;
  private final Plan plan;
  private final Path plot;
  private final PrintStream log;
  private final BenchReport report;
  private final Mover mover;
  private final List<Object> moves = Json.array();
  private final List<Object> unassisted = Json.array();
  private final List<HandoverPlot.Panel> panels = new ArrayList<>();

  /** @param lab the lab, built with the client on net-a and the server on net-s */
  public HandoverBench(BenchLab lab, Plan plan, Path plot, PrintStream log) {
    this.home = lab;
    this.plan = plan;
    this.plot = plot;
    this.log = log;
    this.report = new BenchReport(Machine.describe(), OURS);
    this.mover = new Mover(lab.lab().lab(), lab.serverAddress());
  }

  List<HandoverSubject> subjects() {
    String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    List<HandoverSubject> all = new ArrayList<>(List.of(new HandoverEccp("eccp-ip", null)));
    if (plan.withUdp()) {
      all.add(new HandoverEccp("eccp-udp", 7400));
    }
    all.add(new HandoverWireGuard(tag));
    return all;
  }

  /** Runs every subject; failures are recorded in the report, which is returned. */
  public BenchReport run() throws IOException, InterruptedException {
    home.spawn("server", "iperf3-server", "iperf3", "-s");
    for (HandoverSubject s : subjects()) {
      try {
        measure(s);
      } catch (IOException | LabException | RuntimeException e) {
        report.fail(s.name(), e.getMessage());
      } finally {
        s.stop();
      }
    }
    report.put("moves", moves);
    report.put("unassisted", unassisted);
    if (!panels.isEmpty()) {
      HandoverPlot.write(plot, panels);
      report.put("plot", plot.toString());
    }
    return report;
  }

  private void measure(HandoverSubject s) throws IOException, InterruptedException,
      LabException {
    mover.home();
    BenchLab lab = new BenchLab(home.lab(), home.dir());
    log.println("starting " + s.name());
    s.start(lab);
    if (!awaitPing(lab, s.target())) {
      throw new IOException("no reply to a ping through it within 20 s (logs in " + lab.dir()
          + ")");
    }
    log.println("warm-up: " + s.name());
    Iperf.run(lab, s.target(), WARMUP_SECONDS, 1);
    String ns = lab.lab().lab().namespace("server");
    try (DeviceCounter counter = DeviceCounter.open(ns, s.serverDevice());
        TrafficSampler sampler = new TrafficSampler(counter)) {
      for (String host : List.of("client", "server")) {
        log.printf("%s: iperf3 while the %s moves %d times%n", s.name(), host, plan.moves());
        HandoverPhase.Outcome o = new HandoverPhase(lab, s, host, mover, sampler, plan.moves(),
            TimeUnit.MILLISECONDS.toNanos(plan.intervalMillis()),
            TimeUnit.MILLISECONDS.toNanos(plan.aloneMillis())).run();
        record(s, host, o);
      }
    }
  }

  private void record(HandoverSubject s, String host, HandoverPhase.Outcome o) {
    for (HandoverMove m : o.moves()) {
      log.println(m.describe());
      moves.add(m.toJson());
      report.add(s.name(), "gap_" + host + "_move", "ms", m.gap().millis());
      double recovery = m.recoveryMillis();
      // Not back to 90 % before the next move: count the whole time to it, a lower bound.
      report.add(s.name(), "recovery_" + host + "_move", "ms",
          Double.isNaN(recovery) ? plan.intervalMillis() : recovery);
    }
    if (o.unassisted() != null) {
      log.println(s.name() + ": " + o.unassisted().get("note"));
      unassisted.add(o.unassisted());
    }
    panels.add(o.panel());
    if (o.error() != null) {
      report.fail(s.name(), o.error());
    }
  }

  private static boolean awaitPing(BenchLab lab, String target) throws InterruptedException {
    for (int i = 0; i < 40; i++) {
      try {
        lab.run("client", "ping", "-c", "1", "-W", "1", target);
        return true;
      } catch (IOException e) {
        Thread.sleep(500);
      }
    }
    return false;
  }
}
