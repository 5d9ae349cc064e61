package org.eccp.tools.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Attaches hosts to networks and detaches them, and keeps each namespace's {@code hosts} file in
 * step with the addresses the hosts have.
 */
final class Attachments {

  private final Ip ip;
  private final LabPrefix prefix;
  private final LabPaths paths;
  private final Topology topology;

  Attachments(Ip ip, LabPrefix prefix, LabPaths paths, Topology topology) {
    this.ip = ip;
    this.prefix = prefix;
    this.paths = paths;
    this.topology = topology;
  }

  /**
   * Brings the host's interface on {@code network} up with a fresh address from {@code state}, and
   * adds routes to the lab's IPv4 and IPv6 ranges through the router. Nothing else is routed, so
   * an address outside the lab has no route.
   */
  LabState.Assignment attach(LabState state, String host, Network network) throws LabException {
    String ns = prefix.namespace(host);
    String dev = network.hostInterface();
    String metric = Integer.toString(network.metric());
    LabState.Assignment assignment = state.assign(host, network);
    // Flush before the address exists: a flush after it would race with the host's first
    // packets from the new address and leave the router's fresh entry FAILED for about 1 s.
    forgetNeighbours(network);
    ip.in(ns, "link", "set", dev, "up");
    ip.in(ns, "addr", "add", assignment.ipv4() + "/24", "dev", dev);
    // nodad: the address is usable at once instead of after about a second of duplicate detection.
    ip.in(ns, "addr", "add", assignment.ipv6() + "/64", "dev", dev, "nodad");
    ip.in(ns, "route", "add", Topology.LAB_IPV4_RANGE, "via", network.ipv4(Network.ROUTER_HOST),
        "dev", dev, "metric", metric);
    ip.in(ns, "-6", "route", "add", Topology.LAB_IPV6_RANGE, "via", network.ipv6(Network.ROUTER_HOST),
        "dev", dev, "metric", metric);
    routeBySource(ns, network);
    return assignment;
  }

  /**
   * Makes packets from the host's addresses on {@code network} leave through that network's
   * interface, as a multi-homed host with source routing does. Without it the kernel picks the
   * route by destination alone, so a host on two networks would send from both addresses through
   * the one with the lower metric. Each network gets a routing table numbered like its metric and
   * a rule for its prefixes. The table's routes go when the interface goes down, and the rule then
   * finds nothing and the main table decides.
   */
  private void routeBySource(String ns, Network network) throws LabException {
    String dev = network.hostInterface();
    String table = Integer.toString(network.metric());
    ip.in(ns, "route", "replace", Topology.LAB_IPV4_RANGE, "via",
        network.ipv4(Network.ROUTER_HOST), "dev", dev, "table", table);
    ip.in(ns, "-6", "route", "replace", Topology.LAB_IPV6_RANGE, "via",
        network.ipv6(Network.ROUTER_HOST), "dev", dev, "table", table);
    // Deleted first, because adding a rule that exists fails.
    ip.tryIn(ns, "rule", "del", "from", network.ipv4Cidr(), "table", table);
    ip.in(ns, "rule", "add", "from", network.ipv4Cidr(), "table", table);
    ip.tryIn(ns, "-6", "rule", "del", "from", network.ipv6Cidr(), "table", table);
    ip.in(ns, "-6", "rule", "add", "from", network.ipv6Cidr(), "table", table);
  }

  /** Removes the host's addresses on {@code network} and takes the interface down (its routes go with it). */
  void detach(String host, Network network) throws LabException {
    String ns = prefix.namespace(host);
    ip.in(ns, "addr", "flush", "dev", network.hostInterface());
    ip.in(ns, "link", "set", network.hostInterface(), "down");
    forgetNeighbours(network);
  }

  /** Returns whether the host has a lab address on {@code network}, read from its namespace. */
  boolean isAttached(String host, Network network) throws LabException {
    return ip.interfaces(prefix.namespace(host)).stream()
        .anyMatch(i -> i.name().equals(network.hostInterface()) && !i.labAddresses().isEmpty());
  }

  /** Returns the networks the host has a lab address on, read from its namespace. */
  List<Network> attachedNetworks(String host) throws LabException {
    List<Ip.InterfaceInfo> interfaces = ip.interfaces(prefix.namespace(host));
    List<Network> attached = new ArrayList<>();
    for (Network network : topology.networksOf(host)) {
      if (interfaces.stream().anyMatch(i -> i.name().equals(network.hostInterface()) && !i.labAddresses().isEmpty())) {
        attached.add(network);
      }
    }
    return attached;
  }

  /**
   * Rewrites {@code /etc/netns/<namespace>/hosts} in every lab namespace so that the names
   * {@code client} and {@code server} resolve to their current addresses (IPv4 first).
   */
  void writeHostsFiles() throws LabException {
    StringBuilder text = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    for (String host : Topology.END_HOSTS) {
      List<String> addresses = hostAddresses(host);
      addresses.stream().filter(a -> !a.contains(":")).forEach(a -> text.append(a).append('\t').append(host).append('\n'));
      addresses.stream().filter(a -> a.contains(":")).forEach(a -> text.append(a).append('\t').append(host).append('\n'));
    }
    for (String role : Topology.ROLES) {
      writeAtomically(paths.netnsDir(prefix.namespace(role)).resolve("hosts"), text.toString());
    }
  }

  private List<String> hostAddresses(String host) throws LabException {
    List<String> addresses = new ArrayList<>();
    for (Ip.InterfaceInfo info : ip.interfaces(prefix.namespace(host))) {
      Optional<Network> network = topology.networksOf(host).stream()
          .filter(n -> n.hostInterface().equals(info.name())).findFirst();
      if (network.isPresent()) {
        info.labAddresses().forEach(a -> addresses.add(a.substring(0, a.indexOf('/'))));
      }
    }
    return addresses;
  }

  private void forgetNeighbours(Network network) throws LabException {
    // Stale entries would keep pointing at the old address's MAC; a failure here is harmless.
    ip.tryIn(prefix.namespace(Topology.ROUTER), "neigh", "flush", "dev", network.routerInterface());
  }

  private static void writeAtomically(Path file, String text) throws LabException {
    try {
      LabFiles.writeAtomically(file, text);
    } catch (IOException e) {
      throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
