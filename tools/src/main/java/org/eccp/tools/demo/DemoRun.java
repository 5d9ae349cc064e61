package org.eccp.tools.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eccp.tools.json.Json;
import org.eccp.tools.lab.LabException;

/**
 * The demo's scenario on a running {@link TunnelLab}: a curl download of a random file while the
 * client moves net-a -> net-b -> net-c, then iperf3 while one of two client interfaces goes down
 * and the server moves net-s -> net-t. Records every move's gap and each transfer's figures.
 */
public final class DemoRun {
  /**
   * Sizes and pacing.
   *
   * <p>curl runs at full speed: its --limit-rate reads in bursts with pauses of its own, which
   * would count as gaps. The moves are triggered by the bytes seen, so they still happen while
   * the download runs.
   *
   * @param fileBytes size of the downloaded file
   * @param iperfSeconds iperf3's duration
   */
  public record Plan(long fileBytes, int iperfSeconds) {
    public static final Plan FULL = new Plan(256L << 20, 8);
    public static final Plan QUICK = new Plan(128L << 20, 5);
  }

  private static final int HTTP_PORT = 8080;
  private static final long GAP_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long BIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** Pause after each move, so that the next one does not start before this one is done. */
  private static final long SETTLE_MILLIS = 150;

  private final TunnelLab lab;
  private final Plan plan;
  private final Path dir;
  private final Consumer<String> progress;
  private final DemoResult result = new DemoResult();
  private final List<ThroughputPlot.Mark> marks = new ArrayList<>();
  private TrafficSampler sampler;
  private volatile String phase = "starting";

  public DemoRun(TunnelLab lab, Plan plan, Path dir, Consumer<String> progress) {
    this.lab = lab;
    this.plan = plan;
    this.dir = dir;
    this.progress = progress;
  }

  /** Runs the scenario; a failure is recorded in the result, not thrown. */
  public DemoResult run() {
    sampler = new TrafficSampler(() -> lab.client().counters().receivedBytes.get()
        + lab.server().counters().receivedBytes.get());
    Thread ticker = startTicker();
    try {
      download();
      iperf();
      writePlot();
    } catch (IOException | LabException | RuntimeException e) {
      result.error = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.error = "interrupted";
    } finally {
      ticker.interrupt();
      sampler.close();
      result.counters = new java.util.LinkedHashMap<>();
      result.counters.put("client", lab.client().counters().snapshot());
      result.counters.put("server", lab.server().counters().snapshot());
    }
    return result;
  }

  public TrafficSampler sampler() {
    return sampler;
  }

  // ---- curl

  private void download() throws IOException, LabException, InterruptedException {
    Path served = dir.resolve("random.bin");
    String expected = RandomFile.write(served, plan.fileBytes());
    Path got = dir.resolve("download.bin");
    lab.spawn("server", dir, dir.resolve("http.log"), "python3", "-m", "http.server",
        Integer.toString(HTTP_PORT), "--bind", TunnelLab.SERVER_INNER);
    awaitHttp();
    phase = "curl";
    long start = sampler.now();
    long base = sampler.latest();
    Process curl = lab.spawn("client", dir, dir.resolve("curl.log"), "curl", "-sS", "--fail",
        "-o", got.toString(),
        "http://" + TunnelLab.SERVER_INNER + ":" + HTTP_PORT + "/random.bin");
    awaitBytes(base + plan.fileBytes() * 3 / 10, curl);
    move("client", "net-a", "net-b");
    awaitBytes(base + plan.fileBytes() * 6 / 10, curl);
    move("client", "net-b", "net-c");
    boolean done = curl.waitFor(120, TimeUnit.SECONDS) && curl.exitValue() == 0;
    long end = sampler.now();
    long bytes = Files.exists(got) ? Files.size(got) : 0;
    Boolean match = done ? expected.equals(RandomFile.sha256(got)) : Boolean.FALSE;
    result.transfers.add(new DemoResult.Transfer("curl", bytes, match,
        bytes * 8 / ((end - start) / 1e9) / 1e6, start, end, done));
    Files.deleteIfExists(got);
    Files.deleteIfExists(served);
  }

  private void awaitHttp() throws IOException, InterruptedException {
    for (int i = 0; i < 50; i++) {
      Process p = new ProcessBuilder(lab.command("client", "curl", "-s", "-o", "/dev/null",
          "http://" + TunnelLab.SERVER_INNER + ":" + HTTP_PORT + "/"))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor() == 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IOException("the HTTP server in the lab's server did not respond within 5 s");
  }

  /** Waits until the inner byte count reaches {@code target} or the process ends. */
  private void awaitBytes(long target, Process p) throws InterruptedException {
    while (sampler.latest() < target && p.isAlive()) {
      Thread.sleep(5);
    }
  }

  // ---- iperf3

  private void iperf() throws IOException, LabException, InterruptedException {
    lab.spawn("server", dir, dir.resolve("iperf-server.log"), "iperf3", "-s", "-1", "-B",
        TunnelLab.SERVER_INNER);
    lab.lab().link("client", "net-a", true);
    Thread.sleep(500);
    phase = "iperf3";
    Path json = dir.resolve("iperf3.json");
    long start = sampler.now();
    Process p = lab.spawn("client", dir, json, "iperf3", "-c", TunnelLab.SERVER_INNER, "-t",
        Integer.toString(plan.iperfSeconds()), "--json");
    long ms = plan.iperfSeconds() * 1000L;
    Thread.sleep(ms * 3 / 10);
    failover();
    Thread.sleep(ms * 35 / 100);
    move("server", "net-s", "net-t");
    boolean done = p.waitFor(plan.iperfSeconds() + 30L, TimeUnit.SECONDS) && p.exitValue() == 0;
    long end = sampler.now();
    long bytes = 0;
    double mbps = 0;
    if (done) {
      Map<?, ?> received = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) Json.parse(
          Files.readString(json))).get("end")).get("sum_received");
      bytes = ((Number) received.get("bytes")).longValue();
      mbps = ((Number) received.get("bits_per_second")).doubleValue() / 1e6;
    }
    result.transfers.add(new DemoResult.Transfer("iperf3", bytes, null, mbps, start, end, done));
  }

  /** Takes down the client interface that carries the flow; the other one stays. */
  private void failover() throws IOException, LabException, InterruptedException {
    String routes = lab.client().describeRoutes();
    String carrying = routes.contains(" 198.18.1.") ? "net-a" : "net-c";
    String other = carrying.equals("net-a") ? "net-c" : "net-a";
    long at = sampler.now();
    lab.lab().link("client", carrying, false);
    recordMove("client", "failover", carrying, other, at);
  }

  // ---- moves and figures

  private void move(String host, String from, String to)
      throws LabException, InterruptedException {
    long at = sampler.now();
    lab.lab().move(host, to);
    recordMove(host, "move", from, to, at);
  }

  private void recordMove(String host, String kind, String from, String to, long at)
      throws InterruptedException {
    Thread.sleep(SETTLE_MILLIS);
    marks.add(new ThroughputPlot.Mark(kind + ": " + host + " " + from + " -> " + to, at));
    result.moves.add(new DemoResult.Move(host, kind, from, to, at, Double.NaN));
  }

  /** Fills in the gaps once the sampler has seen the traffic after every move. */
  public void measureGaps() {
    List<DemoResult.Move> measured = new ArrayList<>();
    for (int i = 0; i < result.moves.size(); i++) {
      DemoResult.Move m = result.moves.get(i);
      long to = m.atNanos() + GAP_WINDOW_NANOS;
      if (i + 1 < result.moves.size()) {
        to = Math.min(to, result.moves.get(i + 1).atNanos());
      }
      measured.add(new DemoResult.Move(m.host(), m.kind(), m.from(), m.to(), m.atNanos(),
          sampler.longestGapMillis(m.atNanos(), to, endOfTransferAt(m.atNanos()))));
    }
    result.moves.clear();
    result.moves.addAll(measured);
  }

  private long endOfTransferAt(long at) {
    for (DemoResult.Transfer t : result.transfers) {
      if (t.startNanos() <= at && at <= t.endNanos()) {
        return t.endNanos();
      }
    }
    return Long.MAX_VALUE;
  }

  private void writePlot() throws IOException {
    measureGaps();
    List<ThroughputPlot.Series> series = new ArrayList<>();
    for (DemoResult.Transfer t : result.transfers) {
      series.add(new ThroughputPlot.Series(t.app(), t.startNanos(), BIN_NANOS,
          sampler.throughputMbps(t.startNanos(), t.endNanos(), BIN_NANOS)));
    }
    Path plot = dir.resolve("throughput.svg");
    ThroughputPlot.write(plot, series, marks);
    result.plot = plot.toString();
  }

  private Thread startTicker() {
    Thread t = new Thread(() -> {
      long last = 0;
      while (!Thread.currentThread().isInterrupted()) {
        long now = sampler.latest();
        progress.accept(String.format(java.util.Locale.ROOT,
            "%5.1f s  %-8s %6.0f Mbit/s  %d move(s) done", sampler.now() / 1e9, phase,
            (now - last) * 8 / 0.25 / 1e6, result.moves.size()));
        last = now;
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "eccp-demo-progress");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
