package org.eccp.tools.lab;

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
    boolean up = state.equals("up");
    Lab.LinkResult result = Lab.open(prefix).link(host, network, up);
    if (result.assignment().isPresent()) {
      LabState.Assignment assignment = result.assignment().get();
      out().println(host + " attached to " + network + ": " + assignment.ipv4() + " " + assignment.ipv6());
    } else if (up) {
      out().println(host + " was already attached to " + network + "; left as is");
    } else if (result.wasAttached()) {
      out().println(host + " detached from " + network);
    } else {
      out().println(host + " was not attached to " + network + "; nothing to detach");
    }
    out().flush();
    return 0;
  }
}
