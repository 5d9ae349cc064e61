package org.eccp.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** The engine's counters and the number of times each flow state was entered. */
public final class Counters {
  private final long[] values = new long[Counter.values().length];
  private final long[] stateEntries = new long[FlowState.values().length];

  public long get(Counter c) {
    return values[c.ordinal()];
  }

  /** Returns how many times a flow entered {@code s}. */
  public long entered(FlowState s) {
    return stateEntries[s.ordinal()];
  }

  void add(Counter c) {
    values[c.ordinal()]++;
  }

  void enter(FlowState s) {
    stateEntries[s.ordinal()]++;
  }

  Counters copy() {
    Counters c = new Counters();
    System.arraycopy(values, 0, c.values, 0, values.length);
    System.arraycopy(stateEntries, 0, c.stateEntries, 0, stateEntries.length);
    return c;
  }

  /** Returns every counter by name (states as {@code state.NAME}), zeros included, in a fixed order. */
  public Map<String, Long> asMap() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Counter c : Counter.values()) {
      m.put(c.label(), values[c.ordinal()]);
    }
    for (FlowState s : FlowState.values()) {
      m.put("state." + s.name(), stateEntries[s.ordinal()]);
    }
    return m;
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
