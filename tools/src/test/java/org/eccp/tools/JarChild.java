package org.eccp.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Helpers for integration tests that run the shaded jar as child processes in lab namespaces. */
final class JarChild {
  /** The shaded jar of this build; Maven passes its path, which depends on the build folder. */
  static final Path JAR = Path.of(System.getProperty("eccp.jar", "target/eccp.jar"));
  private static final List<String> JVM_FLAGS = List.of(
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "-Dchronicle.analytics.disable=true",
      "-Dchronicle.announcer.disable=true");

  private JarChild() {}

  /** Returns the command line that runs {@code eccp ARGS} from the jar inside {@code namespace}. */
  static List<String> command(String namespace, String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    command.addAll(here(args));
    return command;
  }

  /** Returns the command line that runs {@code eccp ARGS} from the jar, in this namespace. */
  static List<String> here(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JVM_FLAGS);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** Returns the command line that runs {@code eccp ARGS} from the jar in this namespace. */
  static List<String> localCommand(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JVM_FLAGS);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** Waits until {@code file} contains {@code text}, or fails after {@code timeoutMillis}. */
  static void awaitLine(Path file, String text, long timeoutMillis) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() - deadline < 0) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + text + "' in " + file + " within " + timeoutMillis
        + " ms:\n" + readQuietly(file));
  }

  /** Stops a child with SIGTERM (its clean shutdown), then SIGKILL after 5 s. */
  static void stop(Process p) throws InterruptedException {
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Returns the file's text, or a note saying why it could not be read. */
  static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Starts {@code eccp ARGS} from the jar inside {@code namespace}, with stdout into {@code out}
   * and stderr into {@code err} (both into one file when they are equal).
   */
  static Process start(String namespace, Path out, Path err, String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(namespace, args)).redirectOutput(out.toFile());
    if (out.equals(err)) {
      pb.redirectErrorStream(true);
    } else {
      pb.redirectError(err.toFile());
    }
    return pb.start();
  }

  /** Deletes the files of {@code dir} and the folder itself, printing what could not be removed. */
  static void deleteQuietly(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      System.out.println("could not remove " + dir + ": " + e.getMessage());
    }
  }
}
