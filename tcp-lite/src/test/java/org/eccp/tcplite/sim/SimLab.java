package org.eccp.tcplite.sim;

import java.util.HashMap;
import java.util.Map;
import org.eccp.engine.Event;
import org.eccp.engine.FlowState;
import org.eccp.sim.LinkProfile;
import org.eccp.sim.SimHost;
import org.eccp.sim.SimNetwork;
import org.eccp.sim.Simulation;
import org.eccp.tcplite.TcpLiteConfig;
import org.eccp.wire.IpAddress;

/**
 * Two simulated hosts running ECCP and tcp-lite: a client with interface 0 on net-a and
 * interface 1 on net-b, a server on net-s. net-a is the fast path, net-b the slow one.
 */
final class SimLab {
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000 * MS;
  static final int NET_A = 1;
  static final int NET_B = 2;
  static final int NET_S = 100;

  final Simulation sim;
  final SimHost client;
  final SimHost server;
  final TcpLiteHost clientTcp;
  final TcpLiteHost serverTcp;
  final IpAddress s1 = SimNetwork.address(NET_S, 10);
  int connectionId;
  private int nextA = 10;
  private int nextB = 10;

  SimLab(long seed, TcpLiteConfig config, LinkProfile fast, LinkProfile slow) {
    Map<String, TcpLiteHost> made = new HashMap<>();
    sim = new Simulation(seed, false, (name, s) -> {
      TcpLiteHost h = new TcpLiteHost(s, config);
      made.put(name, h);
      return h;
    });
    SimNetwork net = sim.network();
    net.defineNetwork("net-a", SimNetwork.address(NET_A, 1));
    net.defineNetwork("net-b", SimNetwork.address(NET_B, 1));
    net.defineNetwork("net-s", s1);
    net.setDefaultProfile(fast);
    net.setLinkProfile("net-b", "net-s", slow);
    net.setLinkProfile("net-s", "net-b", slow);
    server = sim.addHost("server");
    client = sim.addHost("client");
    serverTcp = made.get("server");
    clientTcp = made.get("client");
  }

  /** Returns a fresh address on net-a. */
  IpAddress nextA() {
    return SimNetwork.address(NET_A, nextA++);
  }

  /** Returns a fresh address on net-b. */
  IpAddress nextB() {
    return SimNetwork.address(NET_B, nextB++);
  }

  /** Opens the ECCP connection on net-a, and a second flow on net-b when asked. */
  void connect(boolean secondFlow) {
    server.addAddress(0, s1);
    IpAddress a = nextA();
    client.addAddress(0, a);
    server.handle(new Event.Listen());
    connectionId = (int) client.handle(new Event.Connect(a, s1));
    runFor(2 * SECOND);
    if (!established(client)) {
      throw new IllegalStateException("seed " + sim.seed() + ": ECCP connection not established");
    }
    if (secondFlow) {
      IpAddress b = nextB();
      client.addAddress(1, b);
      runFor(2 * SECOND);
      client.handle(new Event.AddFlow(connectionId, b, s1));
      runFor(2 * SECOND);
    }
  }

  static boolean established(SimHost h) {
    return h.flows().stream().anyMatch(f -> f.state() == FlowState.ESTABLISHED);
  }

  /** Runs {@code action} on the host's tcp-lite now, then flushes what it sent. */
  void act(SimHost host, TcpLiteHost tcp, Runnable action) {
    tcp.at(sim.now());
    action.run();
    host.handle(new Event.Tick());
  }

  void runFor(long nanos) {
    sim.runUntil(sim.now() + nanos);
  }

  private void checkInvariants(TcpLiteHost h) {
    for (org.eccp.tcplite.TcpLiteConnection c : h.tcp.connections()) {
      String problem = c.invariantProblem();
      if (problem != null) {
        throw new IllegalStateException("seed " + sim.seed() + " at " + sim.now() + " ns: " + c
            + ": " + problem);
      }
    }
  }

  /** Runs until {@code done} is true or virtual time passes {@code limit}; returns done's value. */
  boolean runUntil(java.util.function.BooleanSupplier done, long limit) {
    long step = 100 * MS;
    while (!done.getAsBoolean() && sim.now() < limit) {
      if (!sim.runUntil(Math.min(limit, sim.now() + step)) && sim.pendingEvents() == 0) {
        break;
      }
      if (sim.failed()) {
        throw new IllegalStateException("seed " + sim.seed() + ": " + sim.violations());
      }
      checkInvariants(clientTcp);
      checkInvariants(serverTcp);
    }
    return done.getAsBoolean();
  }
}
