package org.eccp.tools;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eccp.wire.IpAddress;

/**
 * Checks that a tunnel's IPv4 inner address is usable: a unicast host address of its network,
 * clear of the host's own networks, of {@code --peer} and of {@code --bind}. Each failure is an
 * {@link IllegalArgumentException} whose message names the clash.
 */
final class InnerAddressCheck {
  /** An IPv4 network of one of the host's interfaces. */
  record HostNet(String device, IpAddress address, int prefix) {}

  private InnerAddressCheck() {}

  static void check(IpAddress inner, int prefix, IpAddress peer, List<IpAddress> bind,
      List<HostNet> hostNets) {
    if (inner.isV6()) {
      return;
    }
    String cidr = inner + "/" + prefix;
    int bits = inner.v4Bits();
    int first = bits >>> 24;
    if (first == 0 || first == 127 || first >= 224) {
      throw new IllegalArgumentException("invalid --inner " + cidr
          + ": not a unicast host address (0.0.0.0/8, 127.0.0.0/8, multicast and 240.0.0.0/4"
          + " are not); use one such as 198.19.255.2/30");
    }
    int mask = mask(prefix);
    if (prefix <= 30 && ((bits & ~mask) == 0 || (bits & ~mask) == ~mask)) {
      throw new IllegalArgumentException("invalid --inner " + cidr
          + ": that is the network's " + ((bits & ~mask) == 0 ? "network" : "broadcast")
          + " address; use a host address such as 198.19.255.2/30");
    }
    if (peer != null && !peer.isV6() && sameNet(peer, bits, mask)) {
      throw new IllegalArgumentException("--peer " + peer + " is inside the tunnel's own inner"
          + " network " + cidr + ": give the server's outer address, or another --inner");
    }
    for (IpAddress b : bind) {
      if (!b.isV6() && (b.v4Bits() >>> 24) == 127) {
        throw new IllegalArgumentException("invalid --bind " + b
            + ": loopback cannot reach another host; bind an outer IPv4 address");
      }
      if (!b.isV6() && sameNet(b, bits, mask)) {
        throw new IllegalArgumentException("--bind " + b + " is inside the tunnel's inner network "
            + cidr + ": bind an outer address, or choose another --inner");
      }
    }
    for (HostNet n : hostNets) {
      int m = mask(Math.min(prefix, n.prefix()));
      if ((n.address().v4Bits() & m) == (bits & m)) {
        throw new IllegalArgumentException("--inner " + cidr + " clashes with " + n.address() + "/"
            + n.prefix() + " on " + n.device() + ": choose an inner network that no interface of"
            + " this host uses, such as 198.19.255.0/30");
      }
    }
  }

  /** The IPv4 networks on this host's interfaces, leaving out loopback and {@code ownDevice}. */
  static List<HostNet> hostNets(String ownDevice) {
    List<HostNet> nets = new ArrayList<>();
    try {
      for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (i.isLoopback() || i.getName().equals(ownDevice)) {
          continue;
        }
        for (InterfaceAddress a : i.getInterfaceAddresses()) {
          if (a.getAddress() instanceof Inet4Address v4) {
            nets.add(new HostNet(i.getName(), IpAddress.of(v4.getAddress()),
                a.getNetworkPrefixLength()));
          }
        }
      }
    } catch (SocketException e) {
      return List.of();
    }
    return nets;
  }

  private static boolean sameNet(IpAddress a, int bits, int mask) {
    return (a.v4Bits() & mask) == (bits & mask);
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }
}
