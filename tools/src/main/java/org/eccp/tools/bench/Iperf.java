package org.eccp.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eccp.tools.json.Json;

/** One iperf3 TCP test from the lab's client to an {@code iperf3 -s} in its server. */
final class Iperf {
  /**
   * The counts of the receiver.
   *
   * @param bytes bytes received by the server
   * @param bitsPerSecond their rate over the test
   */
  record Outcome(long bytes, double bitsPerSecond) {}

  private static final int BUSY_ATTEMPTS = 10;

  private Iperf() {}

  /**
   * Runs one test. The server ends the previous test a moment after the client does and meanwhile
   * answers "busy", so that answer is retried a few times.
   */
  static Outcome run(BenchLab lab, String target, int seconds, int streams)
      throws IOException, InterruptedException {
    return parse(runJson(lab, target, seconds, List.of("-P", Integer.toString(streams))), target);
  }

  /**
   * Runs one test with further iperf3 client options and returns iperf3's JSON output, retrying
   * while the server replies that it is busy.
   */
  static String runJson(BenchLab lab, String target, int seconds, List<String> options)
      throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      String json = runOnce(lab, target, seconds, options);
      if (attempt == BUSY_ATTEMPTS || !(json.contains("\"error\"") && json.contains("busy"))) {
        return json;
      }
      Thread.sleep(500);
    }
  }

  private static String runOnce(BenchLab lab, String target, int seconds, List<String> options)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("iperf3", "-c", target, "-t",
        Integer.toString(seconds), "--json"));
    args.addAll(options);
    Process p = new ProcessBuilder(lab.lab().command("client", args.toArray(String[]::new)))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("iperf3 to " + target + " did not end within " + (seconds + 30) + " s");
    }
    return out;
  }

  /** Reads end.sum_received from iperf3's JSON, or throws with iperf3's own error. */
  static Outcome parse(String json, String target) throws IOException {
    Map<?, ?> doc;
    try {
      doc = (Map<?, ?>) Json.parse(json);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IOException("iperf3 to " + target + " printed no JSON result");
    }
    if (doc.get("error") != null) {
      throw new IOException("iperf3 to " + target + ": " + doc.get("error"));
    }
    Map<?, ?> end = (Map<?, ?>) doc.get("end");
    Map<?, ?> received = end == null ? null : (Map<?, ?>) end.get("sum_received");
    if (received == null) {
      throw new IOException("iperf3 to " + target + " reported no received bytes");
    }
    return new Outcome(((Number) received.get("bytes")).longValue(),
        ((Number) received.get("bits_per_second")).doubleValue());
  }
}
