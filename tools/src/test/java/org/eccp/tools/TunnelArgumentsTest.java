package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.eccp.tunnel.TunnelConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TunnelArgumentsTest {
  private record Run(int code, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new TunnelCommand()).execute(args);
      return new Run(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  private static TunnelConfig config(String... args) {
    TunnelCommand c = new TunnelCommand();
    new CommandLine(c).parseArgs(args);
    return c.config();
  }

  @Test
  void tunnel_refusesBothOrNeitherEnd() {
    Run neither = run();
    assertEquals(2, neither.code());
    assertTrue(neither.err().contains("--listen"), neither.err());
    assertEquals(2, run("--listen", "--peer", "198.19.1.10").code());
  }

  @Test
  void tunnel_namesABadPeerAddress() {
    Run r = run("--peer", "server.example");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("server.example"), r.err());
  }

  @Test
  void tunnel_rejectsIpv6OuterAddresses() {
    Run bind = run("--listen", "--bind", "fd00:0:19:1::10");
    Run peer = run("--peer", "fd00:0:19:1::10");

    assertEquals(2, bind.code());
    assertTrue(bind.err().contains("fd00:0:19:1::10"), bind.err());
    assertTrue(bind.err().contains("IPv4 only"), bind.err());
    assertEquals(2, peer.code());
    assertTrue(peer.err().contains("use an IPv4 address"), peer.err());
  }

  @Test
  void tunnel_namesABadInnerAddress() {
    Run r = run("--listen", "--inner", "198.19.255.1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("198.19.255.1"), r.err());
    assertEquals(2, run("--listen", "--inner", "198.19.255.1/40").code());
  }

  @Test
  void tunnel_namesABadPathMode() {
    Run r = run("--listen", "--paths", "fastest");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("failover or stripe"), r.err());
  }

  @Test
  void tunnel_namesAnUnknownPreferredInterface() {
    Run r = run("--listen", "--prefer", "lo,nosuch0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("'nosuch0'"), r.err());
    assertTrue(r.err().contains("lo"), "the message lists the interfaces there are: " + r.err());
  }

  @Test
  void tunnel_rejectsRepeatedOrEmptyPreference() {
    Set<String> known = Set.of("a0", "b0");
    IllegalArgumentException twice = assertThrows(
        IllegalArgumentException.class,
        () -> TunnelCommand.checkPrefer(List.of("b0", "b0"), known));
    assertTrue(twice.getMessage().contains("'b0'"), twice.getMessage());
    IllegalArgumentException empty = assertThrows(
        IllegalArgumentException.class,
        () -> TunnelCommand.checkPrefer(List.of("b0", ""), known));
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
  }

  @Test
  void tunnel_acceptsPreferredInterfaces() {
    TunnelConfig c = config("--peer", "198.19.1.10", "--prefer", "lo");
    assertEquals(List.of("lo"), c.prefer());
    assertTrue(config("--listen").prefer().isEmpty());
  }

  @Test
  void tunnel_serverDefaults() {
    TunnelConfig c = config("--listen");
    assertEquals(TunnelConfig.SERVER_INNER, c.inner());
    assertEquals(1460, c.innerMtu());
    assertNull(c.peer());
    assertFalse(c.stripe());
  }

  @Test
  void tunnel_udpLowersMtu() {
    TunnelConfig c = config("--peer", "198.19.1.10", "--udp", "7400", "--paths", "stripe");
    assertEquals(TunnelConfig.CLIENT_INNER, c.inner());
    assertEquals(1452, c.innerMtu());
    assertTrue(c.stripe());
    assertTrue(c.stack().encapsulation().udp());
  }

  @Test
  void tunnel_refusesUnusableInnerAddresses() {
    String[][] cases = {
        {"0.0.0.0/30", "unicast"}, {"224.0.0.1/30", "unicast"},
        {"198.19.255.3/30", "broadcast"}, {"198.19.255.0/30", "network"}};
    for (String[] c : cases) {
      Run r = run("--listen", "--inner", c[0]);
      assertEquals(2, r.code(), c[0]);
      assertTrue(r.err().contains(c[0]) && r.err().contains(c[1]), r.err());
    }
  }

  @Test
  void tunnel_refusesAPeerInsideTheInnerNetwork() {
    Run r = run("--peer", "198.19.255.1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("198.19.255.1") && r.err().contains("inner"), r.err());
  }

  @Test
  void tunnel_refusesALoopbackBind() {
    Run r = run("--listen", "--bind", "127.0.0.1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("127.0.0.1") && r.err().contains("loopback"), r.err());
  }

  @Test
  void tunnel_refusesAnInnerNetworkOfTheHost() {
    var nets = List.of(new InnerAddressCheck.HostNet("veth0",
        org.eccp.wire.IpAddress.parse("198.19.1.10"), 24));
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> InnerAddressCheck.check(
            org.eccp.wire.IpAddress.parse("198.19.1.10"), 24, null, List.of(), nets));
    assertTrue(e.getMessage().contains("198.19.1.10/24") && e.getMessage().contains("veth0"),
        e.getMessage());
    InnerAddressCheck.check(org.eccp.wire.IpAddress.parse("198.19.255.1"), 30, null,
        List.of(), nets);
  }
}
