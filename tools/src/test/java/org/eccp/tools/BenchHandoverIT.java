package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eccp.tools.json.Json;
import org.eccp.tools.lab.LabPrefix;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code eccp bench handover --quick --json} from the built jar in a lab of its own and
 * checks the report's form: machine, results, ratios, one gap per move of each end of each
 * subject, the per-move list and the plot. No timing is asserted.
 *
 * <p>Runs in the integration-test phase of {@code mvn verify}; needs root, iperf3, wireguard-go
 * and wg.
 */
class BenchHandoverIT {
  private static final List<String> SUBJECTS = List.of("eccp-ip", "wireguard-go");

  @Test
  @SuppressWarnings("unchecked")
  void quickRun_reportsOneGapPerMoveAndWritesThePlot() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "the bench needs root for network namespaces and TUN devices; run mvn verify as root");
    assumeTrue(Boolean.getBoolean("eccp.integration") && Files.isRegularFile(JarChild.JAR),
        "runs in the integration-test phase of mvn verify, after the jar is built");
    for (String tool : List.of("iperf3", "wireguard-go", "wg")) {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)), "needs " + tool
          + " (apt-get install iperf3 wireguard-go wireguard-tools)");
    }
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    String prefix = LabPrefix.TEST + "h" + HexFormat.of().formatHex(suffix) + "-";
    Path dir = Files.createTempDirectory("eccp-handover-it");
    Path plot = dir.resolve("handover.svg");
    List<String> command = JarChild.here("bench", "handover", "--quick", "--json",
        "--prefix", prefix, "--plot", plot.toString());
    Process bench = new ProcessBuilder(command).redirectOutput(dir.resolve("out.json").toFile())
        .redirectError(dir.resolve("err.txt").toFile()).start();
    try {
      assertTrue(bench.waitFor(3, TimeUnit.MINUTES), "no end within 3 minutes; see " + dir);
    } finally {
      JarChild.stop(bench);
    }
    String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    String json = Files.readString(dir.resolve("out.json"), StandardCharsets.UTF_8).trim();
    assertEquals(0, bench.exitValue(), "exit status; stderr:\n" + err);
    Map<String, Object> report = (Map<String, Object>) Json.parse(json);
    Map<String, Object> machine = (Map<String, Object>) report.get("machine");
    assertTrue(machine.containsKey("cores"), json);
    assertTrue(machine.containsKey("kernel"), json);
    assertTrue(machine.containsKey("java"), json);

    List<Map<String, Object>> results = (List<Map<String, Object>>) report.get("results");
    for (String subject : SUBJECTS) {
      for (String end : List.of("client", "server")) {
        Map<String, Object> gap = find(results, subject, "gap_" + end + "_move", json);
        assertEquals("ms", gap.get("unit"), json);
        assertEquals(1, ((List<Object>) gap.get("runs")).size(), "one gap per move: " + json);
        assertTrue(gap.get("median") instanceof Number, json);
        find(results, subject, "recovery_" + end + "_move", json);
      }
    }
    List<Map<String, Object>> ratios = (List<Map<String, Object>>) report.get("ratios");
    assertTrue(ratios.stream().anyMatch(r -> "gap_server_move".equals(r.get("metric"))
        && "wireguard-go".equals(r.get("peer"))), json);

    List<Map<String, Object>> moves = (List<Map<String, Object>>) report.get("moves");
    assertEquals(4, moves.size(), "one move of each end per subject: " + json);
    for (Map<String, Object> m : moves) {
      assertTrue(m.get("gap_ms") instanceof Number, json);
    }
    assertTrue(Files.readString(plot).startsWith("<svg"), "no SVG at " + plot);
  }

  private static Map<String, Object> find(List<Map<String, Object>> results, String subject,
      String metric, String json) {
    return results.stream().filter(r -> subject.equals(r.get("subject"))
        && metric.equals(r.get("metric"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " of " + subject + ": " + json));
  }
}
