package org.eccp.tools.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Invalid arguments exit 2 with a message naming the value; none of these needs root. */
class LabArgumentsTest {

  @Test
  void invalidPrefixExitsTwo() {
    LabFixture.Run run = LabFixture.eccp("lab", "up", "--prefix", "Bad_Prefix");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("'Bad_Prefix'"), run.err());
    assertTrue(run.err().contains("end with a dash"), run.err());
  }

  @Test
  void unknownTopologyExitsTwo() {
    LabFixture.Run run = LabFixture.eccp("lab", "up", "--topology", "ring", "--prefix", "eccpt-none-");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("'ring'"), run.err());
    assertTrue(run.err().contains("default, multihomed"), run.err());
  }

  @Test
  void impairRangesChecked() {
    LabFixture.Run run = LabFixture.eccp("lab", "impair", "net-a", "--loss", "1.5", "--delay", "-3");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--loss 1.5"), run.err());
    assertTrue(run.err().contains("--delay -3"), run.err());

    run = LabFixture.eccp("lab", "impair", "net-a");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--clear"), run.err());

    run = LabFixture.eccp("lab", "impair", "net-a", "--clear", "--rate", "5");
    assertEquals(2, run.exitCode());

    run = LabFixture.eccp("lab", "impair", "net-a", "--jitter", "5");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("needs a --delay"), run.err());
  }

  @Test
  void impairLimitsNamed() {
    LabFixture.Run run = LabFixture.eccp("lab", "impair", "net-a", "--delay", "99999999999", "--prefix", "eccpt-none-");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--delay 99999999999"), run.err());
    assertTrue(run.err().contains("from 0 to 60000"), run.err());

    run = LabFixture.eccp("lab", "impair", "net-a", "--delay", "10", "--jitter", "60001", "--rate", "1e6",
        "--prefix", "eccpt-none-");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--jitter 60001"), run.err());
    assertTrue(run.err().contains("--rate 1000000"), run.err());
    assertTrue(run.err().contains("from 0 to 100000"), run.err());
  }

  @Test
  void mtuRangeAndNetworkChecked() {
    LabFixture.Run low = LabFixture.eccp("lab", "mtu", "net-b", "500", "--prefix", "eccpt-none-");
    assertEquals(2, low.exitCode());
    assertTrue(low.err().contains("invalid MTU 500"), low.err());
    assertTrue(low.err().contains("576 to 65535"), low.err());

    LabFixture.Run net = LabFixture.eccp("lab", "mtu", "net-z", "1280", "--prefix", "eccpt-none-");
    assertEquals(2, net.exitCode());
    assertTrue(net.err().contains("'net-z'"), net.err());

    LabFixture.Run text = LabFixture.eccp("lab", "mtu", "net-b", "big", "--prefix", "eccpt-none-");
    assertEquals(2, text.exitCode());
    assertTrue(text.err().contains("big"), text.err());
  }

  @Test
  void labWithoutSubcommandExitsTwo() {
    LabFixture.Run run = LabFixture.eccp("lab");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("missing subcommand: use one of up, status, move, link, impair, mtu, exec, down"),
        run.err());
  }

  @Test
  void linkStateMustBeUpOrDown() {
    LabFixture.Run run = LabFixture.eccp("lab", "link", "client", "net-a", "sideways");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("'sideways'"), run.err());
  }

  @Test
  void unknownNetworkExitsTwoWithoutLab() {
    LabFixture.Run run = LabFixture.eccp("lab", "move", "client", "wifi", "--prefix", "eccpt-none-");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("'wifi'"), run.err());
    assertTrue(run.err().contains("net-a, net-b, net-c, net-s, net-t"), run.err());
  }

  @Test
  void everySubcommandHasHelp() {
    for (String sub : new String[] {"up", "status", "move", "link", "impair", "exec", "down"}) {
      LabFixture.Run run = LabFixture.eccp("lab", sub, "--help");
      assertEquals(0, run.exitCode(), sub);
      assertTrue(run.out().contains("Usage: eccp lab " + sub), run.out());
    }
  }
}
