package org.eccp.sim;

import org.eccp.engine.Engine;
import org.eccp.engine.EngineConfig;
import org.eccp.engine.EntropySource;
import org.eccp.engine.PreferencePolicy;
import org.eccp.engine.SeededEntropy;

/**
 * Makes the engine of each simulated host. Tests pass their own factory to run a modified engine
 * (fault injection) or a chosen entropy source.
 */
@FunctionalInterface
public interface EngineFactory {

  /** Returns a fresh engine for host {@code hostName}, drawing its randomness from {@code seed}. */
  HostEngine create(String hostName, long seed);

  /** The real engine with the default configuration and a seeded entropy source. */
  EngineFactory DEFAULT = (host, seed) -> withEntropy(new SeededEntropy(seed));

  /** Returns the real engine with the default configuration and the given entropy source. */
  static HostEngine withEntropy(EntropySource entropy) {
    return HostEngine.of(new Engine(EngineConfig.defaults(), entropy, new PreferencePolicy()));
  }
}
