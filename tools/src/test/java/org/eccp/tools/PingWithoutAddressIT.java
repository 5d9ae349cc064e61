package org.eccp.tools;

import static org.eccp.tools.JarChild.JAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code eccp ping} from the built jar in a new namespace that has no address: the ping
 * waits up to its timeout for one, then fails naming the fix. Needs root.
 */
class PingWithoutAddressIT {
  @Test
  void ping_waitsForAnAddressThenFails() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "network namespaces need root; run mvn verify as root");
    assumeTrue(Boolean.getBoolean("eccp.integration") && Files.isRegularFile(JAR),
        "runs in the integration-test phase of mvn verify, after the jar is built");
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    String ns = "eccpt-" + HexFormat.of().formatHex(suffix);
    run("ip", "netns", "add", ns);
    try {
      Process p = new ProcessBuilder(JarChild.command(ns, "ping", "198.19.1.10", "--count", "1",
          "--timeout", "700")).start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ping did not stop");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(1, p.exitValue(), out + err);
      assertTrue(err.contains("waiting up to 700 ms"), err);
      assertTrue(out.contains("within 700 ms"), out);
      assertTrue(out.contains("raise --timeout"), out);
    } finally {
      run("ip", "netns", "delete", ns);
    }
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).inheritIO().start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), String.join(" ", command));
  }
}
