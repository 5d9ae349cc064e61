package org.eccp.engine;

/** A replayable source: SplitMix64 over one long of state. Not for production use. */
public final class SeededEntropy implements EntropySource {
  private long state;

  public SeededEntropy(long seed) {
    this.state = seed;
  }

  @Override
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public int nextInt() {
    return (int) (nextLong() >>> 32);
  }

  @Override
  public EntropySource copy() {
    return new SeededEntropy(state);
  }
}
