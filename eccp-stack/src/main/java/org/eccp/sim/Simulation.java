package org.eccp.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of hosts that run the real engine over a {@link SimNetwork}. Time
 * is virtual, in nanoseconds, and jumps to the next event. One seeded random source drives
 * everything (network decisions and every engine's entropy), so a seed replays exactly.
 *
 * <p>After every event the simulation checks the safety invariants of {@link Invariants} and
 * stops at the first violation.
 */
public final class Simulation {
  private final long seed;
  private final EngineFactory engines;
  private final SplittableRandom random;
  private final EventQueue queue = new EventQueue();
  private final SimNetwork network = new SimNetwork();
  private final Map<String, SimHost> hosts = new LinkedHashMap<>();
  private final Trace trace;
  private final Invariants invariants;
  private final List<Violation> violations = new ArrayList<>();
  private long now;
  private long events;

  public Simulation(long seed, boolean fullTrace) {
    this(seed, fullTrace, EngineFactory.DEFAULT);
  }

  public Simulation(long seed, boolean fullTrace, EngineFactory engines) {
    this.engines = engines;
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.trace = new Trace(fullTrace);
    this.invariants = new Invariants(this);
  }

  public long seed() {
    return seed;
  }

  public long now() {
    return now;
  }

  public SplittableRandom random() {
    return random;
  }

  public Trace trace() {
    return trace;
  }

  Invariants invariants() {
    return invariants;
  }

  public SimNetwork network() {
    return network;
  }

  /** Adds a host that runs a fresh engine, seeded from this simulation's random source. */
  public SimHost addHost(String name) {
    SimHost h = new SimHost(this, name, engines.create(name, random.nextLong()));
    hosts.put(name, h);
    return h;
  }

  public SimHost host(String name) {
    SimHost h = hosts.get(name);
    if (h == null) {
      throw new IllegalArgumentException("no host named " + name);
    }
    return h;
  }

  public Collection<SimHost> hosts() {
    return hosts.values();
  }

  EventQueue.Entry schedule(long time, SimEvent event) {
    return queue.schedule(Math.max(time, now), event);
  }

  void cancel(EventQueue.Entry e) {
    queue.cancel(e);
  }

  /** Schedules a scenario step: {@code step} runs at {@code time} and is traced as {@code what}. */
  public void at(long time, String what, Runnable step) {
    schedule(time, s -> {
      trace.highlight(s.now(), what);
      step.run();
    });
  }

  /** Schedules a scenario step that is traced but not highlighted in the scenario's story. */
  public void atQuietly(long time, String what, Runnable step) {
    schedule(time, s -> {
      trace.add(s.now(), what);
      step.run();
    });
  }

  /** Hands an arriving packet to the named host. */
  void deliver(String hostName, Datagram d) {
    host(hostName).receive(d);
  }

  /** Records a violation; the run stops after the current event. */
  public void fail(String property, String detail) {
    Violation v = new Violation(property, detail, now);
    violations.add(v);
    trace.highlight(now, "VIOLATION " + v);
  }

  public List<Violation> violations() {
    return List.copyOf(violations);
  }

  public boolean failed() {
    return !violations.isEmpty();
  }

  public long eventsRun() {
    return events;
  }

  /**
   * Runs events until virtual time passes {@code until}, no event is left, or a property is
   * violated. Returns true when it stopped for neither of the last two reasons.
   */
  public boolean runUntil(long until) {
    while (!failed()) {
      if (queue.peekTime() > until) {
        now = Math.max(now, until);
        return true;
      }
      EventQueue.Entry e = queue.poll();
      now = e.time;
      events++;
      e.event.run(this);
      invariants.check();
    }
    return false;
  }

  /** Returns how many events are pending. */
  public int pendingEvents() {
    return queue.size();
  }
}
