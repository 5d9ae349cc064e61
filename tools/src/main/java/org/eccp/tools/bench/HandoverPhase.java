package org.eccp.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eccp.tools.demo.ThroughputPlot;
import org.eccp.tools.demo.TrafficSampler;
import org.eccp.tools.json.Json;
import org.eccp.tools.lab.LabException;
import org.eccp.tools.lab.LabState;

/**
 * One iperf3 TCP test from the client to the server through a subject while one end moves
 * every interval. For a subject that does not follow a move of that end on its own, the fix a
 * user would make follows each move at once. Then one more move comes last: it is left alone
 * for a while to see what the tunnel does, and fixed by hand after that.
 */
final class HandoverPhase {
  private static final long BIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long PRE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int BUSY_ATTEMPTS = 10;

  /** The phase's measured moves, the move left alone (or null), its plot panel and error. */
  record Outcome(List<HandoverMove> moves, Map<String, Object> unassisted,
      HandoverPlot.Panel panel, String error) {}

  private record Event(String from, String to, long at, long moved, String action) {}

  private final BenchLab lab;
  private final HandoverSubject subject;
  private final String host;
  private final Mover mover;
  private final TrafficSampler sampler;
  private final int moves;
  private final long interval;
  private final long aloneNanos;
  private long testEnd;

  HandoverPhase(BenchLab lab, HandoverSubject subject, String host, Mover mover,
      TrafficSampler sampler, int moves, long intervalNanos, long aloneNanos) {
    this.lab = lab;
    this.subject = subject;
    this.host = host;
    this.mover = mover;
    this.sampler = sampler;
    this.moves = moves;
    this.interval = intervalNanos;
    this.aloneNanos = aloneNanos;
  }

  private boolean probes() {
    return !subject.followsMoves(host) && aloneNanos > 0;
  }

  Outcome run() throws IOException, InterruptedException, LabException {
    int events = moves + (probes() ? 1 : 0);
    long seconds = (long) Math.ceil(((moves + 1) * interval
        + (probes() ? aloneNanos + interval : 0)) / 1e9) + 1;
    Path json = lab.dir().resolve("iperf3-" + subject.name() + "-" + host + ".json");
    Process iperf = startIperf(seconds, json);
    long start = sampler.now();
    testEnd = start + TimeUnit.SECONDS.toNanos(seconds);

    List<Event> done = new ArrayList<>();
    try {
      for (int k = 1; k <= events; k++) {
        sleepUntil(start + k * interval);
        boolean unassisted = probes() && k == events;
        Event e = move(unassisted);
        done.add(e);
        if (unassisted) {
          sleepUntil(e.at() + aloneNanos);
          subject.afterMove(lab, host, mover.serverAddress());
        }
      }
      if (!iperf.waitFor(seconds + 30, TimeUnit.SECONDS)) {
        return figures(done, start, sampler.now(), "iperf3 did not end within "
            + (seconds + 30) + " s");
      }
    } finally {
      iperf.destroyForcibly();
    }

    long end = sampler.now();
    String error = null;
    try {
      Iperf.parse(Files.readString(json), subject.target());
    } catch (IOException e) {
      error = e.getMessage();
    }
    return figures(done, start, end, error);
  }

  /** Starts iperf3, again if the server replies busy because it is still ending a test. */
  private Process startIperf(long seconds, Path json) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Process p = new ProcessBuilder(lab.lab().command("client", "iperf3", "-c",
          subject.target(), "-t", Long.toString(seconds), "--json"))
          .redirectOutput(json.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor(300, TimeUnit.MILLISECONDS)) {
        String out = Files.readString(json);
        if (attempt < BUSY_ATTEMPTS && out.contains("busy")) {
          Thread.sleep(500);
          continue;
        }
        throw new IOException("iperf3 to " + subject.target() + " ended at once: "
            + out.strip());
      }
      return p;
    }
  }

  private Event move(boolean unassisted) throws IOException, LabException {
    String from = mover.where(host);
    long at = sampler.now();
    LabState.Assignment a = mover.move(host);
    long moved = sampler.now();
    String action = unassisted ? null : subject.afterMove(lab, host, mover.serverAddress());
    return new Event(from, a.network(), at, moved, action);
  }

  private void sleepUntil(long nanos) throws InterruptedException {
    long wait = nanos - sampler.now();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private Outcome figures(List<Event> done, long start, long end, String error) {
    TrafficSampler.Samples s = sampler.samples();
    long[] t = s.timesNanos();
    long[] b = s.bytes();
    List<HandoverMove> measured = new ArrayList<>();
    Map<String, Object> unassisted = null;
    List<ThroughputPlot.Mark> marks = new ArrayList<>();
    for (int i = 0; i < done.size(); i++) {
      Event e = done.get(i);
      long to = Math.min(testEnd, end);
      if (i + 1 < done.size()) {
        to = Math.min(to, done.get(i + 1).at());
      }
      boolean probe = probes() && i == done.size() - 1;
      marks.add(new ThroughputPlot.Mark("to " + e.to() + (probe ? ", left alone" : ""),
          e.at() - start));
      if (probe) {
        unassisted = unassisted(t, b, e, end);
        continue;
      }
      double before = MoveFigures.rate(t, b, Math.max(start, e.at() - PRE_NANOS), e.at());
      MoveFigures.Gap gap = MoveFigures.gap(t, b, e.at(), e.moved(), to);
      double recovery = MoveFigures.recoveryMillis(t, b, e.at(),
          Math.max(e.at(), gap.startNanos()), to, before);
      measured.add(new HandoverMove(subject.name(), host, e.from(), e.to(),
          (e.at() - start) / 1e9, (e.moved() - e.at()) / 1e6, e.action(), before * 8e3,
          gap, recovery));
    }
    List<ThroughputPlot.Series> series = List.of(new ThroughputPlot.Series(subject.name(), 0,
        BIN_NANOS, sampler.throughputMbps(start, end, BIN_NANOS)));
    String title = subject.name() + ": the " + host + " moves";
    return new Outcome(measured, unassisted, new HandoverPlot.Panel(title, series, marks),
        error);
  }

  /** Returns what the subject did after the move that was left alone. */
  private Map<String, Object> unassisted(long[] t, long[] b, Event e, long end) {
    long fixed = e.at() + aloneNanos;
    MoveFigures.Gap alone = MoveFigures.gap(t, b, e.at(), e.moved(), fixed);
    MoveFigures.Gap after = MoveFigures.gap(t, b, e.at(), e.moved(), Math.min(end, testEnd));
    Map<String, Object> o = Json.object();
    o.put("subject", subject.name());
    o.put("host", host);
    o.put("waited_ms", BenchResult.round(aloneNanos / 1e6));
    o.put("resumed_alone", !alone.censored());
    o.put("gap_alone_ms", BenchResult.round(alone.millis()));
    o.put("gap_with_fix_ms", after.censored() ? null : BenchResult.round(after.millis()));
    o.put("note", String.format(Locale.ROOT, "no inner bytes for %.0f ms after the %s moved%s",
        alone.millis(), host, alone.censored() ? ", until the endpoint was set by hand" : ""));
    return o;
  }
}
