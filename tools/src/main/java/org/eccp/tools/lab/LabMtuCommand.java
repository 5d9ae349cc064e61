package org.eccp.tools.lab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code eccp lab mtu}: shows or sets the MTU of one network. */
@Command(name = "mtu", mixinStandardHelpOptions = true,
    description = "Show the MTU of a network, or set it on both the host's and the router's end.",
    footer = {"", "With a smaller MTU the router answers larger packets that have DF set with ICMP "
        + "fragmentation needed (IPv6: packet too big), and the host cannot send them (EMSGSIZE). "
        + "The MTU stays across moves; 1500 restores the default. Below 1280 the kernel turns "
        + "IPv6 off on the network's interfaces."})
final class LabMtuCommand extends LabSubcommand {

  @Parameters(index = "0", paramLabel = "NET",
      description = "Network: net-a, net-b, net-c, net-s or net-t.")
  String network;

  @Parameters(index = "1", arity = "0..1", paramLabel = "BYTES",
      description = "The new MTU in bytes, from " + Lab.MIN_MTU + " to " + Lab.MAX_MTU
          + "; leave it out to show the current one.")
  Integer mtu;

  @Override
  int run(LabPrefix prefix) throws LabException {
    Lab.checkNetwork(network);
    if (mtu != null && (mtu < Lab.MIN_MTU || mtu > Lab.MAX_MTU)) {
      throw usage("invalid MTU " + mtu + ": use a number of bytes from " + Lab.MIN_MTU + " to "
          + Lab.MAX_MTU + " (1500 is Ethernet's)");
    }
    Lab lab = Lab.open(prefix);
    if (mtu != null) {
      lab.setMtu(network, mtu);
    }
    int[] ends = lab.mtu(network);
    out().println(network + ": MTU " + ends[0] + " (router end), " + ends[1] + " (host end)");
    out().flush();
    return 0;
  }
}
