package org.eccp.engine;

import java.security.SecureRandom;

/** The production source: flowIDs and nonces an off-path host cannot predict. */
public final class SecureEntropy implements EntropySource {
  private final SecureRandom random;

  public SecureEntropy() {
    this(new SecureRandom());
  }

  public SecureEntropy(SecureRandom random) {
    this.random = random;
  }

  @Override
  public int nextInt() {
    return random.nextInt();
  }

  @Override
  public long nextLong() {
    return random.nextLong();
  }

  /** Returns this source: secure numbers are not meant to be replayed. */
  @Override
  public EntropySource copy() {
    return this;
  }
}
