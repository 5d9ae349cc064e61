package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.eccp.tools.bench.MultipathBench;
import org.eccp.tools.json.Json;
import org.eccp.tools.lab.LabPrefix;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code eccp bench multipath --quick --json} from the built jar in a lab with its own
 * prefix, and checks the JSON contract: the machine, a throughput for every subject that moved
 * bytes, the ratios, no failure, and the plot file. It asserts no throughput level.
 *
 * <p>Runs in the integration-test phase of {@code mvn verify}, after the jar is built; needs root.
 */
class BenchMultipathIT {
  private static final List<String> SUBJECTS = List.of(MultipathBench.PATH_A,
      MultipathBench.PATH_B, MultipathBench.TCP_LITE_1, MultipathBench.TCP_LITE_2,
      MultipathBench.STRIPE, MultipathBench.PATHS_SUM);

  @Test
  @SuppressWarnings("unchecked")
  void benchMultipathQuick_reportsEverySubject() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "the bench needs root for network namespaces and TUN devices; run mvn verify as root");
    assumeTrue(Boolean.getBoolean("eccp.integration") && Files.isRegularFile(JarChild.JAR),
        "runs in the integration-test phase of mvn verify, after the jar is built");
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    String prefix = LabPrefix.TEST + HexFormat.of().formatHex(suffix) + "-";
    Path dir = Files.createTempDirectory("eccp-multipath-it");
    Path stdout = dir.resolve("bench.json");
    Path stderr = dir.resolve("bench.err");

    List<String> command = JarChild.localCommand("bench", "multipath", "--quick", "--json", "--prefix",
        prefix, "--out", dir.resolve("out").toString());
    Process bench = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    try {
      assertTrue(bench.waitFor(3, TimeUnit.MINUTES), "the bench did not end within 3 minutes; "
          + "see " + dir);
    } finally {
      bench.destroy();
    }

    String json = Files.readString(stdout, StandardCharsets.UTF_8).trim();
    String errors = JarChild.readQuietly(stderr);
    assertEquals(0, bench.exitValue(), "exit status; stderr:\n" + errors);
    Map<String, Object> report = (Map<String, Object>) Json.parse(json);
    Map<String, Object> machine = (Map<String, Object>) report.get("machine");
    assertTrue(machine.get("cores") instanceof Number, json);
    assertTrue(machine.containsKey("kernel"), json);
    assertTrue(machine.containsKey("java"), json);
    assertEquals(Map.of(), report.get("failures"), json);

    List<Object> results = (List<Object>) report.get("results");
    for (String subject : SUBJECTS) {
      Map<String, Object> r = throughput(results, subject);
      assertTrue(r != null, "no throughput of " + subject + ": " + json);
      assertEquals("Mbit/s", r.get("unit"), json);
      assertEquals(1, ((List<Object>) r.get("runs")).size(), json);
      assertTrue(((Number) r.get("median")).doubleValue() > 0, subject + " moved no bytes");
    }
    assertFalse(((List<Object>) report.get("ratios")).isEmpty(), json);
    Map<String, Object> series = (Map<String, Object>) report.get("series");
    assertEquals(SUBJECTS.size() - 1, series.size(), json);

    Path plot = Path.of((String) report.get("plot"));
    assertTrue(Files.readString(plot).contains("<svg"), "plot " + plot);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> throughput(List<Object> results, String subject) {
    for (Object o : results) {
      Map<String, Object> r = (Map<String, Object>) o;
      if (subject.equals(r.get("subject")) && "throughput".equals(r.get("metric"))) {
        return r;
      }
    }
    return null;
  }
}
