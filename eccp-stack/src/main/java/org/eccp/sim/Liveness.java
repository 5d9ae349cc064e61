package org.eccp.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.FailureReason;
import org.eccp.engine.FlowState;
import org.eccp.engine.FlowView;

/**
 * The liveness property of the paper, checked once the network has stopped misbehaving: an echo
 * sent on every flow of every host is answered within a bounded virtual time. An echo is sent
 * again every {@link #ROUND_NANOS} on each flow that has not been answered yet, because the engine
 * does not retransmit echoes. A flow that failed with a reason reported to the user counts as
 * failed cleanly, which only some scenarios accept.
 */
final class Liveness {
  static final long ROUND_NANOS = 1_000_000_000L;

  /** The outcome for one flow. */
  record FlowOutcome(String host, int localFlowId, boolean answered, FailureReason reason,
      String failure) {}

  private final Simulation sim;
  private final Map<String, Long> answeredAt = new HashMap<>();
  private final Map<Long, String> tokenOwner = new HashMap<>();
  private long nextToken = 1;

  Liveness(Simulation sim) {
    this.sim = sim;
  }

  /**
   * Runs echo rounds from now until every open flow is answered or {@code boundNanos} passes.
   * Returns the outcome of each flow that existed at some point in the rounds.
   */
  List<FlowOutcome> run(long boundNanos) {
    long deadline = sim.now() + boundNanos;
    Set<String> pending = new HashSet<>();
    while (sim.now() < deadline && !sim.failed()) {
      pending = sendRound();
      sim.runUntil(Math.min(deadline, sim.now() + ROUND_NANOS));
      collectReplies();
      pending.removeAll(answeredAt.keySet());
      if (pending.isEmpty() && openFlowsAllAnswered()) {
        break;
      }
    }
    return outcomes();
  }

  private Set<String> sendRound() {
    Set<String> sent = new HashSet<>();
    for (SimHost h : sim.hosts()) {
      for (FlowView f : h.flows()) {
        String key = key(h, f.localFlowId());
        if (answeredAt.containsKey(key) || !f.state().sendsData()) {
          continue;
        }
        long token = nextToken++;
        tokenOwner.put(token, key);
        h.sendEcho(f.localFlowId(), token);
        sent.add(key);
      }
    }
    return sent;
  }

  private void collectReplies() {
    for (SimHost h : sim.hosts()) {
      for (Map.Entry<Long, String> e : tokenOwner.entrySet()) {
        if (e.getValue().startsWith(h.name() + "/")) {
          Long t = h.echoReplyTime(e.getKey());
          if (t != null) {
            answeredAt.putIfAbsent(e.getValue(), t);
          }
        }
      }
    }
  }

  private boolean openFlowsAllAnswered() {
    for (SimHost h : sim.hosts()) {
      for (FlowView f : h.flows()) {
        if (isOpen(f.state()) && !answeredAt.containsKey(key(h, f.localFlowId()))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isOpen(FlowState s) {
    return s != FlowState.CLOSED && s != FlowState.LISTEN && s != FlowState.TIME_WAIT;
  }

  private List<FlowOutcome> outcomes() {
    List<FlowOutcome> out = new ArrayList<>();
    for (SimHost h : sim.hosts()) {
      for (FlowView f : h.flows()) {
        if (isOpen(f.state())) {
          boolean ok = answeredAt.containsKey(key(h, f.localFlowId()));
          out.add(new FlowOutcome(h.name(), f.localFlowId(), ok, null,
              ok ? null : "in " + f.state()));
        }
      }
      for (ConnectionEvent e : h.events()) {
        if (e instanceof ConnectionEvent.FlowFailed ff) {
          out.add(new FlowOutcome(h.name(), ff.localFlowId(), false, ff.reason(),
              ff.reason().name()));
        } else if (e instanceof ConnectionEvent.Failed cf && !reportedFlowFailure(h, cf)) {
          out.add(new FlowOutcome(h.name(), 0, false, cf.reason(), cf.reason().name()));
        }
      }
    }
    return out;
  }

  /**
   * True when the host reported the failure of a flow of this connection: the engine does so for
   * every flow of an established connection, and the flow's outcome then stands for it.
   */
  private static boolean reportedFlowFailure(SimHost h, ConnectionEvent.Failed failed) {
    return h.events().stream().anyMatch(e -> e instanceof ConnectionEvent.FlowFailed ff
        && ff.connectionId() == failed.connectionId());
  }

  private static String key(SimHost h, int flowId) {
    return h.name() + "/" + Integer.toHexString(flowId);
  }
}
