package org.eccp.tools.dissect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair, for capturing real traffic with tcpdump and
 * tshark. Names start with {@code eccpt-} and a random suffix; {@link #close()} stops every
 * process it started, by PID, and deletes both namespaces. A shutdown hook does the same if the
 * test JVM exits first.
 */
public final class CaptureLab implements AutoCloseable {
  public static final String ADDRESS_A4 = "198.18.77.1";
  public static final String ADDRESS_B4 = "198.18.77.2";
  public static final String ADDRESS_A6 = "fd00:77::1";
  public static final String ADDRESS_B6 = "fd00:77::2";
  public static final String DEVICE_A = "eccpA";

  final String namespaceA;
  final String namespaceB;
  private final List<Process> processes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::cleanUp);

  public CaptureLab() throws IOException, InterruptedException {
    String suffix = Long.toHexString(System.nanoTime() & 0xffffff);
    namespaceA = "eccpt-" + suffix + "a";
    namespaceB = "eccpt-" + suffix + "b";
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      run("ip", "netns", "add", namespaceA);
      run("ip", "netns", "add", namespaceB);
      run("ip", "link", "add", DEVICE_A, "netns", namespaceA, "type", "veth", "peer", "name",
          "eccpB", "netns", namespaceB);
      configure(namespaceA, DEVICE_A, ADDRESS_A4, ADDRESS_A6);
      configure(namespaceB, "eccpB", ADDRESS_B4, ADDRESS_B6);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private static void configure(String namespace, String device, String v4, String v6)
      throws IOException, InterruptedException {
    run("ip", "-n", namespace, "addr", "add", v4 + "/24", "dev", device);
    run("ip", "-n", namespace, "addr", "add", v6 + "/64", "dev", device, "nodad");
    run("ip", "-n", namespace, "link", "set", device, "up");
    run("ip", "-n", namespace, "link", "set", "lo", "up");
  }

  /**
   * Starts a capture program in namespace A and waits until its standard error contains
   * {@code readyText}, which tcpdump and tshark print once they capture.
   */
  public Process startCapture(String readyText, String... command) throws IOException,
      InterruptedException {
    Process p = startInA(command);
    CountDownLatch ready = new CountDownLatch(1);
    StringBuilder err = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          synchronized (err) {
            err.append(line).append('\n');
          }
          if (line.contains(readyText)) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // The process ended; its output so far is in err.
      }
    });
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(30, TimeUnit.SECONDS)) {
      synchronized (err) {
        throw new IllegalStateException(command[0] + " did not start capturing: " + err);
      }
    }
    return p;
  }

  /** Starts a program in namespace A; {@link #close()} stops it. */
  public Process startInA(String... command) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespaceA));
    full.addAll(List.of(command));
    Process p = new ProcessBuilder(full).start();
    synchronized (processes) {
      processes.add(p);
    }
    return p;
  }

  /** Stops a capture with SIGTERM, so that it writes out what it holds, and waits for it. */
  public static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Runs a command to its end and returns its output; a non-zero exit fails. */
  public static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue()
          + ": " + out);
    }
    return out;
  }

  /** True when running as root and every program is installed. */
  public static boolean available(String... programs) {
    try {
      if (!run("id", "-u").trim().equals("0")) {
        return false;
      }
    } catch (IOException | InterruptedException e) {
      return false;
    }
    for (String program : programs) {
      boolean found = false;
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        found |= Files.isExecutable(Path.of(dir, program));
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    cleanUp();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down and runs the hook itself.
    }
  }

  private void cleanUp() {
    synchronized (processes) {
      for (Process p : processes) {
        try {
          stop(p);
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
      processes.clear();
    }
    for (String namespace : List.of(namespaceA, namespaceB)) {
      try {
        run("ip", "netns", "del", namespace);
      } catch (IOException | InterruptedException e) {
        // Not created, or already deleted.
      }
    }
  }
}
