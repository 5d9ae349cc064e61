package org.eccp.tools.lab;

import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code eccp lab link}: adds or removes one attachment of a host. */
@Command(name = "link", mixinStandardHelpOptions = true,
    description = "Attach a host to one more network (up) or detach it from one (down), leaving its others alone.")
final class LabLinkCommand extends LabSubcommand {

  @Parameters(index = "0", paramLabel = "HOST", description = "client or server.")
  String host;

  @Parameters(index = "1", paramLabel = "NET", description = "Network of the interface.")
  String network;

  @Parameters(index = "2", paramLabel = "up|down", description = "up attaches with a new address; down removes the address and takes the interface down.")
  String state;

  @Override
  int run(LabPrefix prefix) throws LabException {
    if (!state.equals("up") && !state.equals("down")) {
      throw usage("invalid link state '" + state + "': use up or down");
    }
    Lab.checkNames(host, network);
    Optional<LabState.Assignment> assignment = Lab.open(prefix).link(host, network, state.equals("up"));
    if (assignment.isPresent()) {
      out().println(host + " attached to " + network + ": " + assignment.get().ipv4() + " " + assignment.get().ipv6());
    } else {
      out().println(state.equals("up") ? host + " was already attached to " + network : host + " detached from " + network);
    }
    out().flush();
    return 0;
  }
}
