package org.eccp.tools;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that every {@code eccp bench} subcommand takes, as a picocli mixin. A command
 * sets its own default number of runs by creating the mixin with it.
 */
final class BenchOptions {
  @Option(names = "--runs", paramLabel = "N",
      description = "Rounds; each measures every subject once (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--json", description = "Print one JSON object with the results, nothing else "
      + "on standard output.")
  boolean json;

  @Option(names = "--prefix", paramLabel = "P", defaultValue = "eccp-bench-",
      description = "The lab's namespace prefix (default: ${DEFAULT-VALUE}).")
  String prefix;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Directory for the programs' logs and any plot (default: a new directory "
          + "/tmp/eccp-bench-*).")
  Path out;

  BenchOptions() {
    this(5);
  }

  BenchOptions(int defaultRuns) {
    this.runs = defaultRuns;
  }

  /**
   * Returns a message naming the bad value and the fix, or null when all are valid.
   *
   * @param seconds the command's length of one test, or 1 when it has none
   */
  String validate(int seconds) {
    return BenchCommand.validate(runs, seconds, prefix);
  }
}
