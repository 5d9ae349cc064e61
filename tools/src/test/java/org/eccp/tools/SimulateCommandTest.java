package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    assertTrue(o.out().contains("5 of 5 runs passed (seeds 100..104)"), o.out());
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
}
