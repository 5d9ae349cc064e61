package org.eccp.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.eccp.wire.IpAddress;

/**
 * The simulated IP network: which host holds which address, how each link treats packets, and
 * the optional redirection middlebox of each network. Networks are IPv4 /24 prefixes in
 * 198.18.0.0/15; {@link #address(int, int)} builds their addresses.
 */
public final class SimNetwork {
  /** How many times one packet may be redirected, so that a redirection loop ends. */
  static final int MAX_REDIRECTS = 4;

  private final Map<IpAddress, String> owners = new HashMap<>();
  private final java.util.Set<IpAddress> released = new java.util.HashSet<>();
  private final Map<Integer, String> networkNames = new HashMap<>();
  private final Map<String, RedirectionMiddlebox> middleboxes = new HashMap<>();
  private final Map<String, LinkProfile> linkProfiles = new HashMap<>();
  private final java.util.List<PacketRule> rules = new java.util.ArrayList<>();
  private final Map<String, Bottleneck> bottlenecks = new HashMap<>();
  private LinkProfile defaultProfile = LinkProfile.CLEAN;
  private long nextPacketId = 1;
  private long sent;
  private long lost;
  private long duplicated;
  private long reordered;
  private long unroutable;

  /** Returns 198.18.{network}.{host}. */
  public static IpAddress address(int network, int host) {
    if (network < 0 || network > 255 || host < 1 || host > 254) {
      throw new IllegalArgumentException("network 0..255 and host 1..254, not " + network + "/" + host);
    }
    return IpAddress.v4((198 << 24) | (18 << 16) | (network << 8) | host);
  }

  /** Names the /24 network that holds {@code sample}. */
  public void defineNetwork(String name, IpAddress sample) {
    networkNames.put(sample.v4Bits() >>> 8, name);
  }

  /** Returns the name of the network that holds this address, or its /24 in text. */
  String networkOf(IpAddress a) {
    String name = networkNames.get(a.v4Bits() >>> 8);
    return name != null ? name : a + "/24";
  }

  public void addMiddlebox(String network, long lifetimeNanos) {
    middleboxes.put(network, new RedirectionMiddlebox(network, lifetimeNanos));
  }

  RedirectionMiddlebox middlebox(String network) {
    return middleboxes.get(network);
  }

  /** Adds a scripted fault; rules are tried in the order they were added. */
  public void addRule(PacketRule rule) {
    rules.add(rule);
  }

  public void setDefaultProfile(LinkProfile p) {
    defaultProfile = p;
  }

  /** Sets the profile of packets sent from network {@code from} to network {@code to}. */
  public void setLinkProfile(String from, String to, LinkProfile p) {
    linkProfiles.put(from + ">" + to, p);
  }

  /**
   * Limits packets sent from network {@code from} to network {@code to} to {@code bitsPerSecond},
   * with a tail-drop queue of {@code queueBytes} in front of the link, as a token-bucket shaper
   * does. Such a link keeps its packets in order: its profile's jitter and reordering are ignored.
   */
  public void setBottleneck(String from, String to, long bitsPerSecond, int queueBytes) {
    bottlenecks.put(from + ">" + to, new Bottleneck(bitsPerSecond, queueBytes));
  }

  /** Drops every per-link profile, so the default applies everywhere. */
  void clearLinkProfiles() {
    linkProfiles.clear();
  }

  LinkProfile profile(IpAddress src, IpAddress dst) {
    return linkProfiles.getOrDefault(networkOf(src) + ">" + networkOf(dst), defaultProfile);
  }

  void assign(IpAddress a, String host) {
    String previous = owners.putIfAbsent(a, host);
    if (previous != null && !previous.equals(host)) {
      throw new IllegalStateException(a + " is already held by " + previous);
    }
  }

  void release(IpAddress a) {
    owners.remove(a);
    released.add(a);
  }

  /** True when some host has given this address up during the run. */
  boolean wasReleased(IpAddress a) {
    return released.contains(a);
  }

  /** Returns the host that holds this address, or null. */
  String ownerOf(IpAddress a) {
    return owners.get(a);
  }

  long newPacketId() {
    return nextPacketId++;
  }

  /**
   * Sends one packet: drawn against the link's loss, duplication and reordering chances, then
   * scheduled to arrive after the link delay.
   */
  void send(Simulation sim, Datagram d) {
    sent++;
    SplittableRandom rnd = sim.random();
    LinkProfile p = profile(d.src(), d.dst());
    for (PacketRule rule : rules) {
      if (rule.applies(d)) {
        sim.trace().highlight(sim.now(), (rule.drops() ? "drops " : "holds back ") + d.describe()
            + " (" + rule.description() + ")");
        if (rule.drops()) {
          return;
        }
        long delay = p.delayNanos() + rule.extraDelayNanos();
        sim.schedule(sim.now() + delay, s -> arrive(s, d));
        return;
      }
    }
    if (p.loss() > 0 && rnd.nextDouble() < p.loss()) {
      lost++;
      sim.trace().add(sim.now(), "lost " + d.describe());
      return;
    }
    Bottleneck b = bottlenecks.get(networkOf(d.src()) + ">" + networkOf(d.dst()));
    if (b != null) {
      long leaves = b.admit(sim.now(), d.wire() != null ? d.wire().length : d.payload().length);
      if (leaves < 0) {
        lost++;
        sim.trace().add(sim.now(), "queue full, dropped " + d.describe());
      } else {
        sim.schedule(leaves + p.delayNanos(), s -> arrive(s, d));
      }
      return;
    }
    scheduleArrival(sim, d, p, rnd);
    if (p.duplication() > 0 && rnd.nextDouble() < p.duplication()) {
      duplicated++;
      sim.trace().add(sim.now(), "duplicated #" + d.id());
      scheduleArrival(sim, d, p, rnd);
    }
  }

  private void scheduleArrival(Simulation sim, Datagram d, LinkProfile p, SplittableRandom rnd) {
    long delay = p.delayNanos() + (p.jitterNanos() > 0 ? rnd.nextLong(p.jitterNanos()) : 0);
    if (p.reorder() > 0 && rnd.nextDouble() < p.reorder()) {
      reordered++;
      delay += 1 + rnd.nextLong(Math.max(1, p.reorderExtraNanos()));
    }
    sim.schedule(sim.now() + delay, s -> arrive(s, d));
  }

  /** Puts a packet that no simulated host sent on the wire, e.g. a forged one. */
  public void inject(Simulation sim, Datagram d) {
    sim.trace().highlight(sim.now(), "injects " + d.describe());
    send(sim, d);
  }

  /** Hands an arriving packet to the host that holds its destination, or to a middlebox. */
  void arrive(Simulation sim, Datagram d) {
    String owner = ownerOf(d.dst());
    if (owner != null) {
      sim.deliver(owner, d);
      return;
    }
    RedirectionMiddlebox box = middleboxes.get(networkOf(d.dst()));
    if (box != null && box.answersFor(sim.now(), d.dst())) {
      IpAddress target = box.forwardTarget(sim.now(), d);
      if (target != null && d.redirects() < MAX_REDIRECTS) {
        sim.trace().highlight(sim.now(), "middlebox " + box.network() + " forwards " + d.describe()
            + " to " + target);
        Datagram forwarded = d.redirectedTo(target);
        scheduleArrival(sim, forwarded, profile(d.dst(), target), sim.random());
      } else {
        sim.trace().add(sim.now(), "middlebox " + box.network() + " drops " + d.describe());
      }
      return;
    }
    unroutable++;
    sim.trace().add(sim.now(), "no host holds " + d.dst() + ", dropped " + d.describe());
  }

  /** Returns the network counters as text. */
  String countersText() {
    return "sent=" + sent + " lost=" + lost + " duplicated=" + duplicated + " reordered="
        + reordered + " unroutable=" + unroutable;
  }
}
