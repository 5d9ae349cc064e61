package org.eccp.tools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.eccp.sim.ExploreConfig;
import org.eccp.sim.ExploreResult;
import org.eccp.sim.Explorer;
import org.eccp.sim.RandomRun;
import org.eccp.sim.RunConfig;
import org.eccp.sim.RunResult;
import org.eccp.sim.ScenarioResult;
import org.eccp.sim.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** Runs the real engine in the deterministic network simulator. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Run the real engine in a deterministic network simulator: seeded random runs or a named scenario.")
final class SimulateCommand implements Callable<Integer> {

  /** The maximum number of seeded runs in one command: about 6 hours at about 2 ms a run. */
  static final long MAX_SEEDS = 10_000_000;
  /** How often a long series of runs reports its progress on standard error. */
  private static final long PROGRESS_NANOS = 5_000_000_000L;
  private static final String[] RANDOM_ONLY = {"--seeds", "--seed", "--loss", "--dup", "--reorder"};
  private static final String[] EXHAUSTIVE_ONLY =
      {"--server-updates", "--losses", "--dups", "--reorders", "--max-states"};

  @Spec CommandSpec spec;

  @Option(names = "--seeds", description = "Number of seeded runs, 1 to 10,000,000"
      + " (default ${DEFAULT-VALUE}).")
  long seeds = 100;

  @Option(names = "--seed", description = "First seed; runs use seed, seed+1, ... (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--loss", description = "Chance of losing a packet while the network misbehaves, 0 to below 1 (default ${DEFAULT-VALUE}).")
  double loss = 0.2;

  @Option(names = "--dup", description = "Chance of duplicating a packet, 0 to 1 (default ${DEFAULT-VALUE}).")
  double dup = 0.1;

  @Option(names = "--reorder", description = "Chance of holding a packet back so later ones overtake it, 0 to 1 (default ${DEFAULT-VALUE}).")
  double reorder = 0.3;

  @Option(names = "--migrations", description = "Most address changes per run (default 10; with --exhaustive, client moves, default 1).")
  Integer migrations;

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

  @Option(names = "--exhaustive", description = "Explore every interleaving of the real engine "
      + "within the bounds below, instead of seeded runs.")
  boolean exhaustive;

  @Option(names = "--server-updates", description = "With --exhaustive: server IList updates "
      + "(default ${DEFAULT-VALUE}).")
  int serverUpdates = 1;

  @Option(names = "--losses", description = "With --exhaustive: packets that may be lost "
      + "(default ${DEFAULT-VALUE}).")
  int losses = 1;

  @Option(names = "--dups", description = "With --exhaustive: packets that may be duplicated "
      + "(default ${DEFAULT-VALUE}).")
  int dups = 1;

  @Option(names = "--reorders", description = "With --exhaustive: packets that may overtake an "
      + "earlier one (default ${DEFAULT-VALUE}).")
  int reorders = 1;

  @Option(names = "--max-states", description = "With --exhaustive: stop after this many states;"
      + " a stopped exploration is incomplete and exits 1 (default ${DEFAULT-VALUE}).")
  int maxStates = 2_000_000;

  @Override
  public Integer call() {
    // The engine logs each connection at INFO; a run of thousands of seeds only needs warnings.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    PrintStream out = System.out;
    String misplaced = misplacedOption();
    if (misplaced != null) {
      System.err.println("eccp simulate: " + misplaced);
      return 2;
    }
    if (list) {
      return listScenarios(out);
    }
    if (scenario != null) {
      return runScenario(out);
    }
    if (exhaustive) {
      return runExhaustive(out);
    }
    String problem = checkRandomArguments();
    if (problem != null) {
      System.err.println("eccp simulate: " + problem);
      return 2;
    }
    return runSeeds(out);
  }

  /** Returns why an option given does not apply to the chosen mode, or null when all apply. */
  private String misplacedOption() {
    String mode = null;
    if (list) {
      mode = "--list";
    } else if (scenario != null) {
      mode = "--scenario";
    } else if (exhaustive) {
      mode = "--exhaustive";
    }
    List<String> foreign = new ArrayList<>();
    if (mode != null) {
      foreign.addAll(List.of(RANDOM_ONLY));
    }
    if (!exhaustive || list || scenario != null) {
      foreign.addAll(List.of(EXHAUSTIVE_ONLY));
    }
    if (list || scenario != null) {
      foreign.addAll(List.of("--migrations", "--flows", "--exhaustive", "--scenario"));
    }
    if (list || exhaustive && scenario == null) {
      foreign.add("--trace");
    }
    foreign.remove(mode);
    ParseResult given = spec.commandLine().getParseResult();
    for (String option : foreign) {
      if (given.hasMatchedOption(option)) {
        String where = mode == null ? "seeded random runs (it needs --exhaustive)"
            : mode.equals("--exhaustive") ? "--exhaustive" : mode;
        return option + " does not apply to " + where + "; leave it out";
      }
    }
    return null;
  }

  private String checkRandomArguments() {
    if (seeds < 1 || seeds > MAX_SEEDS) {
      return "--seeds " + seeds + " is invalid: give 1 to " + MAX_SEEDS + " runs";
    }
    if (seed > Long.MAX_VALUE - (seeds - 1)) {
      return "--seed " + seed + " with --seeds " + seeds + " runs past the largest seed "
          + Long.MAX_VALUE + ": give a --seed of at most " + (Long.MAX_VALUE - (seeds - 1));
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
    if (migrations == null) {
      migrations = 10;
    }
    if (migrations < 0 || migrations > RunConfig.MAX_MIGRATIONS) {
      return "--migrations " + migrations + " is outside 0.." + RunConfig.MAX_MIGRATIONS;
    }
    if (flows < 1 || flows > RunConfig.MAX_FLOWS) {
      return "--flows " + flows + " is outside 1.." + RunConfig.MAX_FLOWS;
    }
    return null;
  }

  private int runExhaustive(PrintStream out) {
    ExploreConfig config;
    try {
      config = new ExploreConfig(flows, migrations == null ? 1 : migrations, serverUpdates, losses,
          dups, reorders, maxStates);
    } catch (IllegalArgumentException e) {
      System.err.println("eccp simulate --exhaustive: " + e.getMessage());
      return 2;
    }
    ExploreResult r = Explorer.run(config);
    String verdict = r.passed() && r.complete() ? "no property violated"
        : r.passed() ? "incomplete: stopped at " + r.states() + " states (--max-states); no"
            + " property violated in them, but the bounds were not explored"
        : "VIOLATION " + r.violation();
    if (json) {
      out.printf("{\"states\":%d,\"transitions\":%d,\"depth\":%d,\"goal_states\":%d,"
          + "\"complete\":%b,\"millis\":%d,\"violation\":%s,\"trace\":%s}%n", r.states(),
          r.transitions(), r.maxDepth(), r.goalStates(), r.complete(), r.millis(),
          r.violation() == null ? "null" : Json.string(r.violation().toString()),
          Json.strings(r.trace()));
    } else {
      out.printf("explored %d states, %d transitions, depth %d, in %.1f s; %d synchronised "
          + "states%s%n", r.states(), r.transitions(), r.maxDepth(), r.millis() / 1000.0,
          r.goalStates(), r.complete() ? "" : " (stopped at --max-states: not exhaustive)");
      out.println(verdict);
      r.trace().forEach(line -> out.println("  " + line));
    }
    return r.passed() && r.complete() ? 0 : 1;
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
    long connected = 0;
    long start = System.nanoTime();
    long lastReport = start;
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
      long now = System.nanoTime();
      if (now - lastReport >= PROGRESS_NANOS) {
        lastReport = now;
        System.err.println(progressLine(i + 1, seeds, passed + (r.passed() ? 1 : 0),
            (now - start) / 1e9));
      }
      if (r.passed()) {
        passed++;
        connected += r.outcomes().contains("connected") ? 1 : 0;
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
      out.printf("{\"runs\":%d,\"passed\":%d,\"failed\":%d,\"connected\":%d,"
          + "\"handshake_failed\":%d,\"seconds\":%.2f,\"outcomes\":{%s},\"failures\":[%s]}%n",
          seeds, passed, seeds - passed, connected, passed - connected, seconds, counts,
          failuresJson);
    } else {
      out.printf("%d of %d runs passed (%d connected, %d failed their handshake as allowed;"
          + " seeds %d..%d) in %.1f s%n", passed, seeds, connected, passed - connected, seed,
          seed + seeds - 1, seconds);
      out.println("outcomes: " + outcomes);
    }
    return passed == seeds ? 0 : 1;
  }

  /** Returns the progress report of a long series of runs. */
  static String progressLine(long done, long total, long passed, double seconds) {
    return String.format(Locale.ROOT, "eccp simulate: %d of %d runs done, %d passed, %.0f s",
        done, total, passed, seconds);
  }

  private static void printFailure(PrintStream out, RunResult r) {
    out.println("FAILED seed " + r.config().seed() + ": " + r.violations().get(0));
    out.println("  replay: " + r.config().replayCommand());
    List<String> tail = r.trace();
    int from = Math.max(0, tail.size() - 12);
    tail.subList(from, tail.size()).forEach(line -> out.println("  | " + line));
  }
}
