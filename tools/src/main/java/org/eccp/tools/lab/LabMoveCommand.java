package org.eccp.tools.lab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code eccp lab move}: moves a host to another network with a new address. */
@Command(name = "move", mixinStandardHelpOptions = true,
    description = "Detach a host from every network and attach it to NET with a new address.")
final class LabMoveCommand extends LabSubcommand {

  @Parameters(index = "0", paramLabel = "HOST", description = "client or server.")
  String host;

  @Parameters(index = "1", paramLabel = "NET", description = "Network to join: net-a, net-b, net-c (client) or net-s, net-t (server).")
  String network;

  @Override
  int run(LabPrefix prefix) throws LabException {
    Lab.checkNames(host, network);
    LabState.Assignment assignment = Lab.open(prefix).move(host, network);
    out().println(host + " moved to " + network + ": " + assignment.ipv4() + " " + assignment.ipv6());
    out().flush();
    return 0;
  }
}
