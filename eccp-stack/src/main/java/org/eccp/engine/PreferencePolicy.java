package org.eccp.engine;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eccp.wire.IpAddress;

/**
 * The default policy. It avoids metered interfaces, then takes the lowest preference, then the
 * lowest cost. Among equals it keeps the hint, then takes the lowest interface index and address.
 */
public final class PreferencePolicy implements InterfacePolicy {
  /** The properties of one interface that the policy compares. */
  public record Traits(int preference, int cost, boolean metered) {
    public static final Traits NEUTRAL = new Traits(0, 0, false);
  }

  private final Map<Integer, Traits> byInterface;
  private final Traits others;

  /** Creates a policy that treats every interface alike. */
  public PreferencePolicy() {
    this(Map.of());
  }

  public PreferencePolicy(Map<Integer, Traits> byInterface) {
    this(byInterface, Traits.NEUTRAL);
  }

  /** Creates a policy with traits per interface index and {@code others} for the rest. */
  public PreferencePolicy(Map<Integer, Traits> byInterface, Traits others) {
    this.byInterface = Map.copyOf(byInterface);
    this.others = others;
  }

  /**
   * Returns a policy that prefers the interfaces in {@code ifIndexes} in that order (preference
   * 0, 1, ...) to every other interface (preference {@code ifIndexes.size()}).
   */
  public static PreferencePolicy ranked(List<Integer> ifIndexes) {
    Map<Integer, Traits> ranks = new HashMap<>();
    for (int i = 0; i < ifIndexes.size(); i++) {
      ranks.putIfAbsent(ifIndexes.get(i), new Traits(i, 0, false));
    }
    return new PreferencePolicy(ranks, new Traits(ifIndexes.size(), 0, false));
  }

  private Traits traits(LocalAddress a) {
    return byInterface.getOrDefault(a.ifIndex(), others);
  }

  @Override
  public LocalAddress choose(List<LocalAddress> candidates, IpAddress remote, IpAddress hint) {
    Comparator<LocalAddress> order = Comparator
        .comparing((LocalAddress a) -> traits(a).metered())
        .thenComparingInt(a -> traits(a).preference())
        .thenComparingInt(a -> traits(a).cost())
        .thenComparing(a -> !a.address().equals(hint))
        .thenComparingInt(LocalAddress::ifIndex)
        .thenComparing(LocalAddress::address);
    return candidates.stream().min(order).orElseThrow();
  }

  @Override
  public int preference(LocalAddress address) {
    return Math.min(255, Math.max(0, traits(address).preference()));
  }
}
