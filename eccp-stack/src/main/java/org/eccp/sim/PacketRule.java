package org.eccp.sim;

import java.util.function.Predicate;

/**
 * A scripted fault for a scenario: the next {@code times} packets that match are dropped, or held
 * back by {@code extraDelayNanos}. Rules apply before the link profile.
 */
public final class PacketRule {
  private final String description;
  private final Predicate<Datagram> match;
  private final boolean drop;
  private final long extraDelayNanos;
  private int remaining;

  private PacketRule(String description, Predicate<Datagram> match, boolean drop, long extraDelay,
      int times) {
    this.description = description;
    this.match = match;
    this.drop = drop;
    this.extraDelayNanos = extraDelay;
    this.remaining = times;
  }

  /** Drops the next {@code times} packets that match. */
  public static PacketRule drop(String description, Predicate<Datagram> match, int times) {
    return new PacketRule(description, match, true, 0, times);
  }

  /** Holds the next {@code times} packets that match back by {@code extraDelayNanos}. */
  public static PacketRule delay(String description, Predicate<Datagram> match, long extraDelayNanos,
      int times) {
    return new PacketRule(description, match, false, extraDelayNanos, times);
  }

  /** True when this rule takes the packet; it then counts one use. */
  boolean applies(Datagram d) {
    if (remaining <= 0 || !match.test(d)) {
      return false;
    }
    remaining--;
    return true;
  }

  boolean drops() {
    return drop;
  }

  long extraDelayNanos() {
    return extraDelayNanos;
  }

  String description() {
    return description;
  }
}
