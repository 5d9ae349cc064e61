package org.eccp.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.Counter;
import org.eccp.engine.Event;
import org.eccp.engine.FailureReason;
import org.eccp.engine.FlowState;
import org.eccp.engine.FlowView;
import org.eccp.wire.IpAddress;
import org.eccp.wire.PacketType;

/**
 * The common set-up and checks of the named scenarios: a client on network net-a (198.18.1.0/24)
 * and a server on net-s (198.18.100.0/24), a clean network, and a list of checks whose results
 * make up the scenario's report.
 */
final class ScenarioKit {
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000 * MS;

  static final int NET_A = 1;
  static final int NET_B = 2;
  static final int NET_C = 3;
  static final int NET_S = 100;
  static final int NET_T = 101;
  static final int NET_X = 200;

  final Simulation sim;
  final SimHost client;
  final SimHost server;
  final IpAddress a1 = SimNetwork.address(NET_A, 10);
  final IpAddress a2 = SimNetwork.address(NET_B, 10);
  final IpAddress a3 = SimNetwork.address(NET_C, 10);
  final IpAddress s1 = SimNetwork.address(NET_S, 10);
  final IpAddress s2 = SimNetwork.address(NET_T, 10);
  private final List<String> checks = new ArrayList<>();
  private boolean allPassed = true;
  int connectionId;

  ScenarioKit(long seed, boolean fullTrace, EngineFactory engines) {
    sim = new Simulation(seed, fullTrace, engines);
    SimNetwork net = sim.network();
    net.defineNetwork("net-a", a1);
    net.defineNetwork("net-b", a2);
    net.defineNetwork("net-c", a3);
    net.defineNetwork("net-s", s1);
    net.defineNetwork("net-t", s2);
    net.defineNetwork("net-x", SimNetwork.address(NET_X, 1));
    server = sim.addHost("server");
    client = sim.addHost("client");
  }

  /** Gives both hosts their first address, opens the connection and runs until established. */
  void connect() {
    server.addAddress(0, s1);
    client.addAddress(0, a1);
    server.handle(new Event.Listen());
    connectionId = (int) client.handle(new Event.Connect(a1, s1));
    sim.runUntil(SECOND);
    check("connection established on both hosts",
        established(client) && established(server));
  }

  static boolean established(SimHost h) {
    return h.flows().stream().anyMatch(f -> f.state() == FlowState.ESTABLISHED);
  }

  /** Runs the simulation until virtual time {@code t}. */
  void runUntil(long t) {
    sim.runUntil(t);
  }

  /** Records one expectation and whether it held. */
  boolean check(String what, boolean ok) {
    checks.add((ok ? "ok    " : "FAILED") + " " + what);
    allPassed &= ok;
    return ok;
  }

  /** Runs the liveness rounds and checks that every open flow answered an echo. */
  void checkLive(long boundNanos) {
    List<Liveness.FlowOutcome> out = new Liveness(sim).run(boundNanos);
    boolean ok = !out.isEmpty() && out.stream().allMatch(Liveness.FlowOutcome::answered);
    check("an echo on every flow is answered within " + boundNanos / SECOND + " s", ok);
  }

  /** Returns the first flow of the host, or null. */
  FlowView flow(SimHost h) {
    List<FlowView> fs = h.flows();
    return fs.isEmpty() ? null : fs.get(0);
  }

  ConnectionView connection(SimHost h) {
    List<ConnectionView> cs = h.engine().connections();
    return cs.isEmpty() ? null : cs.get(0);
  }

  /** True when the host reported a failure with this reason (of a flow or the connection). */
  static boolean failedWith(SimHost h, FailureReason reason) {
    for (ConnectionEvent e : h.events()) {
      if (e instanceof ConnectionEvent.Failed f && f.reason() == reason) {
        return true;
      }
      if (e instanceof ConnectionEvent.FlowFailed f && f.reason() == reason) {
        return true;
      }
    }
    return false;
  }

  /** True when no flow other than listeners is left and no timer is pending. */
  static boolean quiet(SimHost h) {
    return h.flows().stream().allMatch(f -> f.state() == FlowState.LISTEN
        || f.state() == FlowState.CLOSED) && !h.timerPending();
  }

  /** True when a flow of the host has ever entered state {@code s}. */
  static boolean entered(SimHost h, FlowState s) {
    return h.engine().counters().entered(s) > 0;
  }

  static long counter(SimHost h, Counter c) {
    return h.engine().counters().get(c);
  }

  static Predicate<Datagram> type(PacketType t) {
    return d -> d.packet().type() == t;
  }

  static Predicate<Datagram> to(IpAddress dst) {
    return d -> d.dst().equals(dst);
  }

  static Predicate<Datagram> from(IpAddress src) {
    return d -> d.src().equals(src);
  }

  /** Builds the report of the scenario. */
  ScenarioResult result(String name, String expected) {
    boolean passed = allPassed && !sim.failed();
    return new ScenarioResult(name, expected, passed, sim.trace().highlights(), List.copyOf(checks),
        sim.violations(), sim.trace().lines());
  }
}
