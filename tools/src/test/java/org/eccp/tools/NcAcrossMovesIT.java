package org.eccp.tools;

import static org.eccp.tools.JarChild.JAR;
import static org.eccp.tools.JarChild.awaitLine;
import static org.eccp.tools.JarChild.readQuietly;
import static org.eccp.tools.JarChild.stop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.eccp.tools.lab.Lab;
import org.eccp.tools.lab.LabPrefix;
import org.eccp.tools.lab.Topology;
import org.junit.jupiter.api.Test;

/**
 * Sends 256 MiB of seeded random bytes with {@code eccp nc server 4000} from the lab's client to
 * {@code eccp nc --listen 4000} in its server, both from the built jar, while the client moves
 * net-a -> net-b -> net-c. The moves are triggered when the server's output has passed a third
 * and two thirds of the size. The output must have the input's size and SHA-256. Prints the
 * transfer time and throughput.
 *
 * <p>Runs in the integration-test phase of {@code mvn verify}, after the jar is built; needs root.
 */
class NcAcrossMovesIT {
  private static final long SIZE = 256L << 20;
  private static final long SEED = 20261204L;
  private static final long LIMIT_SECONDS = 240;

  @Test
  void nc_deliversEveryByteAcrossTwoMoves() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "the lab needs root for network namespaces; run mvn verify as root");
    // -Dtest=... also selects this class in the test phase, before the jar is rebuilt.
    assumeTrue(Boolean.getBoolean("eccp.integration") && Files.isRegularFile(JAR),
        "runs in the integration-test phase of mvn verify, after the jar is built");
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    LabPrefix prefix = new LabPrefix(LabPrefix.TEST + HexFormat.of().formatHex(suffix) + "-");
    Path dir = Files.createTempDirectory("eccp-nc-moves");
    Path input = dir.resolve("input.bin");
    Path output = dir.resolve("output.bin");
    Path serverLog = dir.resolve("server.log");
    Path clientLog = dir.resolve("client.log");
    Lab lab = Lab.open(prefix);
    Process server = null;
    Process client = null;
    boolean passed = false;
    try {
      String expected = writeRandom(input);

      lab.up(Topology.byName("default").orElseThrow());
      server = start(lab.namespace("server"), new File("/dev/null"), output, serverLog,
          "nc", "--listen", "4000", "--timeout", "60000", "--verbose");
      awaitLine(serverLog, "added on interface", 15_000);
      // NOTE: the listener opens just after the stack has read its addresses and logs nothing,
      // so this pause is an estimate. A client that connects too early fails with a reset.
      Thread.sleep(1000);

      long started = System.nanoTime();
      client = start(lab.namespace("client"), input.toFile(), dir.resolve("client.out"),
          clientLog, "nc", "server", "4000", "--timeout", "60000", "--verbose");

      long deadline = started + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
      awaitSize(output, SIZE / 3, client, deadline, serverLog, clientLog);
      lab.move("client", "net-b");
      System.out.printf("moved the client to net-b at %.1f s%n", seconds(started));
      awaitSize(output, 2 * SIZE / 3, client, deadline, serverLog, clientLog);
      lab.move("client", "net-c");
      System.out.printf("moved the client to net-c at %.1f s%n", seconds(started));

      awaitExit(client, "client", deadline, serverLog, clientLog);
      awaitExit(server, "server", deadline, serverLog, clientLog);
      double elapsed = seconds(started);

      assertEquals(0, client.exitValue(), "client exit status; log " + clientLog + ":\n"
          + readQuietly(clientLog));
      assertEquals(0, server.exitValue(), "server exit status; log " + serverLog + ":\n"
          + readQuietly(serverLog));
      assertEquals(SIZE, Files.size(output), "bytes the server wrote");
      assertEquals(expected, sha256(output), "SHA-256 of the server's output");
      System.out.printf("nc across two moves: %d MiB in %.1f s, %.0f Mbit/s%n", SIZE >> 20,
          elapsed, SIZE * 8 / elapsed / 1e6);
      passed = true;
    } finally {
      stop(client);
      stop(server);
      lab.down();
      deleteQuietly(dir, !passed);
    }
  }

  /** Writes {@link #SIZE} seeded random bytes and returns their SHA-256 in hex. */
  private static String writeRandom(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    SplittableRandom random = new SplittableRandom(SEED);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < SIZE; written += block.length) {
        random.nextBytes(block);
        digest.update(block);
        out.write(block);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] block = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(block); n >= 0; n = in.read(block)) {
        digest.update(block, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Waits until {@code file} contains at least {@code size} bytes. Fails if the client ends first. */
  private static void awaitSize(Path file, long size, Process client, long deadline, Path serverLog,
      Path clientLog) throws Exception {
    while (!Files.exists(file) || Files.size(file) < size) {
      if (!client.isAlive()) {
        fail("the client exited with " + client.exitValue() + " before the server had " + size
            + " bytes (it has " + (Files.exists(file) ? Files.size(file) : 0) + "); logs "
            + clientLog + ", " + serverLog + "\nclient:\n" + readQuietly(clientLog));
      }
      if (System.nanoTime() - deadline > 0) {
        fail("the server had fewer than " + size + " bytes after " + LIMIT_SECONDS + " s; logs "
            + clientLog + ", " + serverLog);
      }
      Thread.sleep(20);
    }
  }

  private static void awaitExit(Process p, String name, long deadline, Path serverLog,
      Path clientLog) throws InterruptedException {
    long left = Math.max(0, deadline - System.nanoTime());
    if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      fail("the " + name + " did not exit within " + LIMIT_SECONDS + " s; logs " + clientLog
          + ", " + serverLog + "\nclient:\n" + readQuietly(clientLog) + "\nserver:\n"
          + readQuietly(serverLog));
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static Process start(String namespace, File stdin, Path out, Path err, String... args)
      throws IOException {
    return new ProcessBuilder(JarChild.command(namespace, args)).redirectInput(stdin)
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
  }

  /** Removes the large data files, and the logs too unless the run failed. */
  private static void deleteQuietly(Path dir, boolean keepLogs) {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (!(keepLogs && f.toString().endsWith(".log"))) {
          Files.deleteIfExists(f);
        }
      }
      if (keepLogs) {
        System.out.println("logs kept in " + dir);
      } else {
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      System.out.println("could not remove " + dir + ": " + e.getMessage());
    }
  }

}
