package org.eccp.tools;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eccp.tools.bench.HandoverBench;
import org.eccp.tools.lab.LabPrefix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eccp bench handover}: the gap in a TCP transfer when a tunnel end moves. */
@Command(
    name = "handover",
    mixinStandardHelpOptions = true,
    description = "iperf3 through the eccp tunnel and through wireguard-go while the client, "
        + "then the server, moves every few seconds; gap and recovery of every move.",
    footer = "Exit status: 0 when every subject was measured, 1 when one failed (named on "
        + "stderr), 2 for invalid arguments.")
final class BenchHandoverCommand implements Callable<Integer> {
  /** Command, Debian package. */
  static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("ip", "iproute2");
    COMMANDS.put("tc", "iproute2");
    COMMANDS.put("ping", "iputils-ping");
    COMMANDS.put("iperf3", "iperf3");
    COMMANDS.put("wireguard-go", "wireguard-go");
    COMMANDS.put("wg", "wireguard-tools");
  }

  @Option(names = "--moves", paramLabel = "N", defaultValue = "4",
      description = "Moves of each end per subject (default: ${DEFAULT-VALUE}).")
  int moves;

  @Option(names = "--interval", paramLabel = "S", defaultValue = "3",
      description = "Seconds before the first move and between moves (default: "
          + "${DEFAULT-VALUE}).")
  double interval;

  @Option(names = "--alone", paramLabel = "S", defaultValue = "30",
      description = "Seconds to leave one move of each end alone, for a tunnel that needs "
          + "help to follow it, before helping; 0 skips it (default: ${DEFAULT-VALUE}).")
  double alone;

  @Option(names = "--quick", description = "One move of each end, 1.5 s apart, 1.5 s alone, "
      + "without eccp over UDP: a check that everything runs, not a measurement.")
  boolean quick;

  @Option(names = "--json", description = "Print one JSON object with the results, nothing else "
      + "on standard output.")
  boolean json;

  @Option(names = "--plot", paramLabel = "FILE",
      description = "Where to write the throughput plot (SVG). Default: handover.svg in the "
          + "log directory.")
  Path plot;

  @Option(names = "--prefix", paramLabel = "P", defaultValue = "eccp-handover-",
      description = "The lab's namespace prefix (default: ${DEFAULT-VALUE}).")
  String prefix;

  @Override
  public Integer call() throws Exception {
    String bad = validate(moves, interval, alone, prefix);
    if (bad != null) {
      System.err.println("eccp bench handover: " + bad);
      return 2;
    }
    HandoverBench.Plan plan = quick ? new HandoverBench.Plan(1, 1500, 1500, false)
        : new HandoverBench.Plan(moves, Math.round(interval * 1000), Math.round(alone * 1000),
            true);
    BenchOptions options = new BenchOptions(1);
    options.prefix = prefix;
    options.json = json;
    return BenchCommand.runInLab("handover", options, COMMANDS, lab -> new HandoverBench(
        lab, plan, plot != null ? plot.toAbsolutePath() : lab.dir().resolve("handover.svg"),
        System.err).run());
  }

  /** Returns a message naming the bad value and the fix, or null when all are valid. */
  static String validate(int moves, double interval, double alone, String prefix) {
    if (moves < 1 || moves > 50) {
      return "invalid --moves " + moves + ": use 1..50";
    }
    if (!(interval >= 1 && interval <= 60)) {
      return "invalid --interval " + interval + ": use 1..60 seconds";
    }
    if (!(alone >= 0 && alone <= 120)) {
      return "invalid --alone " + alone + ": use 0..120 seconds";
    }
    if (!LabPrefix.isValid(prefix)) {
      return "invalid --prefix '" + prefix + "': " + LabPrefix.RULE;
    }
    return null;
  }
}
