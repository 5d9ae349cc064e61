package org.eccp.tools.lab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eccp lab}: builds and drives a network-namespace lab with a client, a router and a server. */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    description = "Build and drive a network-namespace lab (client, router, server); needs root.",
    subcommands = {
        LabUpCommand.class, LabStatusCommand.class, LabMoveCommand.class, LabLinkCommand.class,
        LabImpairCommand.class, LabMtuCommand.class, LabExecCommand.class, LabDownCommand.class})
public final class LabCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: exit 2 and name the subcommands. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand: use one of " + String.join(", ", spec.subcommands().keySet()));
  }
}
