package org.eccp.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eccp.engine.SeededEntropy;

/** The named scenarios of {@code eccp simulate --scenario}, each a short scripted run. */
public final class Scenarios {
  /** The seed of every scenario run; the scenarios do not depend on it for their outcome. */
  public static final long SEED = 42;

  /** A scenario's name and a one-line description. */
  public record Info(String name, String description) {}

  private record Entry(String description, EngineFactory engines,
      Function<ScenarioKit, ScenarioResult> body) {}

  private static final Map<String, Entry> ALL = new LinkedHashMap<>();

  static {
    EngineFactory real = EngineFactory.DEFAULT;
    add("basic", "open a connection, answer an echo, close", real, BasicScenarios::basic);
    add("add-flow", "add a second flow on other interfaces to an open connection", real,
        BasicScenarios::addFlow);
    add("stale-rsyn", "client moves A1 -> A2 -> A3; the RSYN for A2 arrives last and loses", real,
        MigrationScenarios::staleRsyn);
    add("implicit-ack-trap", "a delayed old acknowledgement must not complete a newer migration "
        + "(Figure 5)", real, MigrationScenarios::implicitAckTrap);
    add("crossing-migrations", "both hosts migrate before either completes (RSYN_SENT_RCVD)", real,
        TwoMoverScenarios::crossingMigrations);
    add("simultaneous-move", "both hosts move at once with no middlebox: clean failure", real,
        k -> TwoMoverScenarios.simultaneousMove(k, false));
    add("simultaneous-move-middlebox", "both hosts move at once; a redirection middlebox saves "
        + "the connection", real, k -> TwoMoverScenarios.simultaneousMove(k, true));
    add("ilist-update", "a new interface address replaces the IList, the flow stays", real,
        MigrationScenarios::ilistUpdate);
    add("version-wraparound", "versions start below 2^32 and wrap to 0 across 20 updates",
        (host, seed) -> EngineFactory.withEntropy(
            new WrappingEntropy(new SeededEntropy(seed), 0xFFFFFFF8)),
        TwoMoverScenarios::versionWraparound);
    add("interface-failover", "the flow's interface fails; the flow moves to the other one", real,
        MigrationScenarios::interfaceFailover);
    add("wrong-nonce", "a forged RSYN with a wrong nonce is dropped", real,
        BasicScenarios::wrongNonce);
    add("unknown-flowid", "a packet for an unknown flowID changes nothing", real,
        BasicScenarios::unknownFlowId);
    add("lose-address", "the only address goes: NOADDRESS, recovery, then a clean failure", real,
        MigrationScenarios::loseAddress);
    add("return-to-old-address", "A1 -> A2 -> A1 ... each with a fresh version, nothing leaks",
        real, MigrationScenarios::returnToOldAddress);
    add("late-old-path-data", "data from the old address arriving late does not move the peer "
        + "back", real, MigrationScenarios::lateOldPathData);
  }

  private Scenarios() {}

  private static void add(String name, String description, EngineFactory engines,
      Function<ScenarioKit, ScenarioResult> body) {
    ALL.put(name, new Entry(description, engines, body));
  }

  public static List<Info> list() {
    List<Info> out = new ArrayList<>();
    ALL.forEach((name, e) -> out.add(new Info(name, e.description())));
    return out;
  }

  public static boolean exists(String name) {
    return ALL.containsKey(name);
  }

  /** Runs the named scenario with the real engine. */
  public static ScenarioResult run(String name, boolean fullTrace) {
    Entry e = ALL.get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown scenario '" + name + "'");
    }
    return run(name, fullTrace, e.engines());
  }

  /** Runs the named scenario with engines from {@code engines} (a test's modified engine). */
  public static ScenarioResult run(String name, boolean fullTrace, EngineFactory engines) {
    Entry e = ALL.get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown scenario '" + name + "'");
    }
    return e.body().apply(new ScenarioKit(SEED, fullTrace, engines));
  }
}
