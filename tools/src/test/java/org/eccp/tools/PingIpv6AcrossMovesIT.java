package org.eccp.tools;

import static org.eccp.tools.JarChild.JAR;
import static org.eccp.tools.JarChild.awaitLine;
import static org.eccp.tools.JarChild.deleteQuietly;
import static org.eccp.tools.JarChild.readQuietly;
import static org.eccp.tools.JarChild.stop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eccp.tools.json.Json;
import org.eccp.tools.lab.Lab;
import org.eccp.tools.lab.LabPrefix;
import org.eccp.tools.lab.LabState;
import org.eccp.tools.lab.Topology;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code eccp listen} in the lab's server and {@code eccp ping} in its client, both from the
 * built jar, while the client moves. The stacks learn the moves from rtnetlink only.
 *
 * <p>Runs in the integration-test phase of {@code mvn verify}, after the jar is built; needs root.
 * Takes about 30 s (two labs).
 */
class PingIpv6AcrossMovesIT {
  private static final long DWELL_MILLIS = 1500;
  private static final int INTERVAL_MILLIS = 50;

  /**
   * {@code ping -6 server} while the client moves net-a -> net-b -> net-c: the ping starts and
   * ends over IPv6, and echoes are answered from the client's new IPv6 address after each move.
   */
  @Test
  void ping6_carriesOnAcrossMoves() throws Exception {
    try (LabRun run = LabRun.start("eccp-ping6-moves")) {
      run.startPing(3, "-6");
      Thread.sleep(DWELL_MILLIS / 2);
      LabState.Assignment onB = run.lab.move("client", "net-b");
      Thread.sleep(DWELL_MILLIS);
      LabState.Assignment onC = run.lab.move("client", "net-c");

      List<Map<String, Object>> echoes = echoes(run.awaitPing());
      // During a move the IPv4 address comes a moment before the IPv6 one, so the flow spends
      // that moment on IPv4 before it returns to IPv6; how long depends on the machine's load.
      long overIpv4 = echoes.stream()
          .filter(e -> !IpAddress.parse((String) e.get("remote")).isV6()).count();
      System.out.println(overIpv4 + " of " + echoes.size() + " echoes went over IPv4");
      assertTrue(isV6Echo(echoes.get(0)), "first echo over IPv6: " + echoes.get(0));
      Map<String, Object> last = echoes.get(echoes.size() - 1);
      assertTrue(isV6Echo(last), "last echo over IPv6: " + last);
      assertTrue(answeredFrom(echoes, onB.ipv6()) > 0, "echoes answered from " + onB.ipv6());
      assertTrue(answeredFrom(echoes, onC.ipv6()) > 0, "echoes answered from " + onC.ipv6());
      String serverLog = run.stopListen();
      assertTrue(serverLog.contains(" -> " + text(onC.ipv6()) + " (version"),
          "the server moved its flow to the client's new address:\n" + serverLog);
    }
  }

  /**
   * {@code ping server} (IPv4) from a client whose network has no IPv6, which then moves to a
   * network with IPv6 only: the flow changes family, to the server's IPv6 address from its IList.
   */
  @Test
  void ping_followsFamilyChange() throws Exception {
    try (LabRun run = LabRun.start("eccp-ping-family")) {
      String client = run.lab.namespace("client");
      flush(client, "-6", "a0");
      run.startPing(2);
      Thread.sleep(DWELL_MILLIS / 2);
      LabState.Assignment onB = run.lab.move("client", "net-b");
      flush(client, "-4", "b0");

      List<Map<String, Object>> echoes = echoes(run.awaitPing());
      assertFalse(IpAddress.parse((String) echoes.get(0).get("remote")).isV6(),
          "the ping starts over IPv4: " + echoes.get(0));
      assertTrue(answeredFrom(echoes, onB.ipv6()) > 0, "echoes answered from " + onB.ipv6());
      Map<String, Object> last = echoes.get(echoes.size() - 1);
      assertTrue(isV6Echo(last), "the ping ends over IPv6: " + last);
    }
  }

  /**
   * A test lab with {@code eccp listen} running in its server; closing stops the children,
   * removes the lab and prints the server's log.
   */
  private static final class LabRun implements AutoCloseable {
    final Lab lab;
    final Path dir;
    private final Process listen;
    private Process ping;

    private LabRun(Lab lab, Path dir, Process listen) {
      this.lab = lab;
      this.dir = dir;
      this.listen = listen;
    }

    static LabRun start(String name) throws Exception {
      assumeTrue("root".equals(System.getProperty("user.name")),
          "the lab needs root for network namespaces; run mvn verify as root");
      assumeTrue(Boolean.getBoolean("eccp.integration") && Files.isRegularFile(JAR),
          "runs in the integration-test phase of mvn verify, after the jar is built");
      byte[] suffix = new byte[3];
      new SecureRandom().nextBytes(suffix);
      Lab lab = Lab.open(new LabPrefix(LabPrefix.TEST + HexFormat.of().formatHex(suffix) + "-"));
      Path dir = Files.createTempDirectory(name);
      Process listen = null;
      try {
        lab.up(Topology.byName("default").orElseThrow());
        Path log = dir.resolve("listen.log");
        listen = JarChild.start(lab.namespace("server"), log, log, "listen");
        awaitLine(log, "added on interface", 15_000);
        return new LabRun(lab, dir, listen);
      } catch (Exception | AssertionError e) {
        stop(listen);
        lab.down();
        deleteQuietly(dir);
        throw e;
      }
    }

    /** Starts {@code eccp ping server} for {@code dwells} dwell times and waits for an answer. */
    void startPing(int dwells, String... options) throws Exception {
      List<String> args = new ArrayList<>(List.of("ping"));
      args.addAll(List.of(options));
      args.addAll(List.of("server", "--interval", Integer.toString(INTERVAL_MILLIS), "--json",
          "--verbose", "--count", Long.toString(DWELL_MILLIS * dwells / INTERVAL_MILLIS),
          "--timeout", "500"));
      ping = JarChild.start(lab.namespace("client"), dir.resolve("ping.json"),
          dir.resolve("ping.log"), args.toArray(String[]::new));
      awaitLine(dir.resolve("ping.json"), "\"rtt_ms\"", 15_000);
    }

    /** Waits for the ping to end, checks that it succeeded, and returns its output. */
    String awaitPing() throws Exception {
      assertTrue(ping.waitFor(30, TimeUnit.SECONDS), "ping ends within 30 s");
      String output = Files.readString(dir.resolve("ping.json"));
      System.out.println(output);
      assertEquals(0, ping.exitValue(), "ping exit status; its log:\n"
          + readQuietly(dir.resolve("ping.log")));
      return output;
    }

    /** Stops the listener and returns its log. */
    String stopListen() throws Exception {
      stop(listen);
      return Files.readString(dir.resolve("listen.log"));
    }

    @Override
    public void close() throws Exception {
      stop(ping);
      stop(listen);
      lab.down();
      System.out.println("server log:\n" + readQuietly(dir.resolve("listen.log")));
      deleteQuietly(dir);
    }
  }

  /** Removes the global addresses of one family ({@code -4} or {@code -6}) from a lab interface. */
  private static void flush(String namespace, String family, String device) throws Exception {
    Process p = new ProcessBuilder("ip", family, "-n", namespace, "addr", "flush", "dev", device,
        "scope", "global").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "ip addr flush ends: " + out);
    assertEquals(0, p.exitValue(), "ip addr flush: " + out);
  }

  private static List<Map<String, Object>> echoes(String output) {
    List<Map<String, Object>> echoes = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> o = (Map<String, Object>) Json.parse(line);
      if ("echo".equals(o.get("type"))) {
        echoes.add(o);
      }
    }
    return echoes;
  }

  /** Returns true for an answered echo between two IPv6 addresses. */
  private static boolean isV6Echo(Map<String, Object> echo) {
    return echo.get("rtt_ms") != null && IpAddress.parse((String) echo.get("local")).isV6()
        && IpAddress.parse((String) echo.get("remote")).isV6();
  }

  /** Counts the answered echoes sent from {@code local}. */
  private static long answeredFrom(List<Map<String, Object>> echoes, String local) {
    IpAddress address = IpAddress.parse(local);
    return echoes.stream().filter(e -> e.get("rtt_ms") != null && e.get("local") != null
        && IpAddress.parse((String) e.get("local")).equals(address)).count();
  }

  /** Returns the address as the stack prints it. */
  private static String text(String literal) {
    return IpAddress.parse(literal).toString();
  }
}
