package org.eccp.tools.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kills {@code lab up} with SIGKILL in the middle of a build (in a child JVM) and checks that
 * {@code down} and {@code up} still clean up what it made. Skipped unless run as root.
 */
class LabCrashTest {

  private LabFixture lab;

  @BeforeEach
  void setUp() {
    LabFixture.assumeLabPossible();
    lab = new LabFixture();
  }

  @AfterEach
  void tearDown() {
    if (lab != null) {
      lab.down();
    }
  }

  @Test
  void downRemovesLabKilledBetweenNamespaces() throws Exception {
    // Killed after the server's namespace was recorded but before it was made.
    killUpAt("netns", "add", lab.namespace("server"));
    List<String> namespaces = namespaces();
    assertTrue(namespaces.contains(lab.namespace("client")), namespaces.toString());
    assertFalse(namespaces.contains(lab.namespace("server")), namespaces.toString());

    String output = lab.ok("down");

    assertTrue(output.contains("namespace " + lab.namespace("client")), output);
    assertTrue(output.contains("namespace " + lab.namespace("router")), output);
    assertTrue(namespaces().stream().noneMatch(n -> n.startsWith(lab.prefix)), namespaces().toString());
    assertFalse(Files.exists(Path.of("/run/eccp-lab", new LabPrefix(lab.prefix).labName())), "state directory removed");
  }

  @Test
  void upRebuildsLabKilledWhileMakingNetworks() throws Exception {
    killUpAt("link", "add", "rc");
    assertTrue(namespaces().contains(lab.namespace("router")), namespaces().toString());

    String output = lab.ok("up");

    assertTrue(output.contains("removed a partial lab"), output);
    assertTrue(output.contains("namespace " + lab.namespace("router")), output);
    assertFalse(lab.addresses("client", "net-a").isEmpty());
    assertFalse(lab.addresses("server", "net-s").isEmpty());
  }

  /** Runs {@code lab up} in a child JVM, waits until it reaches {@code command}, and kills it with SIGKILL. */
  private void killUpAt(String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LabCrashChild.class.getName(), lab.prefix));
    args.addAll(List.of(command));
    Process child = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
      assertNotNull(line, "the child ended without output");
      assertTrue(line.startsWith("stopped at"), "child did not stop: " + line);
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(137, child.exitValue(), "the child was killed by SIGKILL");
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (java.io.IOException e) {
      return "cannot read the child's output: " + e.getMessage();
    }
  }

  private static List<String> namespaces() throws LabException {
    LabEnvironment env = LabEnvironment.check();
    return new Ip(new CommandRunner(), env.ip(), env.tc()).namespaces();
  }
}
