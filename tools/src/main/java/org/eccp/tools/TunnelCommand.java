package org.eccp.tools;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.eccp.stack.StackConfig;
import org.eccp.tools.control.ControlSocket;
import org.eccp.tools.endpoint.StackOptions;
import org.eccp.tunnel.Tunnel;
import org.eccp.tunnel.TunnelConfig;
import org.eccp.tunnel.TunnelStatus;
import org.eccp.wire.IpAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one end of the roaming IP tunnel until SIGINT or SIGTERM. */
@Command(
    name = "tunnel",
    mixinStandardHelpOptions = true,
    description = "Carry IP packets between two hosts over ECCP, across address changes.")
final class TunnelCommand implements Callable<Integer> {

  @Option(names = "--listen", description = "Be the server end: accept the tunnel connection.")
  boolean listen;

  @Option(names = "--peer", paramLabel = "ADDR",
      description = "Be the client end: connect to the server end at this IPv4 address.")
  String peer;

  @Option(names = "--bind", paramLabel = "ADDR",
      description = "Use only this local IPv4 address (repeatable). Default: every IPv4 address "
          + "except loopback, link-local, 198.19.255.0/24 and the tunnel's own, "
          + "as they come and go.")
  List<String> bind = new ArrayList<>();

  @Option(names = "--inner", paramLabel = "ADDR/PREFIX",
      description = "The TUN device's address. Default: " + TunnelConfig.SERVER_INNER
          + " on the server end, " + TunnelConfig.CLIENT_INNER + " on the client end.")
  String inner;

  @Option(names = "--udp", paramLabel = "PORT",
      description = "Carry ECCP in UDP on this port (both ends) instead of IP protocol 253.")
  Integer udpPort;

  @Option(names = "--paths", paramLabel = "MODE", defaultValue = "failover",
      description = "failover: one flow, moved when its address goes (default); "
          + "stripe: a flow from every local address, packets spread over them.")
  String paths;

  @Option(names = "--prefer", paramLabel = "IFACE[,IFACE...]", split = ",",
      description = "Prefer these interfaces, most preferred first, to all others. failover: "
          + "the client keeps a flow ready from each address and sends on the most preferred "
          + "interface's, moving back when it returns; stripe: orders the flows. "
          + "Names as 'ip link' shows them.")
  List<String> prefer = new ArrayList<>();

  @Option(names = "--pcap", paramLabel = "FILE",
      description = "Write every outer ECCP packet sent and received to FILE (pcap, whole "
          + "packets: about as large as the traffic).")
  Path pcap;

  @Option(names = "--dev", paramLabel = "NAME", defaultValue = "eccp0",
      description = "The TUN device's name (default: ${DEFAULT-VALUE}).")
  String device;

  @Override
  public Integer call() throws Exception {
    TunnelConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      System.err.println("eccp tunnel: " + e.getMessage());
      return 2;
    }
    StackOptions.configureLogging("info");
    Tunnel tunnel;
    try {
      tunnel = Tunnel.start(config);
    } catch (IOException e) {
      System.err.println("eccp tunnel: cannot start: " + StackOptions.explain(e,
          "a TUN device and raw sockets need root and /dev/net/tun"));
      return 1;
    }
    ControlSocket control = openControl(tunnel);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (control != null) {
        control.close();
      }
      tunnel.close();
      stopped.countDown();
      // Stopping on a signal is the normal end: exit 0.
      Runtime.getRuntime().halt(0);
    }, "eccp-tunnel-stop"));
    stopped.await();
    return 0;
  }

  /** Opens the status socket; the tunnel runs on without it when that fails. */
  private ControlSocket openControl(Tunnel tunnel) {
    try {
      return ControlSocket.open("tunnel-" + device + "-" + ProcessHandle.current().pid(),
          () -> TunnelStatus.of(tunnel));
    } catch (IOException e) {
      System.err.println("eccp tunnel: no status socket in " + ControlSocket.DIRECTORY + ": "
          + e.getMessage() + "; eccp status will not list this tunnel");
      return null;
    }
  }

  TunnelConfig config() {
    if (listen == (peer != null)) {
      throw new IllegalArgumentException(
          "give either --listen (server end) or --peer ADDR (client end), not both or neither");
    }
    boolean stripe = switch (paths) {
      case "failover" -> false;
      case "stripe" -> true;
      default -> throw new IllegalArgumentException("invalid --paths '" + paths
          + "': use failover or stripe");
    };
    IpAddress peerAddress = peer == null ? null : parseAddress("--peer", peer);
    if (peerAddress != null && peerAddress.isV6()) {
      throw new IllegalArgumentException("invalid --peer " + peer + ": use an IPv4 address");
    }
    String innerCidr = inner != null ? inner
        : listen ? TunnelConfig.SERVER_INNER : TunnelConfig.CLIENT_INNER;
    checkCidr(innerCidr);
    int slash = innerCidr.indexOf('/');
    List<IpAddress> bound = new ArrayList<>();
    for (String b : bind) {
      IpAddress a = parseAddress("--bind", b);
      if (a.isV6()) {
        throw new IllegalArgumentException("invalid --bind " + b
            + ": the tunnel's outer addresses are IPv4 only; bind an IPv4 address");
      }
      bound.add(a);
    }
    InnerAddressCheck.check(IpAddress.parse(innerCidr.substring(0, slash)),
        Integer.parseInt(innerCidr.substring(slash + 1)), peerAddress, bound,
        InnerAddressCheck.hostNets(device));
    if (!device.matches("[a-zA-Z0-9_.-]{1,15}")) {
      throw new IllegalArgumentException("invalid --dev '" + device
          + "': use up to 15 letters, digits, '.', '_' or '-'");
    }
    StackConfig stack = StackOptions.config(bind, udpPort, false).withListen(listen)
        .withPcap(pcap);
    int mtu = TunnelConfig.innerMtu(TunnelConfig.OUTER_MTU, udpPort != null);
    checkPrefer(prefer, hostInterfaces());
    return new TunnelConfig(stack, peerAddress, device, innerCidr, mtu, stripe, prefer);
  }

  /**
   * Checks the --prefer names: each names an interface of this host, once. The TUN device is
   * not one of them: it carries the tunnel, not ECCP.
   */
  static void checkPrefer(List<String> names, Set<String> known) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (name.isEmpty()) {
        throw new IllegalArgumentException("invalid --prefer: an empty interface name; give "
            + "names separated by commas, such as --prefer b0,a0");
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown interface '" + name + "' in --prefer: use "
            + "names that 'ip link' lists here: " + String.join(", ", new TreeSet<>(known)));
      }
      if (!seen.add(name)) {
        throw new IllegalArgumentException("interface '" + name + "' is named twice in "
            + "--prefer: name each interface once, most preferred first");
      }
    }
  }

  /** Returns the names of this network namespace's interfaces. */
  private static Set<String> hostInterfaces() {
    Set<String> names = new HashSet<>();
    try {
      for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        names.add(n.getName());
      }
    } catch (SocketException e) {
      throw new IllegalArgumentException("cannot list the interfaces for --prefer: "
          + e.getMessage(), e);
    }
    return names;
  }

  private static IpAddress parseAddress(String option, String literal) {
    try {
      return IpAddress.parse(literal);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid " + option + " '" + literal
          + "': use an IPv4 address such as 198.19.1.10");
    }
  }

  private static void checkCidr(String cidr) {
    int slash = cidr.indexOf('/');
    String fix = "': use an address with a prefix length, such as " + TunnelConfig.CLIENT_INNER;
    if (slash < 0) {
      throw new IllegalArgumentException("invalid --inner '" + cidr + fix);
    }
    IpAddress a = parseAddress("--inner", cidr.substring(0, slash));
    int max = a.isV6() ? 128 : 32;
    try {
      int p = Integer.parseInt(cidr.substring(slash + 1));
      if (p < 1 || p > max) {
        throw new IllegalArgumentException("invalid --inner '" + cidr + fix);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid --inner '" + cidr + fix, e);
    }
  }
}
