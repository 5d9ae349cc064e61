package org.eccp.tools;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.eccp.sim.RandomRun;
import org.eccp.sim.RunConfig;
import org.eccp.sim.RunResult;
import org.eccp.sim.ScenarioResult;
import org.eccp.sim.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the real engine in the deterministic network simulator. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Run the real engine in a deterministic network simulator: seeded random runs or a named scenario.")
final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--seeds", description = "Number of seeded runs (default ${DEFAULT-VALUE}).")
  long seeds = 100;

  @Option(names = "--seed", description = "First seed; runs use seed, seed+1, ... (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--loss", description = "Chance of losing a packet while the network misbehaves, 0 to 1 (default ${DEFAULT-VALUE}).")
  double loss = 0.2;

  @Option(names = "--dup", description = "Chance of duplicating a packet, 0 to 1 (default ${DEFAULT-VALUE}).")
  double dup = 0.1;

  @Option(names = "--reorder", description = "Chance of holding a packet back so later ones overtake it, 0 to 1 (default ${DEFAULT-VALUE}).")
  double reorder = 0.3;

  @Option(names = "--migrations", description = "Most address changes per run (default ${DEFAULT-VALUE}).")
  int migrations = 10;

  @Option(names = "--flows", description = "Flows per connection, 1 to " + RunConfig.MAX_FLOWS + " (default ${DEFAULT-VALUE}).")
  int flows = 1;

  @Option(names = "--trace", description = "Print the full event trace of each run.")
  boolean trace;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = "--scenario", paramLabel = "NAME", description = "Run one named scenario (see --list).")
  String scenario;

  @Option(names = "--list", description = "List the named scenarios.")
  boolean list;

  @Override
  public Integer call() {
    // The engine logs each connection at INFO; a run of thousands of seeds only needs warnings.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    PrintStream out = System.out;
    if (list) {
      return listScenarios(out);
    }
    if (scenario != null) {
      return runScenario(out);
    }
    String problem = checkRandomArguments();
    if (problem != null) {
      System.err.println("eccp simulate: " + problem);
      return 2;
    }
    return runSeeds(out);
  }

  private String checkRandomArguments() {
    if (seeds < 1) {
      return "--seeds " + seeds + " is invalid: give 1 or more runs";
    }
    for (Object[] p : new Object[][] {{"--loss", loss}, {"--dup", dup}, {"--reorder", reorder}}) {
      double v = (Double) p[1];
      if (!(v >= 0 && v <= 1)) {
        return p[0] + " " + v + " is outside [0, 1]: give a probability such as 0.2";
      }
    }
    if (loss == 1) {
      return "--loss 1 drops every packet, so no run can pass: give a value below 1";
    }
    if (migrations < 0 || migrations > RunConfig.MAX_MIGRATIONS) {
      return "--migrations " + migrations + " is outside 0.." + RunConfig.MAX_MIGRATIONS;
    }
    if (flows < 1 || flows > RunConfig.MAX_FLOWS) {
      return "--flows " + flows + " is outside 1.." + RunConfig.MAX_FLOWS;
    }
    return null;
  }

  private int listScenarios(PrintStream out) {
    if (json) {
      StringBuilder sb = new StringBuilder("[");
      for (Scenarios.Info info : Scenarios.list()) {
        sb.append(sb.length() > 1 ? "," : "").append("{\"name\":").append(Json.string(info.name()))
            .append(",\"description\":").append(Json.string(info.description())).append('}');
      }
      out.println(sb.append(']'));
      return 0;
    }
    for (Scenarios.Info info : Scenarios.list()) {
      out.printf("%-28s %s%n", info.name(), info.description());
    }
    return 0;
  }

  private int runScenario(PrintStream out) {
    if (!Scenarios.exists(scenario)) {
      System.err.println("eccp simulate: unknown scenario '" + scenario
          + "': run 'eccp simulate --list' for the names");
      return 2;
    }
    ScenarioResult r = Scenarios.run(scenario, trace);
    if (json) {
      out.println(Json.scenario(r));
    } else {
      printScenario(out, r);
    }
    return r.passed() ? 0 : 1;
  }

  private void printScenario(PrintStream out, ScenarioResult r) {
    out.println("scenario " + r.name() + ": " + (r.passed() ? "PASSED" : "FAILED"));
    out.println("expected: " + r.expected());
    out.println("what happened:");
    r.story().forEach(line -> out.println("  " + line));
    out.println("checks:");
    r.checks().forEach(line -> out.println("  " + line));
    r.violations().forEach(v -> out.println("violation: " + v));
    if (trace) {
      out.println("trace:");
      r.trace().forEach(line -> out.println("  " + line));
    }
  }

  private int runSeeds(PrintStream out) {
    RunConfig base = new RunConfig(seed, loss, dup, reorder, migrations, flows, trace);
    long passed = 0;
    long start = System.nanoTime();
    StringBuilder failuresJson = new StringBuilder();
    Map<String, Long> outcomes = new TreeMap<>();
    for (long i = 0; i < seeds; i++) {
      RunResult r = RandomRun.run(base.withSeed(seed + i, trace));
      for (String o : r.outcomes()) {
        String[] kv = o.split("=");
        outcomes.merge(kv[0], kv.length > 1 ? Long.parseLong(kv[1]) : 1L, Long::sum);
      }
      if (trace && !json) {
        out.println("trace of seed " + r.config().seed() + ":");
        r.trace().forEach(line -> out.println("  " + line));
        out.println("  " + r.summary());
      }
      if (r.passed()) {
        passed++;
        continue;
      }
      if (json) {
        failuresJson.append(failuresJson.length() > 0 ? "," : "").append(Json.failure(r));
      } else {
        printFailure(out, r);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (json) {
      StringBuilder counts = new StringBuilder();
      outcomes.forEach((k, v) -> counts.append(counts.length() > 0 ? "," : "")
          .append(Json.string(k)).append(':').append(v));
      out.printf("{\"runs\":%d,\"passed\":%d,\"failed\":%d,\"seconds\":%.2f,"
          + "\"outcomes\":{%s},\"failures\":[%s]}%n", seeds, passed, seeds - passed, seconds,
          counts, failuresJson);
    } else {
      out.printf("%d of %d runs passed (seeds %d..%d) in %.1f s%n", passed, seeds, seed,
          seed + seeds - 1, seconds);
      out.println("outcomes: " + outcomes);
    }
    return passed == seeds ? 0 : 1;
  }

  private static void printFailure(PrintStream out, RunResult r) {
    out.println("FAILED seed " + r.config().seed() + ": " + r.violations().get(0));
    out.println("  replay: " + r.config().replayCommand());
    List<String> tail = r.trace();
    int from = Math.max(0, tail.size() - 12);
    tail.subList(from, tail.size()).forEach(line -> out.println("  | " + line));
  }
}
