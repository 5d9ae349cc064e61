package org.eccp.tools.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Builds real labs in network namespaces, each with its own {@code eccpt-} prefix, and removes them
 * after every test. Skipped unless run as root.
 */
class LabCommandTest {

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
  void upShowsThreeHostsInLabRange() throws Exception {
    lab.up();
    @SuppressWarnings("unchecked")
    List<Object> hosts = (List<Object>) lab.status().get("hosts");
    assertEquals(3, hosts.size());
    for (String role : Topology.ROLES) {
      assertTrue(Files.exists(Path.of("/var/run/netns", lab.namespace(role))), "namespace of " + role);
    }
    String client = ipv4(lab.addresses("client", "net-a"));
    String server = ipv4(lab.addresses("server", "net-s"));
    assertTrue(inLabRange(client), client);
    assertTrue(inLabRange(server), server);
    assertTrue(lab.addresses("client", "net-b").isEmpty(), "client starts detached from net-b");
  }

  @Test
  void pingByNameWorks() {
    assumePing();
    lab.up();
    assertEquals(0, lab.lab("exec", "client", "--", "ping", "-c1", "-W1", "server").exitCode());
    assertEquals(0, lab.lab("exec", "client", "--", "ping", "-4", "-c1", "-W1", "server").exitCode());
    assertEquals(0, lab.lab("exec", "server", "--", "ping", "-6", "-c1", "-W1", "client").exitCode());
  }

  @Test
  void moveGivesNewAddressAndPingWorks() throws Exception {
    assumePing();
    lab.up();
    String before = ipv4(lab.addresses("client", "net-a"));

    String output = lab.ok("move", "client", "net-b");

    String after = ipv4(lab.addresses("client", "net-b"));
    assertNotEquals(before, after);
    assertTrue(output.contains(after), output);
    assertTrue(lab.addresses("client", "net-a").isEmpty(), "client left net-a");
    assertTrue(Files.readString(hostsFile("client")).contains(after + "\tclient"), "hosts file has the new address");
    assertEquals(0, lab.lab("exec", "client", "--", "ping", "-4", "-c1", "-W1", "server").exitCode());

    lab.ok("move", "client", "net-a");
    String back = ipv4(lab.addresses("client", "net-a"));
    assertNotEquals(before, back, "moving back to net-a gives a fresh host number");
  }

  @Test
  void linkAddsAndRemovesOneAttachment() {
    assumePing();
    lab.up();
    lab.ok("link", "client", "net-b", "up");
    assertFalse(lab.addresses("client", "net-a").isEmpty());
    assertFalse(lab.addresses("client", "net-b").isEmpty());

    lab.ok("link", "client", "net-a", "down");
    assertTrue(lab.addresses("client", "net-a").isEmpty());
    assertFalse(lab.addresses("client", "net-b").isEmpty());
    assertEquals(0, lab.lab("exec", "client", "--", "ping", "-4", "-c1", "-W1", "server").exitCode());

    String again = lab.ok("link", "client", "net-a", "down");
    assertTrue(again.contains("client was not attached to net-a"), again);

    lab.ok("link", "client", "net-a", "up");
    assertFalse(lab.addresses("client", "net-a").isEmpty());
    again = lab.ok("link", "client", "net-a", "up");
    assertTrue(again.contains("client was already attached to net-a"), again);
  }

  @Test
  void multihomedStartsOnTwoNetworks() {
    lab.ok("up", "--topology", "multihomed");
    assertFalse(lab.addresses("client", "net-a").isEmpty());
    assertFalse(lab.addresses("client", "net-b").isEmpty());
    assertTrue(lab.addresses("client", "net-c").isEmpty());
  }

  @Test
  void impairRateUsesTbf() throws Exception {
    lab.up();
    String output = lab.ok("impair", "net-a", "--rate", "10");
    assertTrue(output.contains("tbf"), output);

    String routerSide = LabFixture.system("tc", "-n", lab.namespace("router"), "qdisc", "show", "dev", "ra").stdout();
    String clientSide = LabFixture.system("tc", "-n", lab.namespace("client"), "qdisc", "show", "dev", "a0").stdout();
    assertTrue(routerSide.contains("tbf"), routerSide);
    assertTrue(routerSide.contains("10Mbit"), routerSide);
    assertTrue(clientSide.contains("tbf"), clientSide);
    assertTrue(lab.ok("status").contains("rate_mbit 10 (tbf)"));

    lab.ok("impair", "net-a", "--clear");
    routerSide = LabFixture.system("tc", "-n", lab.namespace("router"), "qdisc", "show", "dev", "ra").stdout();
    assertFalse(routerSide.contains("tbf"), routerSide);
  }

  @Test
  void impairLossWritesPropertiesAndRule() throws Exception {
    lab.up();
    lab.ok("impair", "net-s", "--delay", "20", "--jitter", "5", "--loss", "0.25", "--seed", "42");
    @SuppressWarnings("unchecked")
    Map<String, Object> impairments = (Map<String, Object>) lab.status().get("impairments");
    @SuppressWarnings("unchecked")
    Map<String, Object> netS = (Map<String, Object>) impairments.get("net-s");
    @SuppressWarnings("unchecked")
    Map<String, Object> mechanisms = (Map<String, Object>) netS.get("mechanisms");
    assumeTrue(!"netem".equals(mechanisms.get("delay_ms")), "this kernel has netem; the fallback is not used");

    Path file = Path.of("/run/eccp-lab", lab.prefix.substring(0, lab.prefix.length() - 1), "impair", "net-s.properties");
    java.util.Properties properties = new java.util.Properties();
    try (var in = Files.newBufferedReader(file)) {
      properties.load(in);
    }
    assertEquals(20.0, Double.parseDouble(properties.getProperty("delay_ms")));
    assertEquals(5.0, Double.parseDouble(properties.getProperty("jitter_ms")));
    assertEquals(0.25, Double.parseDouble(properties.getProperty("loss")));
    assertEquals(0.0, Double.parseDouble(properties.getProperty("dup")));
    assertEquals(0.0, Double.parseDouble(properties.getProperty("reorder")));
    assertEquals(0.0, Double.parseDouble(properties.getProperty("rate_mbit")));
    assertEquals(42L, Long.parseLong(properties.getProperty("seed")));
    if (CommandRunner.find("nft").isPresent()) {
      assertEquals("nft", mechanisms.get("loss"));
      String rules = LabFixture.system("ip", "netns", "exec", lab.namespace("router"), "nft", "list", "ruleset").stdout();
      assertTrue(rules.contains("iifname \"rs\" numgen random mod 10000 < 2500"), rules);
    }

    lab.ok("impair", "net-s", "--clear");
    assertFalse(Files.exists(file), "clear removes the properties file");
  }

  @Test
  void nftLossAlsoDropsTrafficToTheRouter() {
    assumePing();
    assumeTrue(CommandRunner.find("nft").isPresent(), "nft not found: install the Debian package nftables");
    lab.up();
    LabFixture.Run output = lab.lab("impair", "net-a", "--loss", "1");
    assertEquals(0, output.exitCode(), output.err());
    assumeTrue(output.out().contains("(nft)"), "this kernel has netem; the nft rule is not used: " + output.out());

    // With loss 1 the rule drops every packet, so one echo request decides the check.
    assertEquals(1, lab.lab("exec", "client", "--", "ping", "-4", "-c1", "-W1", "198.18.1.1").exitCode(),
        "echo to the router's own address on net-a is dropped");
    assertEquals(1, lab.lab("exec", "router", "--", "ping", "-6", "-c1", "-W1", ipv6(lab.addresses("client", "net-a")))
        .exitCode(), "echo from the router to the client on net-a is dropped");

    lab.ok("impair", "net-a", "--clear");
    assertEquals(0, lab.lab("exec", "client", "--", "ping", "-4", "-c1", "-W1", "198.18.1.1").exitCode());
  }

  @Test
  void upTwiceIsIdempotent() {
    lab.up();
    String address = ipv4(lab.addresses("client", "net-a"));
    String second = lab.ok("up");
    assertTrue(second.contains("already up"), second);
    assertEquals(address, ipv4(lab.addresses("client", "net-a")), "a second up changes nothing");
  }

  @Test
  void downRemovesEverything() throws Exception {
    lab.up();
    lab.ok("down");
    List<String> namespaces = List.of(LabFixture.system("ip", "netns", "list").stdout().split("\n"));
    assertTrue(namespaces.stream().noneMatch(n -> n.startsWith(lab.prefix)), namespaces.toString());
    for (String role : Topology.ROLES) {
      assertFalse(Files.exists(Path.of("/etc/netns", lab.namespace(role))), "/etc/netns dir of " + role);
    }
    assertFalse(Files.exists(Path.of("/run/eccp-lab", lab.prefix.substring(0, lab.prefix.length() - 1))));
    assertTrue(lab.ok("down").contains("nothing to remove"));
  }

  @Test
  void downNamesProcessesLeftInLab() throws Exception {
    lab.up();
    Process sleeper = new ProcessBuilder("ip", "netns", "exec", lab.namespace("server"), "sleep", "60")
        .redirectErrorStream(true).start();
    try {
      String pid = "";
      for (int i = 0; i < 100 && pid.isEmpty(); i++) {
        pid = LabFixture.system("ip", "netns", "pids", lab.namespace("server")).stdout().strip();
        Thread.sleep(50);
      }
      assertFalse(pid.isEmpty(), "sleep did not start in the server namespace");
      String out = lab.ok("down");
      assertTrue(out.contains("processes " + pid + " still run in it"), out);
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
  }

  @Test
  void foreignPrefixedNamespaceSurvives() throws Exception {
    String mine = lab.prefix + "mine";
    Path mineEtc = Path.of("/etc/netns", mine);
    assertTrue(LabFixture.system("ip", "netns", "add", mine).ok());
    try {
      Files.createDirectories(mineEtc);
      String up = lab.ok("up");
      assertFalse(up.contains(mine), up);
      String down = lab.ok("down");
      assertFalse(down.contains(mine), down);
      assertTrue(LabFixture.system("ip", "netns", "list").stdout().contains(mine), "namespace " + mine + " kept");
      assertTrue(Files.isDirectory(mineEtc), mineEtc + " kept");
    } finally {
      LabFixture.system("ip", "netns", "del", mine);
      Files.deleteIfExists(mineEtc);
    }
  }

  @Test
  void foreignHostNamespaceBlocksUp() throws Exception {
    String client = lab.namespace("client");
    assertTrue(LabFixture.system("ip", "netns", "add", client).ok());
    try {
      LabFixture.Run up = lab.lab("up");
      assertEquals(1, up.exitCode(), up.out());
      assertTrue(up.err().contains("did not make namespace " + client), up.err());
      assertTrue(LabFixture.system("ip", "netns", "list").stdout().contains(client), "namespace kept by up");
      assertFalse(LabFixture.system("ip", "netns", "list").stdout().contains(lab.namespace("router")),
          "up made nothing");

      String down = lab.ok("down");
      assertTrue(down.contains("left alone"), down);
      assertTrue(down.contains(client), down);
      assertTrue(LabFixture.system("ip", "netns", "list").stdout().contains(client), "namespace kept by down");
    } finally {
      LabFixture.system("ip", "netns", "del", client);
    }
  }

  @Test
  void upRebuildsLabWithBrokenState() throws Exception {
    lab.up();
    Path state = Path.of("/run/eccp-lab", lab.prefix.substring(0, lab.prefix.length() - 1), "state.json");
    Files.writeString(state, "{\"prefix\": ");

    String output = lab.ok("up");

    assertTrue(output.contains("removed a partial lab"), output);
    assertFalse(lab.addresses("client", "net-a").isEmpty());
  }

  @Test
  void downLeavesOtherLabsAlone() throws Exception {
    String other = lab.prefix + "x-client";
    assertTrue(LabFixture.system("ip", "netns", "add", other).ok());
    try {
      lab.up();
      lab.ok("down");
      assertTrue(LabFixture.system("ip", "netns", "list").stdout().contains(other));
    } finally {
      LabFixture.system("ip", "netns", "del", other);
    }
  }

  @Test
  void nothingRoutedOutsideLab() throws Exception {
    lab.up();
    // TEST-NET-1 and the IPv6 documentation prefix: only the route lookup runs, nothing is sent.
    for (String role : Topology.ROLES) {
      assertFalse(LabFixture.system("ip", "-n", lab.namespace(role), "route", "get", "192.0.2.1").ok(), role);
      assertFalse(LabFixture.system("ip", "-n", lab.namespace(role), "-6", "route", "get", "2001:db8::1").ok(), role);
    }
    assertEquals(2, lab.lab("exec", "client", "--", "ip", "route", "get", "192.0.2.1").exitCode(),
        "exec passes the exit status through");
  }

  @Test
  void unknownNamesExitTwo() {
    lab.up();
    LabFixture.Run run = lab.lab("move", "client", "net-z");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("net-z"), run.err());
    assertTrue(run.err().contains("net-a, net-b"), run.err());

    run = lab.lab("move", "client", "net-s");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("client can use net-a, net-b, net-c"), run.err());

    run = lab.lab("move", "laptop", "net-a");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("laptop"), run.err());

    assertEquals(2, lab.lab("exec", "phone", "--", "true").exitCode());
  }

  private static String ipv4(List<String> addresses) {
    return addresses.stream().filter(a -> !a.contains(":")).map(a -> a.substring(0, a.indexOf('/')))
        .findFirst().orElseThrow(() -> new AssertionError("no IPv4 address in " + addresses));
  }

  private static String ipv6(List<String> addresses) {
    return addresses.stream().filter(a -> a.contains(":")).map(a -> a.substring(0, a.indexOf('/')))
        .findFirst().orElseThrow(() -> new AssertionError("no IPv6 address in " + addresses));
  }

  private static boolean inLabRange(String ipv4) {
    return ipv4.startsWith("198.18.") || ipv4.startsWith("198.19.");
  }

  private Path hostsFile(String role) {
    return Path.of("/etc/netns", lab.namespace(role), "hosts");
  }

  private static void assumePing() {
    assumeTrue(CommandRunner.find("ping").isPresent(), "ping not found: install the Debian package iputils-ping");
  }
}
