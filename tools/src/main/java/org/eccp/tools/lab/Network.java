package org.eccp.tools.lab;

/**
 * One lab network: a veth pair between the router and one host, with an IPv4 /24 and an IPv6 /64.
 *
 * @param name the network name used on the command line, such as {@code net-a}
 * @param host the host on the far side of the router
 * @param hostInterface the interface name in the host's namespace, such as {@code a0}
 * @param routerInterface the interface name in the router's namespace, such as {@code ra}
 * @param ipv4Prefix the first three octets of the /24, such as {@code 198.18.1}
 * @param ipv6Prefix the first four groups of the /64, such as {@code fd00:0:18:1}
 * @param metric the route metric on the host, so that a multi-homed host prefers lower ones
 */
public record Network(
    String name,
    String host,
    String hostInterface,
    String routerInterface,
    String ipv4Prefix,
    String ipv6Prefix,
    int metric) {

  /** The router's host number on every network. */
  public static final int ROUTER_HOST = 1;

  /** Returns the IPv4 address with host number {@code hostNumber}, without a prefix length. */
  public String ipv4(int hostNumber) {
    return ipv4Prefix + "." + hostNumber;
  }

  /**
   * Returns the IPv6 address with host number {@code hostNumber} (the decimal digits written as the
   * last group, so host 10 is {@code ::10}), without a prefix length.
   */
  public String ipv6(int hostNumber) {
    return ipv6Prefix + "::" + hostNumber;
  }

  /** Returns the network in CIDR form, such as {@code 198.18.1.0/24}. */
  public String ipv4Cidr() {
    return ipv4Prefix + ".0/24";
  }

  /** Returns the IPv6 network in CIDR form, such as {@code fd00:0:18:1::/64}. */
  public String ipv6Cidr() {
    return ipv6Prefix + "::/64";
  }
}
