package org.eccp.sim;

import org.eccp.engine.EntropySource;

/**
 * An entropy source whose 32-bit draws start just below 2^32 and count down, so that initial
 * versions sit next to the wrap-around. Flow IDs drawn from it stay distinct. 64-bit draws
 * (nonces) come from a seeded source.
 */
final class WrappingEntropy implements EntropySource {
  private final EntropySource longs;
  private int next;

  WrappingEntropy(EntropySource longs, int first) {
    this.longs = longs;
    this.next = first;
  }

  @Override
  public int nextInt() {
    int v = next;
    next -= 1;
    return v;
  }

  @Override
  public long nextLong() {
    return longs.nextLong();
  }

  @Override
  public EntropySource copy() {
    WrappingEntropy c = new WrappingEntropy(longs.copy(), next);
    return c;
  }
}
