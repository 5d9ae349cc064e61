package org.eccp.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eccp.tools.bench.MultipathBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eccp bench multipath}: aggregate throughput over two rate-limited paths. */
@Command(
    name = "multipath",
    mixinStandardHelpOptions = true,
    description = "Throughput over time of a client on two rate-limited networks: tcp-lite with "
        + "one and two flows and the tunnel in stripe mode, beside kernel TCP on each path "
        + "alone, in a lab of its own; writes an SVG plot.",
    footer = "Exit status: 0 when every subject was measured, 1 when one failed (named on "
        + "stderr), 2 for invalid arguments.")
final class BenchMultipathCommand implements Callable<Integer> {
  /** Command, Debian package. */
  static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("ip", "iproute2");
    COMMANDS.put("tc", "iproute2");
    COMMANDS.put("ping", "iputils-ping");
    COMMANDS.put("iperf3", "iperf3");
  }

  private static final int QUICK_SECONDS = 3;

  @Mixin BenchOptions options = new BenchOptions(3);

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
      description = "Length of each test (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--rate", paramLabel = "MBIT", defaultValue = "200",
      description = "Rate limit of each of the two networks, in Mbit/s (default: "
          + "${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--quick", description = "One round of " + QUICK_SECONDS + " s tests, in "
      + "place of --runs and --seconds: checks that everything runs, measures little.")
  boolean quick;

  @Override
  public Integer call() throws Exception {
    int runs = quick ? 1 : options.runs;
    int secs = quick ? QUICK_SECONDS : seconds;
    String bad = options.validate(secs);
    if (bad == null && !(rate >= 1 && rate <= 10_000)) {
      bad = "invalid --rate " + rate + ": use 1..10000 Mbit/s";
    }
    if (bad != null) {
      System.err.println("eccp bench multipath: " + bad);
      return 2;
    }
    return BenchCommand.runInLab("multipath", options, COMMANDS,
        lab -> new MultipathBench(lab, runs, secs, rate, System.err).run());
  }
}
