package org.eccp.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.Event;
import org.eccp.engine.FlowState;
import org.eccp.engine.FlowView;
import org.eccp.engine.SeededEntropy;
import org.eccp.engine.Versions;

/**
 * Explores every interleaving of deliver, drop, duplicate, timer and address-change events of the
 * real engine on two hosts, within small bounds, breadth first.
 *
 * <p>States are stored as 64-bit hashes (both engines' state hashes, the packets in flight in send
 * order, the budgets left), so two distinct states that share a hash are merged; with a million
 * states that chance is about 3 in 10^8. Each new state is checked against the safety properties of
 * {@link Invariants}. Timers fire only when no packet is in flight, as in the paper's SPIN model
 * where a timeout runs only when nothing else can. Liveness is checked at the end: from every
 * reachable state, a state where the connection is synchronised on every flow must be reachable.
 */
public final class Explorer {
  private final ExploreConfig config;
  private final EngineFactory engines;
  private final Map<Long, Integer> index = new HashMap<>();
  private int[] parent = new int[1024];
  private int[] depth = new int[1024];
  private final List<String> actions = new ArrayList<>();
  private final List<Boolean> goal = new ArrayList<>();
  private int[] edgeFrom = new int[4096];
  private int[] edgeTo = new int[4096];
  private long edges;
  private Violation violation;
  private int violationState = -1;
  private String violationAction;

  private Explorer(ExploreConfig config, EngineFactory engines) {
    this.config = config;
    this.engines = engines;
  }

  /** Explores with the real engine. */
  public static ExploreResult run(ExploreConfig config) {
    return run(config, EngineFactory.DEFAULT);
  }

  /** Explores with engines from {@code engines}, e.g. a test's fault-injecting one. */
  public static ExploreResult run(ExploreConfig config, EngineFactory engines) {
    return new Explorer(config, engines).explore();
  }

  private ExploreState initial() {
    ExploreState s = new ExploreState(engines.create("client", 1), engines.create("server", 2));
    s.migrationsLeft = config.migrations();
    s.lossesLeft = config.losses();
    s.duplicationsLeft = config.duplications();
    s.reordersLeft = config.reorders();
    s.flowsToAdd = config.flows() - 1;
    s.hosts[ExploreState.SERVER].handle(0, new Event.AddressAdded(0, ExploreState.SERVER_ADDRESS),
        s.sinkOf(ExploreState.SERVER));
    s.hosts[ExploreState.SERVER].handle(0, new Event.Listen(), s.sinkOf(ExploreState.SERVER));
    s.hosts[ExploreState.CLIENT].handle(0, new Event.AddressAdded(0, s.address(0)),
        s.sinkOf(ExploreState.CLIENT));
    s.hosts[ExploreState.CLIENT].handle(0, new Event.Connect(s.address(0),
        ExploreState.SERVER_ADDRESS), s.sinkOf(ExploreState.CLIENT));
    return s;
  }

  private ExploreResult explore() {
    long start = System.nanoTime();
    ExploreState init = initial();
    ArrayDeque<Object[]> queue = new ArrayDeque<>();
    add(init, -1, "connect " + init.address(0) + " -> " + ExploreState.SERVER_ADDRESS);
    queue.add(new Object[] {0, init});
    boolean complete = true;
    int maxDepth = 0;
    while (!queue.isEmpty() && violation == null) {
      Object[] item = queue.poll();
      int id = (Integer) item[0];
      ExploreState s = (ExploreState) item[1];
      maxDepth = Math.max(maxDepth, depth[id]);
      for (Step step : successors(s)) {
        if (violation != null) {
          violationState = id;
          violationAction = step.action;
          break;
        }
        long h = step.state.hash();
        Integer known = index.get(h);
        if (known == null) {
          if (index.size() >= config.maxStates()) {
            complete = false;
            continue;
          }
          known = add(step.state, id, step.action);
          queue.add(new Object[] {known, step.state});
        }
        addEdge(id, known);
      }
    }
    if (violation == null && complete) {
      checkLiveness();
    }
    long goals = goal.stream().filter(g -> g).count();
    List<String> trace = violation == null ? List.of() : traceTo(violationState, violationAction);
    return new ExploreResult(config, index.size(), edges, maxDepth, goals,
        complete && violation == null ? true : complete, (System.nanoTime() - start) / 1_000_000,
        violation, trace);
  }

  private int add(ExploreState s, int from, String action) {
    int id = index.size();
    index.put(s.hash(), id);
    if (id == parent.length) {
      parent = Arrays.copyOf(parent, id * 2);
      depth = Arrays.copyOf(depth, id * 2);
    }
    parent[id] = from;
    depth[id] = from < 0 ? 0 : depth[from] + 1;
    actions.add(action);
    goal.add(isGoal(s));
    return id;
  }

  private void addEdge(int from, int to) {
    if (edges == edgeFrom.length) {
      edgeFrom = Arrays.copyOf(edgeFrom, (int) edges * 2);
      edgeTo = Arrays.copyOf(edgeTo, (int) edges * 2);
    }
    edgeFrom[(int) edges] = from;
    edgeTo[(int) edges] = to;
    edges++;
  }

  /** One successor: the action taken and the state it leads to. */
  private record Step(String action, ExploreState state) {}

  private List<Step> successors(ExploreState s) {
    List<Step> out = new ArrayList<>();
    for (int i = 0; i < s.network.size() && violation == null; i++) {
      ExploreState.InFlight p = s.network.get(i);
      boolean overtakes = overtakes(s, i);
      if (!overtakes || s.reordersLeft > 0) {
        out.add(deliver(s, i, overtakes));
      }
      if (s.lossesLeft > 0) {
        ExploreState n = s.copy();
        n.network.remove(i);
        n.lossesLeft--;
        out.add(new Step("drop " + p.datagram().describe(), n));
      }
      if (s.duplicationsLeft > 0) {
        ExploreState n = s.copy();
        n.network.add(p);
        n.duplicationsLeft--;
        out.add(new Step("duplicate " + p.datagram().describe(), n));
      }
    }
    if (s.network.isEmpty()) {
      addTimerSteps(s, out);
    }
    if (s.migrationsLeft > 0) {
      out.add(migrate(s));
    }
    if (s.flowsToAdd > 0) {
      addFlowStep(s, out);
    }
    return out;
  }

  /** True when an earlier packet of the same direction is still in flight. */
  private static boolean overtakes(ExploreState s, int i) {
    ExploreState.InFlight p = s.network.get(i);
    for (int j = 0; j < i; j++) {
      if (s.network.get(j).from() == p.from()) {
        return true;
      }
    }
    return false;
  }

  private Step deliver(ExploreState s, int i, boolean overtakes) {
    ExploreState n = s.copy();
    ExploreState.InFlight p = n.network.remove(i);
    if (overtakes) {
      n.reordersLeft--;
    }
    Datagram d = p.datagram();
    int to = n.ownerOf(d.dst());
    String name = to == ExploreState.CLIENT ? "client" : "server";
    FlowDigest before = FlowDigest.of(n.hosts[to]);
    n.hosts[to].handle(0, new Event.PacketIn(d.src(), d.dst(), d.packet(), d.payload()),
        n.sinkOf(to));
    String problem = Invariants.packetEffectProblem(name, d, before, FlowDigest.of(n.hosts[to]));
    String action = (overtakes ? "deliver out of order " : "deliver ") + d.describe();
    if (problem != null) {
      fail("misdirected-packet-accepted", problem);
    } else {
      checkStep(s, n);
    }
    n.dropUndeliverable();
    return new Step(action, n);
  }

  private void addTimerSteps(ExploreState s, List<Step> out) {
    for (int h = 0; h < 2; h++) {
      for (FlowView f : flows(s.hosts[h])) {
        if (f.state().timer() == FlowState.TimerKind.NONE) {
          continue;
        }
        ExploreState n = s.copy();
        n.hosts[h].handle(0, new Event.TimerFired(f.localFlowId()), n.sinkOf(h));
        checkStep(s, n);
        n.dropUndeliverable();
        out.add(new Step((h == 0 ? "client" : "server") + " timer of flow "
            + Integer.toHexString(f.localFlowId()) + " in " + f.state(), n));
      }
    }
  }

  private Step migrate(ExploreState s) {
    ExploreState n = s.copy();
    n.migrationsLeft--;
    var old = n.address(ExploreState.CLIENT);
    n.clientAddress++;
    var fresh = n.address(ExploreState.CLIENT);
    var client = n.hosts[ExploreState.CLIENT];
    client.handle(0, new Event.AddressRemoved(0, old), n.sinkOf(ExploreState.CLIENT));
    client.handle(0, new Event.AddressAdded(0, fresh), n.sinkOf(ExploreState.CLIENT));
    checkStep(s, n);
    n.dropUndeliverable();
    return new Step("client moves " + old + " -> " + fresh, n);
  }

  private void addFlowStep(ExploreState s, List<Step> out) {
    List<ConnectionView> cs = s.hosts[ExploreState.CLIENT].connections();
    if (cs.isEmpty() || cs.get(0).flows().stream().noneMatch(f -> f.state()
        == FlowState.ESTABLISHED)) {
      return;
    }
    ExploreState n = s.copy();
    n.flowsToAdd--;
    n.hosts[ExploreState.CLIENT].handle(0, new Event.AddFlow(cs.get(0).id(),
        n.address(ExploreState.CLIENT), ExploreState.SERVER_ADDRESS),
        n.sinkOf(ExploreState.CLIENT));
    checkStep(s, n);
    n.dropUndeliverable();
    out.add(new Step("client adds a flow", n));
  }

  private static List<FlowView> flows(HostEngine e) {
    List<FlowView> all = new ArrayList<>();
    for (ConnectionView c : e.connections()) {
      all.addAll(c.flows());
    }
    return all;
  }

  /** Checks versions against the previous state and that every waiting flow has a timer. */
  private void checkStep(ExploreState before, ExploreState after) {
    for (int h = 0; h < 2 && violation == null; h++) {
      String name = h == 0 ? "client" : "server";
      Map<Integer, int[]> old = new HashMap<>();
      for (ConnectionView c : before.hosts[h].connections()) {
        old.put(c.id(), new int[] {c.localVersion(), c.peerVersion(),
            Invariants.peerKnown(c) ? 1 : 0});
      }
      for (ConnectionView c : after.hosts[h].connections()) {
        int[] v = old.get(c.id());
        if (v != null && (Versions.isOlder(c.localVersion(), v[0])
            || (v[2] == 1 && Versions.isOlder(c.peerVersion(), v[1])))) {
          fail("version-went-back", name + " connection " + c.id() + " versions went from "
              + v[0] + "/" + v[1] + " to " + c.localVersion() + "/" + c.peerVersion());
        }
      }
      boolean timer = after.hosts[h].nextDeadline() != Long.MAX_VALUE;
      for (FlowView f : flows(after.hosts[h])) {
        String problem = Invariants.wayOutProblem(name, f, timer);
        if (problem != null) {
          fail("no-way-out", problem);
        }
      }
    }
  }

  private void fail(String property, String detail) {
    if (violation == null) {
      violation = new Violation(property, detail, 0);
    }
  }

  /** True when every flow is ESTABLISHED on both hosts, on current addresses, versions in step. */
  private boolean isGoal(ExploreState s) {
    List<ConnectionView> cc = s.hosts[ExploreState.CLIENT].connections();
    List<ConnectionView> sc = s.hosts[ExploreState.SERVER].connections();
    if (cc.size() != 1 || sc.size() != 1) {
      return false;
    }
    ConnectionView c = cc.get(0);
    ConnectionView v = sc.get(0);
    if (c.flows().size() != config.flows() || v.flows().size() != config.flows()
        || c.localVersion() != v.peerVersion() || v.localVersion() != c.peerVersion()) {
      return false;
    }
    for (FlowView f : c.flows()) {
      if (f.state() != FlowState.ESTABLISHED
          || !ExploreState.SERVER_ADDRESS.equals(f.remoteAddress())) {
        return false;
      }
    }
    for (FlowView f : v.flows()) {
      if (f.state() != FlowState.ESTABLISHED
          || !s.address(ExploreState.CLIENT).equals(f.remoteAddress())) {
        return false;
      }
    }
    return true;
  }

  /** Marks the states that can reach a goal state; the first that cannot is a violation. */
  private void checkLiveness() {
    int n = index.size();
    int[] count = new int[n + 1];
    for (long e = 0; e < edges; e++) {
      count[edgeTo[(int) e] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      count[i + 1] += count[i];
    }
    int[] preds = new int[(int) edges];
    int[] fill = Arrays.copyOf(count, n);
    for (long e = 0; e < edges; e++) {
      preds[fill[edgeTo[(int) e]]++] = edgeFrom[(int) e];
    }
    boolean[] canFinish = new boolean[n];
    ArrayDeque<Integer> work = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      if (goal.get(i)) {
        canFinish[i] = true;
        work.add(i);
      }
    }
    while (!work.isEmpty()) {
      int t = work.poll();
      for (int k = count[t]; k < count[t + 1]; k++) {
        int p = preds[k];
        if (!canFinish[p]) {
          canFinish[p] = true;
          work.add(p);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (!canFinish[i]) {
        violation = new Violation("liveness", "from this state no synchronised state is "
            + "reachable (depth " + depth[i] + ")", 0);
        violationState = i;
        return;
      }
    }
  }

  private List<String> traceTo(int state, String lastAction) {
    List<String> out = new ArrayList<>();
    for (int s = state; s >= 0; s = parent[s]) {
      out.add(0, actions.get(s));
    }
    if (lastAction != null) {
      out.add(lastAction + "   <- violates " + violation.property());
    }
    return out;
  }

  /** Returns the engine factory used for seeded engines in exploration. */
  static EngineFactory seeded() {
    return (host, seed) -> EngineFactory.withEntropy(new SeededEntropy(seed));
  }
}
