package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eccp.tools.json.Json;
import org.eccp.tools.lab.LabPrefix;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's first command as a user would, {@code eccp demo --quick --json} from the
 * built jar, in a lab with its own prefix, and checks the JSON contract: every transfer, the
 * download's SHA-256, a gap for every move, and the pcap and plot files.
 *
 * <p>Runs in the integration-test phase of {@code mvn verify}, after the jar is built; needs root.
 */
class DemoIT {
  private static final Path JAR = Path.of(System.getProperty("eccp.jar", "target/eccp.jar"));

  @Test
  @SuppressWarnings("unchecked")
  void demoQuick_passesEveryCheck() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "the demo needs root for network namespaces and TUN devices; run mvn verify as root");
    assumeTrue(Boolean.getBoolean("eccp.integration") && Files.isRegularFile(JAR),
        "runs in the integration-test phase of mvn verify, after the jar is built");
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    String prefix = LabPrefix.TEST + HexFormat.of().formatHex(suffix) + "-";
    Path dir = Files.createTempDirectory("eccp-demo-it");
    Path out = dir.resolve("out");
    Path stdout = dir.resolve("demo.json");

    List<String> command = new ArrayList<>(List.of("java",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true",
        "-jar", JAR.toString(), "demo", "--quick", "--json",
        "--prefix", prefix, "--out", out.toString()));
    Process demo = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile())
        .redirectError(dir.resolve("demo.err").toFile())
        .start();
    try {
      boolean ended = demo.waitFor(5, TimeUnit.MINUTES);
      assertTrue(ended, "the demo did not end within 5 minutes; see " + dir);
    } finally {
      demo.destroy();
    }

    String json = Files.readString(stdout, StandardCharsets.UTF_8).trim();
    String errors = Files.readString(dir.resolve("demo.err"), StandardCharsets.UTF_8);
    assertEquals(0, demo.exitValue(), "demo exit status; stderr:\n" + errors);
    Map<String, Object> result = (Map<String, Object>) Json.parse(json);
    assertEquals(Boolean.TRUE, result.get("ok"), json);

    List<Object> transfers = (List<Object>) result.get("transfers");
    assertEquals(2, transfers.size(), json);
    Map<String, Object> curl = (Map<String, Object>) transfers.get(0);
    assertEquals("curl", curl.get("app"), json);
    assertEquals(Boolean.TRUE, curl.get("sha256_match"), json);

    List<Object> moves = (List<Object>) result.get("moves");
    assertTrue(moves.size() >= 4, "expected at least 4 moves: " + json);
    for (Object move : moves) {
      assertTrue(((Map<String, Object>) move).get("gap_ms") instanceof Number, json);
    }
    assertTrue(Files.size(Path.of((String) result.get("pcap"))) > 24, "pcap is empty");
    assertTrue(Files.readString(Path.of((String) result.get("plot"))).contains("<svg"), "plot");

    Process netns = new ProcessBuilder("ip", "netns", "list").start();
    String namespaces = new String(netns.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    netns.waitFor();
    assertTrue(!namespaces.contains(prefix), "the demo left namespaces: " + namespaces);
  }
}
