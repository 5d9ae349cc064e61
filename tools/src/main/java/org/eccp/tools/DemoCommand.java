package org.eccp.tools;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The README's first command. The roaming tunnel it drives is not built yet, so it explains and fails. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the roaming-tunnel demo in a network-namespace lab (not available yet).")
final class DemoCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.out.println("""
        The demo will build a namespace lab (client, router, server), start an eccp tunnel end in
        client and server, download a 256 MiB file with curl and run iperf3 through the tunnel, and
        move the client net-a -> net-b -> net-c, fail one interface and move the server while bytes
        flow. It then checks the SHA-256 of the download and reports the gap of every move.

        The tunnel is not built yet, so the demo cannot run. Try the protocol in the simulator:
          tools/eccp simulate --scenario crossing-migrations""");
    return 1;
  }
}
