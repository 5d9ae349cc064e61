package org.eccp.tools;

import org.eccp.tools.lab.LabCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code eccp} command: one subcommand per tool. */
@Command(
    name = "eccp",
    mixinStandardHelpOptions = true,
    version = "eccp 0.1.0",
    description = "ECCP: connection control for mobile, multi-homed hosts.",
    subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, LabCommand.class})
public final class EccpCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** Builds the command line. Every subcommand exits 2 on bad usage, 1 on failure and 0 on success. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new EccpCommand());
    cli.getCommandSpec().exitCodeOnInvalidInput(2);
    return cli;
  }
}
