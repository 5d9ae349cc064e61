package org.eccp.sim;

import java.util.HashMap;
import java.util.Map;
import org.eccp.wire.IpAddress;
import org.eccp.wire.PacketType;

/**
 * A redirection middlebox for one simulated network. When a host leaves the network it registers
 * its new address here; for {@code lifetimeNanos} the middlebox then answers for the old address
 * and forwards RSYN packets sent to it to the new address. It drops every other packet sent to an
 * address it answers for.
 *
 * <p>The registration is a simulator-level message: it takes one link delay and is never lost,
 * because the protocol does not define it.
 */
public final class RedirectionMiddlebox {

  private record Redirect(IpAddress newAddress, long expiresAt) {}

  private final String network;
  private final long lifetimeNanos;
  private final Map<IpAddress, Redirect> cache = new HashMap<>();
  private long forwarded;
  private long dropped;

  RedirectionMiddlebox(String network, long lifetimeNanos) {
    this.network = network;
    this.lifetimeNanos = lifetimeNanos;
  }

  String network() {
    return network;
  }

  /** Stores a redirection from {@code oldAddress} to {@code newAddress}, from {@code now} on. */
  void register(long now, IpAddress oldAddress, IpAddress newAddress) {
    cache.put(oldAddress, new Redirect(newAddress, now + lifetimeNanos));
  }

  /** True when the middlebox currently answers for this address. */
  boolean answersFor(long now, IpAddress address) {
    Redirect r = cache.get(address);
    return r != null && r.expiresAt > now;
  }

  /** Returns where to forward this packet, or null when it is dropped here. */
  IpAddress forwardTarget(long now, Datagram d) {
    Redirect r = cache.get(d.dst());
    if (r == null || r.expiresAt <= now) {
      return null;
    }
    if (d.packet().type() != PacketType.RSYN) {
      dropped++;
      return null;
    }
    forwarded++;
    return r.newAddress;
  }

  long forwarded() {
    return forwarded;
  }

  long dropped() {
    return dropped;
  }
}
