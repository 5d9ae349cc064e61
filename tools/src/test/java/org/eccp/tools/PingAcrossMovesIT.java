package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eccp.tools.json.Json;
import org.eccp.tools.lab.Lab;
import org.eccp.tools.lab.LabPrefix;
import org.eccp.tools.lab.Topology;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code eccp listen} in the lab's server and {@code eccp ping server --interval 20 --json}
 * in its client, both from the built jar, while the client moves net-a -> net-b -> net-c and
 * then gets net-a back and loses net-c. Nobody tells the stacks about the moves: they must learn
 * of them through rtnetlink. Prints the echoes lost and the time to the first answered echo per
 * move, and the delay from each address notification to the RSYN.
 *
 * <p>Runs in the integration-test phase of {@code mvn verify}, after the jar is built; needs root.
 */
class PingAcrossMovesIT {
  private static final Path JAR = Path.of("target", "eccp.jar");
  private static final List<String> JVM_FLAGS = List.of(
      "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "-Dchronicle.analytics.disable=true",
      "-Dchronicle.announcer.disable=true");
  private static final Pattern RSYN_LOG =
      Pattern.compile("RSYN (\\S+) -> (\\S+) sent (\\d+) us after the address change \\((.*)\\), "
          + "(\\d+) retries without a route");
  /** Time each network stays in use, so a few dozen echoes go out on every address. */
  private static final long DWELL_MILLIS = 1500;
  private static final int INTERVAL_MILLIS = 20;

  /** One step of the test and the address the client's flow must end up on. */
  private record Move(String label, String newPrefix) {}

  @Test
  void ping_carriesOnAcrossMoves() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "the lab needs root for network namespaces; run mvn verify as root");
    assumeTrue(Files.isRegularFile(JAR), "needs " + JAR.toAbsolutePath()
        + ": run with mvn verify, which builds the jar first");
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    LabPrefix prefix = new LabPrefix(LabPrefix.TEST + HexFormat.of().formatHex(suffix) + "-");
    Path dir = Files.createTempDirectory("eccp-ping-moves");
    Lab lab = Lab.open(prefix);
    Process listen = null;
    Process ping = null;
    try {
      lab.up(Topology.byName("default").orElseThrow());
      listen = start(lab.namespace("server"), dir.resolve("listen.log"), dir.resolve("listen.log"),
          "listen");
      awaitLine(dir.resolve("listen.log"), "added on interface", 15_000);

      int rounds = (int) ((DWELL_MILLIS * 4) / INTERVAL_MILLIS);
      ping = start(lab.namespace("client"), dir.resolve("ping.json"), dir.resolve("ping.log"),
          "ping", "server", "--interval", Integer.toString(INTERVAL_MILLIS), "--json",
          "--verbose", "--count", Integer.toString(rounds), "--timeout", "500");
      awaitLine(dir.resolve("ping.json"), "\"rtt_ms\"", 15_000);
      Thread.sleep(DWELL_MILLIS / 2);

      lab.move("client", "net-b");
      Thread.sleep(DWELL_MILLIS);
      lab.move("client", "net-c");
      Thread.sleep(DWELL_MILLIS);
      lab.link("client", "net-a", true);
      lab.link("client", "net-c", false);

      assertTrue(ping.waitFor(60, TimeUnit.SECONDS), "ping ends within 60 s");
      String output = Files.readString(dir.resolve("ping.json"));
      String log = Files.readString(dir.resolve("ping.log"));
      System.out.println(output);
      assertEquals(0, ping.exitValue(), "ping exit status; its log:\n" + log);
      report(output, log, List.of(new Move("move to net-b", "198.18.2."),
          new Move("move to net-c", "198.18.3."),
          new Move("net-a up, net-c down", "198.18.1.")));
    } finally {
      stop(ping);
      stop(listen);
      lab.down();
      System.out.println("server log:\n" + readQuietly(dir.resolve("listen.log")));
    }
  }

  /** Checks that echoes resumed on each new address, and prints what each move cost. */
  private static void report(String output, String log, List<Move> moves) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (!line.isBlank()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> o = (Map<String, Object>) Json.parse(line);
        lines.add(o);
      }
    }
    Map<String, Object> summary = lines.get(lines.size() - 1);
    assertEquals("summary", summary.get("type"));
    assertEquals(Boolean.TRUE, summary.get("success"));

    StringBuilder table = new StringBuilder(
        "| Step | Echoes lost | Old address gone -> first answer on the new one (ms) "
        + "| New address seen -> first answer (ms) |\n|---|---|---|---|\n");
    String oldLocal = firstLocal(lines);
    for (Move move : moves) {
      double gone = timeAddressGone(lines, oldLocal);
      Map<String, Object> first = firstAnswered(lines, move.newPrefix(), gone);
      assertTrue(first != null, "echoes resumed after '" + move.label() + "' on "
          + move.newPrefix() + "x");
      double answeredAt = number(first.get("t_ms")) + number(first.get("rtt_ms"));
      long lost = lostBetween(lines, oldLocal, (String) first.get("local"));
      String newLocal = (String) first.get("local");
      double seen = Math.max(gone, timeAddressSeen(lines, newLocal));
      table.append(String.format("| %s | %d | %.1f | %.1f |%n", move.label(), lost,
          answeredAt - gone, answeredAt - seen));
      oldLocal = newLocal;
    }
    table.append("\nRSYN delays (netlink notification read -> RSYN sent):\n");
    Matcher m = RSYN_LOG.matcher(log);
    int rsyns = 0;
    while (m.find()) {
      rsyns++;
      table.append(String.format("  %s -> %s: %.2f ms after \"%s\", %s retries without a route%n",
          m.group(1), m.group(2), Long.parseLong(m.group(3)) / 1000.0, m.group(4), m.group(5)));
    }
    assertTrue(rsyns >= moves.size(), "an RSYN was sent for every move:\n" + log);
    System.out.println("ping across moves, " + summary.get("sent") + " echoes sent, "
        + summary.get("lost") + " lost, " + summary.get("migrations") + " migrations\n" + table);
  }

  private static String firstLocal(List<Map<String, Object>> lines) {
    return lines.stream().filter(o -> "start".equals(o.get("type")))
        .map(o -> (String) o.get("local")).findFirst().orElseThrow();
  }

  /** Returns when the ping's local address list first lacked {@code address} after having it. */
  private static double timeAddressGone(List<Map<String, Object>> lines, String address) {
    boolean seen = false;
    for (Map<String, Object> o : lines) {
      if (!"addresses".equals(o.get("type"))) {
        continue;
      }
      boolean present = ((List<?>) o.get("local")).contains(address);
      if (seen && !present) {
        return number(o.get("t_ms"));
      }
      seen |= present;
    }
    throw new AssertionError("the ping never saw " + address + " go away");
  }

  /** Returns when the ping's local address list first had {@code address}. */
  private static double timeAddressSeen(List<Map<String, Object>> lines, String address) {
    return lines.stream().filter(o -> "addresses".equals(o.get("type"))
        && ((List<?>) o.get("local")).contains(address)).mapToDouble(o -> number(o.get("t_ms")))
        .findFirst().orElseThrow();
  }

  /** Returns the earliest-sent answered echo from an address with this prefix, sent after {@code after}. */
  private static Map<String, Object> firstAnswered(List<Map<String, Object>> lines,
      String localPrefix, double after) {
    Map<String, Object> first = null;
    for (Map<String, Object> o : lines) {
      if ("echo".equals(o.get("type")) && o.get("rtt_ms") != null
          && String.valueOf(o.get("local")).startsWith(localPrefix)
          && number(o.get("t_ms")) >= after
          && (first == null || number(o.get("t_ms")) < number(first.get("t_ms")))) {
        first = o;
      }
    }
    return first;
  }

  /** Counts lost echoes sent after the last answer on the old address and before the new one. */
  private static long lostBetween(List<Map<String, Object>> lines, String oldLocal,
      String newLocal) {
    long lastOld = 0;
    long firstNew = Long.MAX_VALUE;
    for (Map<String, Object> o : lines) {
      if (!"echo".equals(o.get("type")) || o.get("rtt_ms") == null) {
        continue;
      }
      long seq = (long) number(o.get("seq"));
      String local = String.valueOf(o.get("local"));
      if (local.equals(oldLocal)) {
        lastOld = Math.max(lastOld, seq);
      } else if (local.equals(newLocal)) {
        firstNew = Math.min(firstNew, seq);
      }
    }
    long from = lastOld;
    long to = firstNew;
    return lines.stream().filter(o -> "echo".equals(o.get("type")) && o.get("lost") != null)
        .filter(o -> number(o.get("seq")) > from && number(o.get("seq")) < to).count();
  }

  private static double number(Object o) {
    return ((Number) o).doubleValue();
  }

  private static Process start(String namespace, Path out, Path err, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JVM_FLAGS);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile());
    if (out.equals(err)) {
      pb.redirectErrorStream(true);
    } else {
      pb.redirectError(err.toFile());
    }
    return pb.start();
  }

  private static void awaitLine(Path file, String text, long timeoutMillis) throws Exception {
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
  private static void stop(Process p) throws InterruptedException {
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e.getMessage() + ")";
    }
  }
}
