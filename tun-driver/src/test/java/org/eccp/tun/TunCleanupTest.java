package org.eccp.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eccp.nativ.NetworkNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks that a TUN device disappears when the process that made it is terminated or killed. */
class TunCleanupTest {
  private static NetworkNamespace ns;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces and TUN");
    ns = NetworkNamespace.createUnique("eccpt-");
  }

  @AfterAll
  static void tearDown() {
    if (ns != null) {
      ns.close();
    }
  }

  private static boolean deviceExists(String name) throws Exception {
    return ns.exec("ip", "-o", "link", "show").contains(name + ":");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void deviceIsRemovedWhenProcessEnds(boolean kill) throws Exception {
    String name = kill ? "eccpt-kill" : "eccpt-term";
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        TunHolder.class.getName(), ns.name(), name).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.equals("ready")) {
        // skips log lines
      }
      assertEquals("ready", line, "child did not create the device");
      assertTrue(deviceExists(name));

      if (kill) {
        child.destroyForcibly();
      } else {
        child.destroy();
      }
      assertTrue(child.waitFor(10, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }

    assertFalse(deviceExists(name), name + " still exists after the process ended");
  }
}
