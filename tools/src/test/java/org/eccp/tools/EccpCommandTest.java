package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EccpCommandTest {

  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome run(String... args) {
    CommandLine cli = EccpCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new Outcome(exitCode, out.toString(), err.toString());
  }

  @Test
  void noSubcommand_isUsageError() {
    Outcome outcome = run();
    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("missing subcommand"), outcome.err());
  }

  @Test
  void help_listsEverySubcommandWithPurpose() {
    Outcome outcome = run("--help");
    assertEquals(0, outcome.exitCode());
    for (String name : EccpCommand.newCommandLine().getSubcommands().keySet()) {
      assertTrue(outcome.out().contains("  " + name + " "), name + " missing from:\n" + outcome.out());
    }
  }

  @Test
  void everySubcommand_hasHelp() {
    for (String name : EccpCommand.newCommandLine().getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      Outcome outcome = run(name, "--help");
      assertEquals(0, outcome.exitCode(), name + " --help");
      assertTrue(outcome.out().startsWith("Usage: eccp " + name), name + ":\n" + outcome.out());
    }
  }

  @Test
  void unknownOption_isUsageErrorNamingIt() {
    Outcome outcome = run("--no-such-option");
    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("--no-such-option"), outcome.err());
  }
}
