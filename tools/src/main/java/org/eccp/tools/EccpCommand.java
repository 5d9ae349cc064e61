package org.eccp.tools;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.eccp.tools.lab.LabCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code eccp} command: one subcommand per tool. */
@Command(
    name = "eccp",
    mixinStandardHelpOptions = true,
    version = "eccp 0.1.0",
    description = "ECCP: connection control for mobile, multi-homed hosts.",
    subcommands = {
      CommandLine.HelpCommand.class, DemoCommand.class, LabCommand.class, SimulateCommand.class,
      DissectCommand.class, ListenCommand.class, PingCommand.class, NcCommand.class,
      ForwardCommand.class, TunnelCommand.class, StatusCommand.class, BenchCommand.class
    })
public final class EccpCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs when no subcommand is given, which is a usage error. */
  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    cli.getErr().println("eccp: missing subcommand; run 'eccp help' or 'eccp COMMAND --help'.");
    cli.usage(cli.getErr());
    return 2;
  }

  public static void main(String[] args) {
    CommandLine cli = newCommandLine();
    // UTF-8 whatever the locale, because output such as dissect's uses arrows and ellipses.
    cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    int exitCode = cli.execute(args);
    cli.getOut().flush();
    System.exit(exitCode);
  }

  /** Builds the command line. Every subcommand exits 2 on bad usage, 1 on failure and 0 on success. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new EccpCommand());
    cli.getCommandSpec().exitCodeOnInvalidInput(2);
    return cli;
  }
}
