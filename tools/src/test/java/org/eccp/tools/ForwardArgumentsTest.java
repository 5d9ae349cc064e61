package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ForwardArgumentsTest {
  private static String invalid(String... args) {
    return QuietRun.usageError(args);
  }

  @Test
  void forward_blamesTheCountAlone() {
    String err = invalid("forward", "--listen", "4000", "--to-tcp", "6000", "--count", "-2");
    assertTrue(err.contains("--count -2"), err);
    assertFalse(err.contains("--timeout"), err);
    assertTrue(invalid("forward", "--listen", "4000", "--to-tcp", "6000", "--count", "0")
        .contains("--count 0"));
  }

  @Test
  void forward_blamesTheTimeoutAlone() {
    String err = invalid("forward", "--listen", "4000", "--to-tcp", "6000", "--timeout", "-1");
    assertTrue(err.contains("--timeout -1"), err);
    assertFalse(err.contains("--count"), err);
  }

  @Test
  void forward_wantsBracketsAroundIpv6Peer() {
    String err = invalid("forward", "--from-tcp", "5555", "--to", "fd00::1:4000");
    assertTrue(err.contains("fd00::1:4000"), err);
    assertTrue(err.contains("in brackets"), err);
    assertTrue(invalid("forward", "--from-tcp", "5555", "--to", "[fd00::1]4000")
        .contains("in brackets"));
    assertTrue(invalid("forward", "--from-tcp", "5555", "--to", "[fd00::1]:0")
        .contains("PORT 1..65535"));
  }
}
