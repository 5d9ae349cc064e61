package org.eccp.engine;

/**
 * The source of the engine's random numbers (flowIDs, nonces, initial versions). The engine never
 * creates randomness itself: production passes a {@link SecureEntropy}, tests and simulators a
 * {@link SeededEntropy} so that a run can be replayed.
 */
public interface EntropySource {
  int nextInt();

  long nextLong();

  /**
   * Returns an independent source in the same state, so that a copied engine draws the same
   * numbers as the original. A source that cannot be replayed may return itself.
   */
  EntropySource copy();
}
