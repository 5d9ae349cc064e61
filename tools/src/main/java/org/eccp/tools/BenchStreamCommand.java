package org.eccp.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eccp.tools.bench.StreamBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eccp bench stream}: tcp-lite ({@code eccp nc}) against kernel TCP on a lab path. */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = "One-way transfers with eccp nc (tcp-lite) and socat (kernel TCP) from the "
        + "client to the server of a lab of its own, in turn.",
    footer = "Exit status: 0 when every subject was measured, 1 when one failed (named on "
        + "stderr), 2 for invalid arguments.")
final class BenchStreamCommand implements Callable<Integer> {
  /** Command, Debian package. */
  static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("ip", "iproute2");
    COMMANDS.put("tc", "iproute2");
    COMMANDS.put("iperf3", "iperf3");
    COMMANDS.put("socat", "socat");
  }

  @Mixin BenchOptions options = new BenchOptions(5);

  @Option(names = "--mib", paramLabel = "M", defaultValue = "128",
      description = "MiB sent by each transfer (default: ${DEFAULT-VALUE}).")
  int mib;

  @Override
  public Integer call() throws Exception {
    String bad = options.validate(1);
    if (bad == null && (mib < 1 || mib > 16384)) {
      bad = "invalid --mib " + mib + ": use 1..16384";
    }
    if (bad != null) {
      System.err.println("eccp bench stream: " + bad);
      return 2;
    }
    return BenchCommand.runInLab("stream", options, COMMANDS,
        lab -> new StreamBench(lab, options.runs, (long) mib << 20, System.err).run());
  }
}
