package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PingArgumentsTest {
  private static String invalid(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = EccpCommand.newCommandLine().execute(args);
      String text = err.toString(StandardCharsets.UTF_8);
      assertEquals(2, code, text);
      return text;
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  void ping_refusesCountZero() {
    String err = invalid("ping", "198.18.1.1", "--count", "0");
    assertTrue(err.contains("--count 0") && err.contains("leave it out"), err);
    assertFalse(invalid("ping", "198.18.1.1", "--count", "-1").isEmpty());
  }
}
