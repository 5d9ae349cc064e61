package org.eccp.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assertions;

/** Runs {@code eccp} command lines for argument tests, capturing or discarding standard error. */
final class QuietRun {
  private QuietRun() {}

  static int exitCode(String... args) {
    PrintStream saved = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return EccpCommand.newCommandLine().execute(args);
    } finally {
      System.setErr(saved);
    }
  }

  /** Runs the command line, asserts that it exits 2 (invalid usage) and returns its stderr. */
  static String usageError(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = EccpCommand.newCommandLine().execute(args);
      String text = err.toString(StandardCharsets.UTF_8);
      Assertions.assertEquals(2, code, text);
      return text;
    } finally {
      System.setErr(saved);
    }
  }
}
