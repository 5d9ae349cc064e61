package org.eccp.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce(lab, target, seconds, streams);
      } catch (IOException e) {
        if (attempt == BUSY_ATTEMPTS || !e.getMessage().contains("busy")) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  private static Outcome runOnce(BenchLab lab, String target, int seconds, int streams)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(lab.lab().command("client", "iperf3", "-c", target, "-t",
        Integer.toString(seconds), "-P", Integer.toString(streams), "--json"))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("iperf3 to " + target + " did not end within " + (seconds + 30) + " s");
    }
    return parse(out, target);
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
