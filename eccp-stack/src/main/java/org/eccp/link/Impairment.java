package org.eccp.link;

import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The impairment that a user-space link applies to the packets it sends, as {@code eccp lab
 * impair} writes it to {@code /run/eccp-lab/<lab>/impair/<net>.properties}.
 *
 * @param delayMs added one-way delay, in milliseconds
 * @param jitterMs the delay varies uniformly by up to this much either way, in milliseconds
 * @param loss probability (0 to 1) that a packet is dropped
 * @param dup probability (0 to 1) that a packet is sent twice
 * @param reorder probability (0 to 1) that a packet skips the delay, so it overtakes delayed ones
 * @param rateMbit rate limit in Mbit/s (packets queue behind each other), 0 for none
 * @param seed seed of the random choices
 */
public record Impairment(double delayMs, double jitterMs, double loss, double dup, double reorder,
    double rateMbit, long seed) {
  private static final Logger LOG = LoggerFactory.getLogger(Impairment.class);

  /** No impairment. */
  public static final Impairment NONE = new Impairment(0, 0, 0, 0, 0, 0, 0);

  /** The value of a {@code <knob>_mechanism} key for knobs that user space must apply. */
  static final String USER_SPACE = "user-space";

  public boolean isNone() {
    return delayMs == 0 && jitterMs == 0 && loss == 0 && dup == 0 && reorder == 0
        && rateMbit == 0;
  }

  /**
   * Reads the knobs from the properties that {@code eccp lab impair} writes. A knob is applied
   * only when its {@code <knob>_mechanism} key is absent or {@code user-space}: the lab applies
   * the others in the kernel (tbf, nft) already. An invalid value is logged and read as 0.
   */
  public static Impairment fromProperties(Properties p, String source) {
    return new Impairment(
        knob(p, "delay_ms", "delay", Double.MAX_VALUE, source),
        knob(p, "jitter_ms", "jitter", Double.MAX_VALUE, source),
        knob(p, "loss", "loss", 1, source),
        knob(p, "dup", "dup", 1, source),
        knob(p, "reorder", "reorder", 1, source),
        knob(p, "rate_mbit", "rate", Double.MAX_VALUE, source),
        seed(p, source));
  }

  private static double knob(Properties p, String key, String name, double max, String source) {
    String mechanism = p.getProperty(name + "_mechanism");
    String text = p.getProperty(key);
    if (text == null || (mechanism != null && !USER_SPACE.equals(mechanism.strip()))) {
      return 0;
    }
    try {
      double value = Double.parseDouble(text.strip());
      if (value >= 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    LOG.warn("ignoring invalid {}={} in {}: use a number from 0 to {}", key, text, source,
        max == Double.MAX_VALUE ? "any" : max);
    return 0;
  }

  private static long seed(Properties p, String source) {
    String text = p.getProperty("seed", "0").strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      LOG.warn("ignoring invalid seed={} in {}: use an integer", text, source);
      return 0;
    }
  }
}
