package org.eccp.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The flow state table of docs/protocol.md, row for row. For a state and an event the rows are
 * tried in order and the first whose condition is true fires. A state and event with no row change
 * nothing (a packet is counted as {@code drop.no_transition}).
 */
public final class TransitionTable {
  private static final TransitionTable INSTANCE = new TransitionTable();

  private final List<Transition> rows = new ArrayList<>();
  private final Map<FlowState, Map<Trigger, List<Transition>>> index =
      new EnumMap<>(FlowState.class);

  private TransitionTable() {
    OpenRules.register(this);
    MoveRules.register(this);
    CloseRules.register(this);
  }

  public static TransitionTable get() {
    return INSTANCE;
  }

  void row(FlowState state, Trigger trigger, Condition condition, String action, FlowState next,
      Transition.Handler handler) {
    Transition t = new Transition(state, trigger, condition, action, next, handler);
    rows.add(t);
    index.computeIfAbsent(state, k -> new EnumMap<>(Trigger.class))
        .computeIfAbsent(trigger, k -> new ArrayList<>()).add(t);
  }

  /** Returns every row, in table order. */
  public List<Transition> rows() {
    return Collections.unmodifiableList(rows);
  }

  /** Returns the row that fires for this step in {@code state}, or null when none does. */
  Transition find(FlowState state, Step s) {
    Map<Trigger, List<Transition>> byTrigger = index.get(state);
    List<Transition> candidates = byTrigger == null ? null : byTrigger.get(s.trigger);
    if (candidates == null) {
      return null;
    }
    for (Transition t : candidates) {
      if (t.condition().test(s)) {
        return t;
      }
    }
    return null;
  }
}
