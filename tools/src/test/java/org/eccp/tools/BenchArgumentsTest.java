package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad arguments of eccp bench exit 2 and name the value, before any lab is built. */
class BenchArgumentsTest {
  private static void assertRefused(String expected, String... args) {
    String err = QuietRun.usageError(args);
    assertTrue(err.contains(expected), err);
  }

  @Test
  void bench_withoutSubcommandNamesTheSubcommands() {
    assertRefused("tunnel, stream, multipath", "bench");
  }

  @Test
  void benchTunnel_refusesRunsOutsideTheRange() {
    assertRefused("--runs 0", "bench", "tunnel", "--runs", "0");
    assertRefused("--runs 101", "bench", "tunnel", "--runs", "101");
    assertRefused("abc", "bench", "tunnel", "--runs", "abc");
  }

  @Test
  void benchTunnel_refusesSecondsOutsideTheRange() {
    assertRefused("--seconds 0", "bench", "tunnel", "--seconds", "0");
    assertRefused("--seconds 601", "bench", "tunnel", "--seconds", "601");
  }

  @Test
  void benchTunnel_refusesABadPrefix() {
    assertRefused("Bad_", "bench", "tunnel", "--prefix", "Bad_");
  }

  @Test
  void benchTunnel_refusesAnUnknownOption() {
    assertRefused("--streams", "bench", "tunnel", "--streams", "8");
  }

  @Test
  void benchStream_refusesBadValues() {
    assertRefused("--mib 0", "bench", "stream", "--mib", "0");
    assertRefused("--runs -1", "bench", "stream", "--runs", "-1");
    assertRefused("x", "bench", "stream", "--prefix", "x");
  }

  @Test
  void benchMultipath_refusesBadValues() {
    assertRefused("--rate 0.0", "bench", "multipath", "--rate", "0");
    assertRefused("--rate 20000.0", "bench", "multipath", "--rate", "20000");
    assertRefused("--seconds 0", "bench", "multipath", "--seconds", "0");
    assertRefused("--runs 0", "bench", "multipath", "--runs", "0");
    assertRefused("--prefix 'x'", "bench", "multipath", "--prefix", "x");
  }

  @Test
  void benchOptions_defaultRunsDifferPerCommand() {
    assertEquals(5, new BenchTunnelCommand().options.runs);
    assertEquals(5, new BenchStreamCommand().options.runs);
    assertEquals(3, new BenchMultipathCommand().options.runs);
  }

  @Test
  void benchHandover_refusesBadValues() {
    assertRefused("--moves 0", "bench", "handover", "--moves", "0");
    assertRefused("--moves 51", "bench", "handover", "--moves", "51");
    assertRefused("--interval 0.5", "bench", "handover", "--interval", "0.5");
    assertRefused("--interval NaN", "bench", "handover", "--interval", "NaN");
    assertRefused("--alone -1", "bench", "handover", "--alone", "-1");
    assertRefused("Bad_", "bench", "handover", "--prefix", "Bad_");
  }

  @Test
  void benchHandover_acceptsTheDefaults() {
    assertEquals(null, BenchHandoverCommand.validate(4, 3, 30, "eccp-handover-"));
    assertEquals(null, BenchHandoverCommand.validate(1, 1, 0, "eccpt-ab12-"));
  }

  @Test
  void validate_acceptsTheDefaults() {
    assertEquals(null, BenchCommand.validate(5, 5, "eccp-bench-"));
    assertEquals(null, BenchCommand.validate(1, 1, "eccpt-ab12-"));
  }
}
