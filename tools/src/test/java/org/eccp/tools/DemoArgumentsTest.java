package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoArgumentsTest {
  @TempDir
  Path tmp;

  private static String[] run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new DemoCommand()).execute(args);
      return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void demoProgress_printsWholeLinesAwayFromATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    var printer = DemoCommand.progressPrinter(err, false);
    for (int i = 0; i < 2 * DemoCommand.PROGRESS_EVERY; i++) {
      printer.accept("tick " + i);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(text.contains("\r"), text);
    assertEquals("tick 0\ntick " + DemoCommand.PROGRESS_EVERY + "\n", text.replace(System.lineSeparator(), "\n"));
  }

  @Test
  void demoProgress_rewritesTheLineOnATerminal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    DemoCommand.progressPrinter(err, true).accept("tick");
    assertEquals("\rtick", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void demoOut_rejectsAFile() throws Exception {
    Path file = Files.writeString(tmp.resolve("results"), "x");
    String[] r = run("--out", file.toString());
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains(file.toString()), r[1]);
    assertTrue(r[1].contains("not a directory"), r[1]);
    assertFalse(r[1].contains("Exception"), r[1]);
  }

  @Test
  void demoOut_rejectsUncreatablePath() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain"), "x");
    Path below = file.resolve("sub");
    String[] r = run("--out", below.toString());
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains(below.toString()), r[1]);
    assertTrue(r[1].contains("cannot create"), r[1]);
    assertFalse(r[1].contains("\tat "), r[1]);
  }

  @Test
  void demo_createsANewOutputDirectory() {
    Path dir = tmp.resolve("a/b");
    assertEquals(dir, DemoCommand.outputDirectory(dir));
    assertTrue(Files.isDirectory(dir));
  }
}
