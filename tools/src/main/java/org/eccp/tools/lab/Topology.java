package org.eccp.tools.lab;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A built-in lab layout: the networks around the router and where each host starts attached.
 *
 * <p>Client-side networks use 198.18.N.0/24 and fd00:0:18:N::/64; server-side networks use
 * 198.19.N.0/24 and fd00:0:19:N::/64. The router is host 1 on each of them.
 */
public record Topology(String name, String description, List<Network> networks, Map<String, List<String>> startNetworks) {

  public static final String CLIENT = "client";
  public static final String SERVER = "server";
  public static final String ROUTER = "router";

  /** The two end hosts, which can move between networks. */
  public static final List<String> END_HOSTS = List.of(CLIENT, SERVER);

  /** Every namespace role in a lab, in the order they are created. */
  public static final List<String> ROLES = List.of(ROUTER, CLIENT, SERVER);

  /** IPv4 range that contains every lab network, used for the hosts' routes. */
  public static final String LAB_IPV4_RANGE = "198.18.0.0/15";

  /** IPv6 range that contains every lab network, used for the hosts' routes. */
  public static final String LAB_IPV6_RANGE = "fd00::/8";

  private static final List<Network> NETWORKS = List.of(
      new Network("net-a", CLIENT, "a0", "ra", "198.18.1", "fd00:0:18:1", 101),
      new Network("net-b", CLIENT, "b0", "rb", "198.18.2", "fd00:0:18:2", 102),
      new Network("net-c", CLIENT, "c0", "rc", "198.18.3", "fd00:0:18:3", 103),
      new Network("net-s", SERVER, "s0", "rs", "198.19.1", "fd00:0:19:1", 101),
      new Network("net-t", SERVER, "t0", "rt", "198.19.2", "fd00:0:19:2", 102));

  private static final List<Topology> BUILT_IN = List.of(
      new Topology("default", "client on net-a, server on net-s", NETWORKS,
          Map.of(CLIENT, List.of("net-a"), SERVER, List.of("net-s"))),
      new Topology("multihomed", "client on net-a and net-b, server on net-s", NETWORKS,
          Map.of(CLIENT, List.of("net-a", "net-b"), SERVER, List.of("net-s"))));

  /** Returns the built-in topologies. */
  public static List<Topology> builtIn() {
    return BUILT_IN;
  }

  /** Returns the built-in topology called {@code name}, if there is one. */
  public static Optional<Topology> byName(String name) {
    return BUILT_IN.stream().filter(t -> t.name.equals(name)).findFirst();
  }

  /** Returns the names of the built-in topologies, comma-separated. */
  public static String builtInNames() {
    return BUILT_IN.stream().map(Topology::name).collect(Collectors.joining(", "));
  }

  /** Returns the network called {@code name}, if this topology has it. */
  public Optional<Network> network(String name) {
    return networks.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** Returns the networks that {@code host} can attach to. */
  public List<Network> networksOf(String host) {
    return networks.stream().filter(n -> n.host().equals(host)).toList();
  }

  /** Returns the names of every network, comma-separated. */
  public String networkNames() {
    return networks.stream().map(Network::name).collect(Collectors.joining(", "));
  }
}
