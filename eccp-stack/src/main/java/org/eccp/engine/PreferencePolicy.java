package org.eccp.engine;

import java.util.Comparator;
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

  /** Creates a policy that treats every interface alike. */
  public PreferencePolicy() {
    this(Map.of());
  }

  public PreferencePolicy(Map<Integer, Traits> byInterface) {
    this.byInterface = Map.copyOf(byInterface);
  }

  private Traits traits(LocalAddress a) {
    return byInterface.getOrDefault(a.ifIndex(), Traits.NEUTRAL);
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
