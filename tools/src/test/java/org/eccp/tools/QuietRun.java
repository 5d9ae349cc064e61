package org.eccp.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs an {@code eccp} command line with standard error discarded; for argument tests. */
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
}
