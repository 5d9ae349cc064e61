package org.eccp.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.eccp.engine.Event;
import org.eccp.wire.IpAddress;

/**
 * One seeded random run: a client and a server connect with {@code flows} flows, the network
 * misbehaves while up to {@code migrations} address changes happen, then the network calms down
 * and the liveness property is checked, followed by a clean close.
 *
 * <p>Both hosts roam over the same networks, each with a redirection middlebox, so that moves
 * that cross are recoverable. Each host draws addresses from its own pool and often returns to
 * one it held before, so late packets reach a host that holds an old address again. The
 * misbehaving phase lasts at most {@link #MAX_STORM_NANOS}: with the engine's default timers
 * (retransmissions 0.2, 0.6, 1.4, 3.0 and 6.2 s after the first send, 6 retries), every exchange
 * has at least two retransmissions on the calm network, so a flow that completed its handshake
 * and then fails is a bug. A flow whose handshake fails is accepted as a clean failure: a SYN
 * sent to an address the peer has just left has nothing to redirect it.
 */
public final class RandomRun {
  static final long SECOND = 1_000_000_000L;
  static final long MAX_STORM_NANOS = 6 * SECOND;
  /** Bound on the time that the liveness check waits for every echo. */
  static final long LIVENESS_BOUND_NANOS = 30 * SECOND;
  /** How long the middleboxes keep a redirection. */
  static final long REDIRECT_LIFETIME_NANOS = 30 * SECOND;
  /** Roaming networks 198.18.1.0/24 to 198.18.6.0/24. */
  static final int NETWORKS = 6;
  /** Host numbers per host and network (client 10-11, server 12-13), so addresses come back. */
  static final int HOSTS_PER_NETWORK = 2;

  private final RunConfig config;
  private final Simulation sim;
  private final SplittableRandom rnd;
  private final List<String> outcomes = new ArrayList<>();

  private RandomRun(RunConfig config, EngineFactory engines) {
    this.config = config;
    this.sim = new Simulation(config.seed(), config.fullTrace(), engines);
    this.rnd = sim.random().split();
  }

  /** Runs one seeded run and returns its outcome. */
  public static RunResult run(RunConfig config) {
    return run(config, EngineFactory.DEFAULT);
  }

  /** Runs one seeded run with the engines that {@code engines} makes, such as a faulty one. */
  public static RunResult run(RunConfig config, EngineFactory engines) {
    return new RandomRun(config, engines).execute();
  }

  private RunResult execute() {
    SimNetwork net = sim.network();
    for (int n = 1; n <= NETWORKS; n++) {
      net.defineNetwork("net-" + n, SimNetwork.address(n, 1));
      net.addMiddlebox("net-" + n, REDIRECT_LIFETIME_NANOS);
    }
    net.setDefaultProfile(LinkProfile.misbehaving(config.loss(), config.duplication(),
        config.reorder()));
    SimHost server = sim.addHost("server");
    SimHost client = sim.addHost("client");
    int interfaces = config.flows() > 1 ? 2 : 1;
    for (int i = 0; i < interfaces; i++) {
      server.addAddress(i, freeAddress(server));
      client.addAddress(i, freeAddress(client));
    }
    server.handle(new Event.Listen());
    int conn = (int) client.handle(new Event.Connect(client.address(0), server.address(0)));
    long storm = Math.min(MAX_STORM_NANOS, SECOND + config.migrations() * SECOND / 2);
    scheduleFlows(client, server, conn, interfaces);
    scheduleMigrations(storm, interfaces);
    sim.at(storm, "network stops misbehaving", () -> net.setDefaultProfile(LinkProfile.CLEAN));
    sim.runUntil(storm);
    if (!sim.failed()) {
      checkLiveness();
    }
    if (!sim.failed()) {
      checkCleanClose(client, conn);
    }
    String summary = "events=" + sim.eventsRun() + " " + net.countersText() + " "
        + String.join(" ", outcomes);
    return new RunResult(config, sim.violations(), sim.trace().lines(), sim.eventsRun(),
        sim.now(), summary, List.copyOf(outcomes));
  }

  private void scheduleFlows(SimHost client, SimHost server, int conn, int interfaces) {
    for (int f = 1; f < config.flows(); f++) {
      int localIf = f % interfaces;
      long when = SECOND / 4 + f * SECOND / 20;
      sim.at(when, "client adds flow " + f, () -> {
        IpAddress local = client.address(localIf);
        IpAddress remote = server.address(localIf);
        if (local != null && remote != null) {
          client.handle(new Event.AddFlow(conn, local, remote));
        }
      });
    }
  }

  private void scheduleMigrations(long storm, int interfaces) {
    int count = config.migrations() == 0 ? 0 : 1 + rnd.nextInt(config.migrations());
    for (int m = 0; m < count; m++) {
      long when = SECOND / 2 + rnd.nextLong(Math.max(1, storm - SECOND));
      String host = rnd.nextInt(10) < 7 ? "client" : "server";
      int ifIndex = rnd.nextInt(interfaces);
      int kind = rnd.nextInt(4);
      sim.at(when, "migration " + m + " of " + host, () -> migrate(sim.host(host), ifIndex, kind,
          storm));
    }
  }

  private void migrate(SimHost h, int ifIndex, int kind, long storm) {
    IpAddress fresh = freeAddress(h);
    if (fresh == null) {
      return;
    }
    switch (kind) {
      case 0 -> h.move(ifIndex, fresh);
      case 1 -> {
        h.removeAddress(ifIndex);
        h.addAddress(ifIndex, fresh);
      }
      case 2 -> {
        h.interfaceDown(ifIndex);
        long back = Math.min(storm, sim.now() + rnd.nextLong(2 * SECOND));
        sim.at(back, h.name() + " if" + ifIndex + " comes back", () -> {
          IpAddress again = freeAddress(h);
          if (again != null && h.address(ifIndex) == null) {
            h.addAddress(ifIndex, again);
          }
        });
      }
      default -> h.move(ifIndex, fresh);
    }
  }

  /** Returns a random address of the host's pool that it does not hold, or null. */
  private IpAddress freeAddress(SimHost h) {
    int base = h.name().equals("client") ? 10 : 10 + HOSTS_PER_NETWORK;
    for (int attempt = 0; attempt < 64; attempt++) {
      IpAddress a = SimNetwork.address(1 + rnd.nextInt(NETWORKS), base + rnd.nextInt(HOSTS_PER_NETWORK));
      if (sim.network().ownerOf(a) == null) {
        return a;
      }
    }
    return null;
  }

  private void checkLiveness() {
    int handshakeFailures = 0;
    boolean connected = false;
    for (Liveness.FlowOutcome o : new Liveness(sim).run(LIVENESS_BOUND_NANOS)) {
      connected |= o.answered();
      boolean connectionNeverOpened = o.localFlowId() == 0 && o.reason() != null;
      boolean flowNeverOpened = o.localFlowId() != 0 && o.reason() != null
          && !sim.host(o.host()).everSynchronized(o.localFlowId());
      if (connectionNeverOpened || flowNeverOpened) {
        handshakeFailures++;
        continue;
      }
      if (!o.answered()) {
        sim.fail("liveness", o.host() + " flow " + Integer.toHexString(o.localFlowId())
            + " got no echo reply within " + LIVENESS_BOUND_NANOS / SECOND
            + " s of calm network (" + o.failure() + ")");
        return;
      }
    }
    outcomes.add("live");
    if (connected) {
      outcomes.add("connected");
    }
    if (handshakeFailures > 0) {
      outcomes.add("handshake-failures=" + handshakeFailures);
    }
  }

  private void checkCleanClose(SimHost client, int conn) {
    sim.at(sim.now(), "client closes the connection", () -> client.handle(new Event.Close(conn)));
    sim.runUntil(sim.now() + 30 * SECOND);
    for (SimHost h : sim.hosts()) {
      if (!h.flows().stream().allMatch(f -> f.state() == org.eccp.engine.FlowState.LISTEN)) {
        sim.fail("clean-close", h.name() + " still has flows 30 s after close: " + h.flows().size());
        return;
      }
      if (h.timerPending()) {
        sim.fail("clean-close", h.name() + " still has a timer 30 s after close");
        return;
      }
    }
    outcomes.add("closed");
  }
}
