package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PingArgumentsTest {
  private static String invalid(String... args) {
    return QuietRun.usageError(args);
  }

  @Test
  void ping_refusesCountZero() {
    String err = invalid("ping", "198.18.1.1", "--count", "0");
    assertTrue(err.contains("--count 0") && err.contains("leave it out"), err);
    assertFalse(invalid("ping", "198.18.1.1", "--count", "-1").isEmpty());
  }
}
