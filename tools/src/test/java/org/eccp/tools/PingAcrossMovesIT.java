package org.eccp.tools;

import static org.eccp.tools.JarChild.JAR;
import static org.eccp.tools.JarChild.awaitLine;
import static org.eccp.tools.JarChild.deleteQuietly;
import static org.eccp.tools.JarChild.readQuietly;
import static org.eccp.tools.JarChild.start;
import static org.eccp.tools.JarChild.stop;
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
  private static final Pattern RSYN_LOG =
      Pattern.compile("RSYN (\\S+) -> (\\S+) sent (\\d+) us after the address change \\((.*)\\), "
          + "no-route retries: (\\d+)");
  /** Time each network stays in use, so a few dozen echoes go out on every address. */
  private static final long DWELL_MILLIS = 1500;
  private static final int INTERVAL_MILLIS = 20;

  /** One step of the test and the address the client's flow must end up on. */
  private record Move(String label, String newPrefix) {}

  @Test
  void ping_carriesOnAcrossMoves() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "the lab needs root for network namespaces; run mvn verify as root");
    // -Dtest=... also selects this class in the test phase, before the jar is rebuilt.
    assumeTrue(Boolean.getBoolean("eccp.integration") && Files.isRegularFile(JAR),
        "runs in the integration-test phase of mvn verify, after the jar is built");
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    LabPrefix prefix = new LabPrefix(LabPrefix.TEST + HexFormat.of().formatHex(suffix) + "-");
    Path dir = Files.createTempDirectory("eccp-ping-moves");
    Lab lab = Lab.open(prefix);
    Process listen = null;
    Process ping = null;
    Process monitor = null;
    Process capture = null;
    try {
      lab.up(Topology.byName("default").orElseThrow());
      listen = start(lab.namespace("server"), dir.resolve("listen.log"), dir.resolve("listen.log"),
          "listen", "--pcap", dir.resolve("server.pcap").toString());
      awaitLine(dir.resolve("listen.log"), "added on interface", 15_000);
      // Independent observers in the client: the kernel's address events and the RSYNs on the
      // wire (IPv4 without options, so the ECCP flags byte is ip[21]; 4 is a plain RSYN).
      monitor = command(dir.resolve("monitor.txt"), "ip", "netns", "exec",
          lab.namespace("client"), "ip", "-ts", "monitor", "address");
      capture = command(dir.resolve("rsyn.txt"), "ip", "netns", "exec", lab.namespace("client"),
          "tcpdump", "-l", "-n", "-tt", "-i", "any", "ip proto 253 and ip[21] = 4");
      awaitLine(dir.resolve("rsyn.txt"), "listening on", 15_000);

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
      stop(listen);
      assertEquals(0, listen.exitValue(), "listen exits 0 on SIGTERM");
      // 24-byte pcap header, then records of 16 bytes plus the packet: a few hundred of them.
      assertTrue(Files.size(dir.resolve("server.pcap")) > 24 + 300 * (16 + 40),
          "the server's capture holds the echoes");
      stop(capture);
      stop(monitor);
      System.out.println(KernelToWire.report(Files.readString(dir.resolve("monitor.txt")),
          Files.readString(dir.resolve("rsyn.txt"))));
    } finally {
      stop(capture);
      stop(monitor);
      stop(ping);
      stop(listen);
      lab.down();
      System.out.println("server log:\n" + readQuietly(dir.resolve("listen.log")));
      deleteQuietly(dir);
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
      double goneAt = timeAddressGone(lines, oldLocal);
      Map<String, Object> first = firstAnswered(lines, move.newPrefix(), goneAt);
      assertTrue(first != null, "echoes resumed after '" + move.label() + "' on "
          + move.newPrefix() + "x");
      double answeredAt = number(first.get("t_ms")) + number(first.get("rtt_ms"));
      long lost = lostBetween(lines, oldLocal, (String) first.get("local"));
      String newLocal = (String) first.get("local");
      double seen = Math.max(goneAt, timeAddressSeen(lines, newLocal));
      table.append(String.format("| %s | %d | %.1f | %.1f |%n", move.label(), lost,
          answeredAt - goneAt, answeredAt - seen));
      oldLocal = newLocal;
    }
    table.append("\nRSYN delays (netlink notification read -> RSYN sent):\n");
    Matcher m = RSYN_LOG.matcher(log);
    int rsyns = 0;
    while (m.find()) {
      rsyns++;
      table.append(String.format("  %s -> %s: %.2f ms after \"%s\", no-route retries: %s%n",
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

  /** Starts a command with stdout and stderr into one file. */
  private static Process command(Path out, String... args) throws IOException {
    return new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(out.toFile()).start();
  }
}
