package org.eccp.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eccp.tools.bench.TunnelBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eccp bench tunnel}: iperf3 through the eccp tunnel and through its peers. */
@Command(
    name = "tunnel",
    mixinStandardHelpOptions = true,
    description = "iperf3 through the eccp tunnel (IP and UDP), wireguard-go, socat, a bare TUN "
        + "forwarder and plain veth, in turn, in a lab of its own.",
    footer = "Exit status: 0 when every subject was measured, 1 when one failed (named on "
        + "stderr), 2 for invalid arguments.")
final class BenchTunnelCommand implements Callable<Integer> {
  /** Command, Debian package. */
  static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("ip", "iproute2");
    COMMANDS.put("tc", "iproute2");
    COMMANDS.put("ping", "iputils-ping");
    COMMANDS.put("iperf3", "iperf3");
    COMMANDS.put("socat", "socat");
    COMMANDS.put("wireguard-go", "wireguard-go");
    COMMANDS.put("wg", "wireguard-tools");
  }

  @Mixin BenchOptions options = new BenchOptions(5);

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "5",
      description = "Length of each iperf3 test (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Override
  public Integer call() throws Exception {
    String bad = options.validate(seconds);
    if (bad != null) {
      System.err.println("eccp bench tunnel: " + bad);
      return 2;
    }
    return BenchCommand.runInLab("tunnel", options, COMMANDS,
        lab -> new TunnelBench(lab, options.runs, seconds, System.err).run());
  }
}
