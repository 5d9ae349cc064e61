package org.eccp.sim;

/**
 * How the simulated network treats each packet: a one-way delay with uniform jitter, and
 * independent chances of loss, duplication and reordering. A reordered packet is held back by an
 * extra delay of up to {@code reorderExtraNanos}, so packets sent after it overtake it.
 *
 * @param delayNanos base one-way delay
 * @param jitterNanos the delay varies uniformly in [delay, delay + jitter)
 * @param loss chance that a packet is dropped, 0 to 1
 * @param duplication chance that a packet is delivered twice, 0 to 1
 * @param reorder chance that a packet is held back, 0 to 1
 * @param reorderExtraNanos the longest extra delay of a held-back packet
 */
public record LinkProfile(
    long delayNanos, long jitterNanos, double loss, double duplication, double reorder,
    long reorderExtraNanos) {

  public static final long MILLIS = 1_000_000L;

  /** A well-behaved link: 10 ms delay, 2 ms jitter, no loss, no duplication, no reordering. */
  public static final LinkProfile CLEAN = new LinkProfile(10 * MILLIS, 2 * MILLIS, 0, 0, 0, 0);

  public LinkProfile {
    checkProbability("loss", loss);
    checkProbability("duplication", duplication);
    checkProbability("reorder", reorder);
    if (delayNanos < 0 || jitterNanos < 0 || reorderExtraNanos < 0) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** Returns a link with the clean delays and these misbehaviour chances. */
  public static LinkProfile misbehaving(double loss, double duplication, double reorder) {
    return new LinkProfile(10 * MILLIS, 2 * MILLIS, loss, duplication, reorder, 60 * MILLIS);
  }

  private static void checkProbability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " probability " + p + " is outside [0, 1]");
    }
  }
}
