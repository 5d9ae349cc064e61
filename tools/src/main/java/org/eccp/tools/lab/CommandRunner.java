package org.eccp.tools.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs system commands (ip, tc, nft) from argument arrays, never through a shell. Tests may override {@link #run(List, String)}. */
public class CommandRunner {

  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

  /** Maximum run time of one command; ip, tc and nft finish in milliseconds. */
  private static final long TIMEOUT_SECONDS = 30;

  /** Directories searched for system tools besides PATH, because sudo and cron often drop sbin. */
  private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

  /** The outcome of one command. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs {@code command} with no standard input and returns its outcome, whatever the exit code. */
  public Result run(List<String> command) throws LabException {
    return run(command, null);
  }

  /** Runs {@code command} with {@code stdin} (or none when null) and returns its outcome. */
  public Result run(List<String> command, String stdin) throws LabException {
    LOG.debug("running {}", command);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
        : ProcessBuilder.Redirect.PIPE);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new LabException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    Thread errReader = new Thread(() -> copy(process.getErrorStream(), errBytes), "stderr-reader");
    errReader.start();
    try {
      if (stdin != null) {
        try (OutputStream in = process.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new LabException(String.join(" ", command) + " timed out after " + TIMEOUT_SECONDS + " s");
      }
      errReader.join();
      return new Result(List.copyOf(command), process.exitValue(),
          new String(out, StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new LabException("I/O with " + String.join(" ", command) + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new LabException("interrupted while running " + String.join(" ", command), e);
    }
  }

  /** Runs {@code command} and returns its standard output, or throws when it exits non-zero. */
  public String check(List<String> command) throws LabException {
    return check(command, null);
  }

  /** Runs {@code command} with {@code stdin} and returns its standard output, or throws on failure. */
  public String check(List<String> command, String stdin) throws LabException {
    Result result = run(command, stdin);
    if (!result.ok()) {
      throw new CommandFailedException(result);
    }
    return result.stdout();
  }

  /** Returns the path of the executable called {@code name}, from PATH or a system directory. */
  public static Optional<String> find(String name) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(SYSTEM_DIRS);
    for (String dir : dirs) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name).toString());
      }
    }
    return Optional.empty();
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
