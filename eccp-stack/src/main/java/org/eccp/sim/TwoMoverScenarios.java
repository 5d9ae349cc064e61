package org.eccp.sim;

import static org.eccp.sim.ScenarioKit.MS;
import static org.eccp.sim.ScenarioKit.SECOND;

import org.eccp.engine.Counter;
import org.eccp.engine.FailureReason;
import org.eccp.engine.FlowState;
import org.eccp.wire.IpAddress;

/** Scenarios where both hosts change addresses, and the version wrap-around. */
final class TwoMoverScenarios {
  private TwoMoverScenarios() {}

  /**
   * Both hosts gain a new address 1 ms apart, so their IList RSYNs cross and each reaches the
   * other while the other waits for its own answer. The old addresses go 300 ms apart, so the
   * second move is not a simultaneous one.
   */
  static ScenarioResult crossingMigrations(ScenarioKit k) {
    k.connect();
    long t = k.sim.now();
    k.sim.at(t, "client moves A1 -> A2, keeping A1 for 300 ms",
        () -> overlapMove(k, k.client, k.a1, k.a2, 300 * MS));
    k.sim.at(t + MS, "server moves S1 -> S2, keeping S1 for 600 ms",
        () -> overlapMove(k, k.server, k.s1, k.s2, 600 * MS));
    k.runUntil(t + 5 * SECOND);
    boolean visited = k.client.visitedStates().contains(FlowState.RSYN_SENT_RCVD)
        || k.server.visitedStates().contains(FlowState.RSYN_SENT_RCVD)
        || ScenarioKit.entered(k.client, FlowState.RSYN_SENT_RCVD)
        || ScenarioKit.entered(k.server, FlowState.RSYN_SENT_RCVD);
    k.check("a flow went through RSYN_SENT_RCVD", visited);
    k.check("client sends to S2 " + k.s2, k.s2.equals(k.flow(k.client).remoteAddress()));
    k.check("server sends to A2 " + k.a2, k.a2.equals(k.flow(k.server).remoteAddress()));
    k.checkLive(5 * SECOND);
    return k.result("crossing-migrations", "both hosts migrate before either completes; the "
        + "exchanges resolve through RSYN_SENT_RCVD and each ends on the other's new address");
  }

  private static void overlapMove(ScenarioKit k, SimHost h, IpAddress old, IpAddress fresh,
      long overlapNanos) {
    h.addAddress(1, fresh);
    k.sim.at(k.sim.now() + overlapNanos, h.name() + " lets " + old + " go",
        () -> h.removeAddress(0));
  }

  /** Both hosts move at once, without overlap; {@code middlebox} puts one on the client's network. */
  static ScenarioResult simultaneousMove(ScenarioKit k, boolean middlebox) {
    if (middlebox) {
      k.sim.network().addMiddlebox("net-a", 20 * SECOND);
    }
    k.connect();
    long t = k.sim.now();
    k.sim.at(t, "client moves A1 -> A2", () -> k.client.move(0, k.a2));
    k.sim.at(t + MS, "server moves S1 -> S2", () -> k.server.move(0, k.s2));
    String name = middlebox ? "simultaneous-move-middlebox" : "simultaneous-move";
    if (middlebox) {
      k.runUntil(t + 10 * SECOND);
      k.check("client sends to S2", k.s2.equals(k.flow(k.client).remoteAddress()));
      k.check("server sends to A2", k.a2.equals(k.flow(k.server).remoteAddress()));
      k.check("the middlebox forwarded an RSYN",
          k.sim.network().middlebox("net-a").forwarded() > 0);
      k.checkLive(5 * SECOND);
      return k.result(name, "the middlebox of the client's old network forwards the server's "
          + "RSYN to A2; both hosts learn the new addresses and the connection recovers");
    }
    k.runUntil(t + 40 * SECOND);
    k.check("client reported MIGRATION_TIMEOUT",
        ScenarioKit.failedWith(k.client, FailureReason.MIGRATION_TIMEOUT));
    k.check("server reported MIGRATION_TIMEOUT",
        ScenarioKit.failedWith(k.server, FailureReason.MIGRATION_TIMEOUT));
    k.check("both hosts end with no flow and no timer",
        ScenarioKit.quiet(k.client) && ScenarioKit.quiet(k.server));
    return k.result(name, "neither RSYN can reach the other host; both retry, then fail with "
        + "MIGRATION_TIMEOUT and leave nothing behind, never hanging");
  }

  /** Versions start just below 2^32 and 20 IList updates carry them across zero. */
  static ScenarioResult versionWraparound(ScenarioKit k) {
    k.connect();
    int start = k.connection(k.client).localVersion();
    k.check("client version starts within 16 of 2^32 (" + Integer.toUnsignedString(start) + ")",
        Integer.compareUnsigned(start, 0xFFFFFFF0) >= 0);
    boolean wrapped = false;
    boolean inStep = true;
    IpAddress b1 = SimNetwork.address(ScenarioKit.NET_B, 60);
    k.sim.at(k.sim.now(), "client gains and loses " + b1 + " 20 times, once a second: 20 IList "
        + "updates", () -> { });
    for (int i = 0; i < 20; i++) {
      boolean add = i % 2 == 0;
      k.sim.atQuietly(k.sim.now(), (add ? "client gains " : "client loses ") + b1, () -> {
        if (add) {
          k.client.addAddress(1, b1);
        } else {
          k.client.removeAddress(1);
        }
      });
      k.runUntil(k.sim.now() + SECOND);
      int v = k.connection(k.client).localVersion();
      wrapped |= Integer.compareUnsigned(v, 0x100) < 0;
      inStep &= k.connection(k.server).peerVersion() == v;
    }
    k.check("the client version wrapped past 2^32 - 1 to small values", wrapped);
    k.check("after every update the server has the client's version", inStep);
    k.check("no update was dropped as stale",
        ScenarioKit.counter(k.server, Counter.STALE_VERSION) == 0);
    k.checkLive(5 * SECOND);
    return k.result("version-wraparound", "versions compare in serial-number order, so updates "
        + "keep being accepted across 2^32 - 1 -> 0");
  }
}
