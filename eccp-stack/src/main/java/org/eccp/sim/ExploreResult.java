package org.eccp.sim;

import java.util.List;

/**
 * The outcome of an exhaustive exploration.
 *
 * @param config the bounds
 * @param states distinct states reached (by 64-bit hash)
 * @param transitions transitions taken
 * @param maxDepth the longest shortest path from the initial state
 * @param goalStates states where the connection is synchronised on every flow
 * @param complete false when {@code maxStates} cut the search short
 * @param millis wall-clock time of the search
 * @param violation the first broken property, or null
 * @param trace the actions from the initial state to the violation, empty when none
 */
public record ExploreResult(ExploreConfig config, long states, long transitions, int maxDepth,
    long goalStates, boolean complete, long millis, Violation violation, List<String> trace) {

  public boolean passed() {
    return violation == null;
  }
}
