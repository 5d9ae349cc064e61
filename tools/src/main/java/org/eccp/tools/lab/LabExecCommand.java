package org.eccp.tools.lab;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code eccp lab exec}: runs a command inside a host's namespace. */
@Command(name = "exec", mixinStandardHelpOptions = true,
    description = "Run a command in a host's namespace (after --), passing stdio and the exit status through.")
final class LabExecCommand extends LabSubcommand {

  @Parameters(index = "0", paramLabel = "HOST", description = "client, server or router.")
  String host;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "The command and its arguments; put -- before it.")
  List<String> command;

  @Override
  int run(LabPrefix prefix) throws LabException {
    return Lab.open(prefix).exec(host, command);
  }
}
