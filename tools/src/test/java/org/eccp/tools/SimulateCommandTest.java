package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eccp.tools.json.Json;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {

  private record Outcome(int exit, String out, String err) {}

  private static Outcome run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = EccpCommand.newCommandLine().execute(args);
      return new Outcome(exit, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void probabilityOutsideRangeExitsTwo() {
    Outcome o = run("simulate", "--loss", "1.5");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("--loss 1.5 is outside [0, 1]"), o.err());
  }

  @Test
  void zeroSeedsExitsTwo() {
    Outcome o = run("simulate", "--seeds", "0");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("--seeds 0"), o.err());
  }

  @Test
  void seedRangePastTheLargestLongExitsTwo() {
    Outcome o = run("simulate", "--seed", String.valueOf(Long.MAX_VALUE), "--seeds", "3");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("give a --seed of at most " + (Long.MAX_VALUE - 2)), o.err());
  }

  @Test
  void unknownScenarioExitsTwo() {
    Outcome o = run("simulate", "--scenario", "nope");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("--list"), o.err());
  }

  @Test
  void listNamesEveryScenario() {
    Outcome o = run("simulate", "--list");
    assertEquals(0, o.exit());
    for (String name : new String[] {"basic", "stale-rsyn", "implicit-ack-trap",
        "crossing-migrations", "simultaneous-move", "simultaneous-move-middlebox",
        "return-to-old-address", "late-old-path-data"}) {
      assertTrue(o.out().contains(name), name + " missing from:\n" + o.out());
    }
  }

  @Test
  void seedsReportPassCount() {
    Outcome o = run("simulate", "--seeds", "5", "--seed", "100");
    assertEquals(0, o.exit(), o.out());
    assertTrue(o.out().contains("5 of 5 runs passed (5 connected, 0 failed their handshake as"
        + " allowed; seeds 100..104)"), o.out());
  }

  @Test
  void heavyLossSaysHowManyRunsConnected() {
    Outcome o = run("simulate", "--seeds", "20", "--loss", "0.9", "--json");
    assertEquals(0, o.exit(), o.out());
    Map<?, ?> j = (Map<?, ?>) Json.parse(o.out());
    long connected = (Long) j.get("connected");
    assertEquals(20L, connected + (Long) j.get("handshake_failed"), o.out());
    assertTrue(connected < 20, "loss 0.9 should stop some handshakes: " + o.out());
    Outcome text = run("simulate", "--seeds", "20", "--loss", "0.9");
    assertTrue(text.out().contains("20 of 20 runs passed (" + connected + " connected, "
        + (20 - connected) + " failed their handshake as allowed;"), text.out());
  }

  @Test
  void optionOfAnotherModeExitsTwo() {
    String[][] cases = {
        {"--scenario basic --seeds 5 --loss 0.9", "--seeds does not apply to --scenario"},
        {"--seeds 3 --losses 4", "--losses does not apply to seeded random runs"},
        {"--exhaustive --loss 0.5", "--loss does not apply to --exhaustive"},
        {"--list --flows 2", "--flows does not apply to --list"},
        {"--scenario basic --exhaustive", "--exhaustive does not apply to --scenario"},
    };
    for (String[] c : cases) {
      String[] args = ("simulate " + c[0]).split(" ");
      Outcome o = run(args);
      assertEquals(2, o.exit(), c[0] + ": " + o.out() + o.err());
      assertTrue(o.err().contains(c[1]), c[0] + ": " + o.err());
      assertEquals("", o.out(), c[0]);
    }
  }

  @Test
  void tooManySeedsExitsTwo() {
    Outcome o = run("simulate", "--seeds", "99999999999");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("--seeds 99999999999 is invalid: give 1 to 10000000 runs"),
        o.err());
  }

  @Test
  void progressLineNamesTheCounts() {
    assertEquals("eccp simulate: 1500 of 10000000 runs done, 1499 passed, 5 s",
        SimulateCommand.progressLine(1500, 10_000_000, 1499, 5.02));
  }

  @Test
  void exhaustiveStoppedByTheBoundIsIncomplete() {
    Outcome o = run("simulate", "--exhaustive", "--max-states", "100");
    assertEquals(1, o.exit(), o.out());
    assertTrue(o.out().contains("incomplete: stopped at "), o.out());
    assertFalse(o.out().contains("no property violated\n"), o.out());
    Outcome json = run("simulate", "--exhaustive", "--max-states", "100", "--json");
    assertEquals(1, json.exit(), json.out());
    assertEquals(false, ((Map<?, ?>) Json.parse(json.out())).get("complete"), json.out());
  }

  @Test
  void seedsAsJson() {
    Outcome o = run("simulate", "--seeds", "2", "--json");
    assertEquals(0, o.exit(), o.out());
    assertTrue(o.out().startsWith("{\"runs\":2,\"passed\":2,\"failed\":0"), o.out());
  }

  @Test
  void scenarioExplainsWhatHappened() {
    Outcome o = run("simulate", "--scenario", "stale-rsyn");
    assertEquals(0, o.exit(), o.out());
    assertTrue(o.out().contains("scenario stale-rsyn: PASSED"), o.out());
    assertTrue(o.out().contains("client moves A1 -> A2"), o.out());
  }

  @Test
  void scenarioAsJson() {
    Outcome o = run("simulate", "--scenario", "basic", "--json");
    assertEquals(0, o.exit(), o.out());
    assertTrue(o.out().startsWith("{\"scenario\":\"basic\",\"passed\":true"), o.out());
  }

  @Test
  void exhaustiveRejectsThreeFlows() {
    Outcome o = run("simulate", "--exhaustive", "--flows", "3");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("--flows 3 is invalid: give 1 or 2"), o.err());
  }

  @Test
  void exhaustiveReportsStatesExplored() {
    Outcome o = run("simulate", "--exhaustive", "--migrations", "1", "--server-updates", "0",
        "--losses", "0", "--dups", "0", "--reorders", "0");
    assertEquals(0, o.exit(), o.out());
    assertTrue(o.out().contains("no property violated"), o.out());
    assertTrue(o.out().startsWith("explored "), o.out());
  }
}
