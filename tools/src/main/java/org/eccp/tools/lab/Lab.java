package org.eccp.tools.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network-namespace lab: a router namespace with one veth pair per network to the client and
 * server namespaces. Every operation reads the namespaces for the current addresses and keeps
 * {@code state.json} only for what the kernel does not store.
 */
public final class Lab {

  private static final Logger LOG = LoggerFactory.getLogger(Lab.class);

  private final LabPrefix prefix;
  private final LabPaths paths;
  private final Ip ip;
  private final Optional<String> nft;

  Lab(LabPrefix prefix, LabPaths paths, Ip ip, Optional<String> nftPath) {
    this.prefix = prefix;
    this.paths = paths;
    this.ip = ip;
    this.nft = nftPath;
  }

  /** Opens the lab with {@code prefix} after checking that this process can run one. */
  public static Lab open(LabPrefix prefix) throws LabException {
    LabEnvironment env = LabEnvironment.check();
    return new Lab(prefix, LabPaths.SYSTEM, new Ip(new CommandRunner(), env.ip(), env.tc()), env.nft());
  }

  public LabPrefix prefix() {
    return prefix;
  }

  /** Returns the namespace name of {@code role} (client, server or router) in this lab. */
  public String namespace(String role) {
    return prefix.namespace(role);
  }

  /** The outcome of {@link #up}: whether a lab was built, and what a partial one left behind. */
  public record UpResult(boolean built, Topology topology, List<String> cleaned) {}

  /**
   * Builds the lab unless a complete one is already up. Leftovers of a partial lab are removed
   * first. When a step fails, everything made so far is removed and the failure is thrown.
   */
  public UpResult up(Topology topology) throws LabException {
    return LabFiles.locked(paths, () -> upUnlocked(topology));
  }

  private UpResult upUnlocked(Topology topology) throws LabException {
    Optional<LabState> existing;
    try {
      existing = loadState();
    } catch (LabException unreadable) {
      LOG.warn("rebuilding lab {}: {}", prefix.labName(), unreadable.getMessage());
      existing = Optional.empty();
    }

    boolean knownTopology = existing.isPresent() && Topology.byName(existing.get().topology()).isPresent();
    if (knownTopology && existing.get().complete() && isComplete(topologyOf(existing.get()))) {
      if (!existing.get().topology().equals(topology.name())) {
        throw new LabException("lab " + prefix.labName() + " is already up with topology "
            + existing.get().topology() + ": run 'eccp lab down --prefix " + prefix.value()
            + "' first to build " + topology.name());
      }
      return new UpResult(false, topologyOf(existing.get()), List.of());
    }

    LabCleaner cleaner = new LabCleaner(ip, paths);
    List<String> cleaned = cleaner.remove(prefix);
    if (!cleaned.isEmpty()) {
      LOG.info("removed a partial lab {}: {}", prefix.labName(), cleaned);
    }
    checkNothingForeign(cleaner);

    try {
      build(topology);
    } catch (LabException e) {
      try {
        new LabCleaner(ip, paths).remove(prefix);
      } catch (LabException cleanupFailure) {
        e.addSuppressed(cleanupFailure);
      }
      throw new LabException("building lab " + prefix.labName() + " failed, so everything it made was removed.\n"
          + e.getMessage(), e);
    }
    LOG.info("lab {} is up (topology {})", prefix.labName(), topology.name());
    return new UpResult(true, topology, cleaned);
  }

  /** Throws when a namespace or directory with one of the lab's host names exists that the lab did not make. */
  private void checkNothingForeign(LabCleaner cleaner) throws LabException {
    List<String> foreign = cleaner.foreign(prefix);
    if (!foreign.isEmpty()) {
      throw new LabException("cannot build lab " + prefix.labName() + ": this lab did not make "
          + String.join(", ", foreign) + ", so it leaves them alone. Remove them yourself or choose another --prefix");
    }
  }

  private void build(Topology topology) throws LabException {
    LabState state = new LabState(prefix, topology);
    // The state directory comes first, so that a crash from here on leaves a trace for 'down'.
    storeState(state);

    createNamespaces();
    createNetworks(topology);

    Attachments attachments = attachments(topology);
    for (String host : Topology.END_HOSTS) {
      for (String networkName : topology.startNetworks().get(host)) {
        attachments.attach(state, host, topology.network(networkName).orElseThrow());
      }
    }
    attachments.writeHostsFiles();
    state.markComplete();
    storeState(state);
  }

  private void createNamespaces() throws LabException {
    String sysctl = CommandRunner.find("sysctl").orElseThrow(() -> new LabException(
        "sysctl not found: install the Debian package procps (apt-get install procps)"));
    LabCleaner cleaner = new LabCleaner(ip, paths);
    for (String role : Topology.ROLES) {
      String ns = prefix.namespace(role);
      // The record comes first, so that 'down' removes the namespace even after a crash here.
      cleaner.record(prefix, ns);
      ip.addNamespace(ns);
      ip.in(ns, "link", "set", "lo", "up");
      // Without duplicate address detection, link-local addresses work at once, so the first
      // packet after up or move is not lost to neighbour discovery on a tentative address.
      ip.exec(ns, List.of(sysctl, "-q", "-w", "net.ipv6.conf.all.accept_dad=0",
          "net.ipv6.conf.default.accept_dad=0"), null);
    }
    ip.exec(prefix.namespace(Topology.ROUTER),
        List.of(sysctl, "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1"), null);
  }

  /** Creates each network's veth pair inside the namespaces, so no interface appears in the root namespace. */
  private void createNetworks(Topology topology) throws LabException {
    String router = prefix.namespace(Topology.ROUTER);
    for (Network network : topology.networks()) {
      String dev = network.routerInterface();
      ip.in(router, "link", "add", dev, "type", "veth", "peer", "name", network.hostInterface(),
          "netns", prefix.namespace(network.host()));
      ip.in(router, "addr", "add", network.ipv4(Network.ROUTER_HOST) + "/24", "dev", dev);
      ip.in(router, "addr", "add", network.ipv6(Network.ROUTER_HOST) + "/64", "dev", dev, "nodad");
      ip.in(router, "link", "set", dev, "up");
    }
  }

  /**
   * Lists the namespaces and {@code /etc/netns} directories with this lab's host names that the lab
   * did not make; {@link #down} leaves them alone and {@link #up} refuses to build over them.
   */
  public List<String> foreign() throws LabException {
    return new LabCleaner(ip, paths).foreign(prefix);
  }

  /** Removes the lab, complete or partial, and lists what was removed (empty when nothing was there). */
  public List<String> down() throws LabException {
    return LabFiles.locked(paths, this::downUnlocked);
  }

  private List<String> downUnlocked() throws LabException {
    List<String> removed = new LabCleaner(ip, paths).remove(prefix);
    if (!removed.isEmpty()) {
      LOG.info("lab {} is down", prefix.labName());
    }
    return removed;
  }

  /** Removes every test lab ({@code eccpt-} prefix) that has a state directory; lists what was removed. */
  public static List<String> downAllTestLabs() throws LabException {
    LabEnvironment env = LabEnvironment.check();
    Ip ip = new Ip(new CommandRunner(), env.ip(), env.tc());
    LabCleaner cleaner = new LabCleaner(ip, LabPaths.SYSTEM);
    List<String> removed = new ArrayList<>();
    return LabFiles.locked(LabPaths.SYSTEM, () -> {
      for (LabPrefix testLab : cleaner.testLabs()) {
        removed.addAll(cleaner.remove(testLab));
      }
      return removed;
    });
  }

  /**
   * Detaches {@code host} from every network and attaches it to {@code networkName} with a new
   * address, as a laptop does when it joins another Wi-Fi network.
   */
  public LabState.Assignment move(String host, String networkName) throws LabException {
    return LabFiles.locked(paths, () -> moveUnlocked(host, networkName));
  }

  private LabState.Assignment moveUnlocked(String host, String networkName) throws LabException {
    checkNames(host, networkName);
    LabState state = requireState();
    Topology topology = topologyOf(state);
    Network network = hostNetwork(topology, host, networkName);
    Attachments attachments = attachments(topology);
    for (Network attached : attachments.attachedNetworks(host)) {
      attachments.detach(host, attached);
    }
    LabState.Assignment assignment = attachments.attach(state, host, network);
    attachments.writeHostsFiles();
    storeState(state);
    LOG.info("moved {} to {} as {} and {}", host, networkName, assignment.ipv4(), assignment.ipv6());
    return assignment;
  }

  /**
   * The outcome of {@link #link}: whether the host was attached to the network before, and the
   * new assignment when the link went up from detached.
   */
  public record LinkResult(boolean wasAttached, Optional<LabState.Assignment> assignment) {}

  /**
   * Attaches {@code host} to one more network with a new address ({@code up}) or detaches it from
   * one ({@code !up}), leaving its other networks alone. A host already in the asked state is
   * left as it is.
   */
  public LinkResult link(String host, String networkName, boolean up) throws LabException {
    return LabFiles.locked(paths, () -> linkUnlocked(host, networkName, up));
  }

  private LinkResult linkUnlocked(String host, String networkName, boolean up) throws LabException {
    checkNames(host, networkName);
    LabState state = requireState();
    Topology topology = topologyOf(state);
    Network network = hostNetwork(topology, host, networkName);
    Attachments attachments = attachments(topology);
    boolean wasAttached = attachments.isAttached(host, network);
    if (wasAttached == up) {
      return new LinkResult(wasAttached, Optional.empty());
    }
    Optional<LabState.Assignment> assignment = Optional.empty();
    if (up) {
      assignment = Optional.of(attachments.attach(state, host, network));
    } else {
      attachments.detach(host, network);
    }
    attachments.writeHostsFiles();
    storeState(state);
    LOG.info("link {} {} {}", host, networkName, up ? "up" : "down");
    return new LinkResult(wasAttached, assignment);
  }

  /** Replaces the impairment on {@code networkName}; {@link Impairment#NONE} clears it. */
  public LabState.AppliedImpairment impair(String networkName, Impairment impairment) throws LabException {
    return LabFiles.locked(paths, () -> impairUnlocked(networkName, impairment));
  }

  private LabState.AppliedImpairment impairUnlocked(String networkName, Impairment impairment) throws LabException {
    checkNetwork(networkName);
    LabState state = requireState();
    Topology topology = topologyOf(state);
    Network network = network(topology, networkName);
    Impairer impairer = new Impairer(ip, prefix, paths, topology, nft);
    LabState.AppliedImpairment applied;
    if (impairment.isNone()) {
      impairer.clear(state, network);
      applied = new LabState.AppliedImpairment(Impairment.NONE, java.util.Map.of());
    } else {
      applied = impairer.apply(state, network, impairment);
    }
    storeState(state);
    return applied;
  }

  /** The lowest MTU that {@link #setMtu} accepts: what every IPv4 host must take (RFC 791). */
  public static final int MIN_MTU = 576;
  /** The highest MTU that {@link #setMtu} accepts: the largest IP packet. */
  public static final int MAX_MTU = 65535;
  private static final java.util.regex.Pattern MTU = java.util.regex.Pattern.compile(" mtu (\\d+) ");

  /**
   * Sets the MTU of {@code networkName} on both ends of its veth pair, the host's and the
   * router's. The router then replies to a larger packet with DF set, forwarded into the network,
   * with ICMP "fragmentation needed" (IPv6: "packet too big"), and the host's kernel refuses to
   * send a larger one (EMSGSIZE). The MTU stays across moves; below 1280 the kernel turns IPv6
   * off on both interfaces.
   */
  public void setMtu(String networkName, int mtu) throws LabException {
    if (mtu < MIN_MTU || mtu > MAX_MTU) {
      throw new LabUsageException("invalid MTU " + mtu + ": use a number of bytes from " + MIN_MTU
          + " to " + MAX_MTU + " (1500 is Ethernet's)");
    }
    LabFiles.locked(paths, () -> {
      checkNetwork(networkName);
      Network network = network(topologyOf(requireState()), networkName);
      ip.in(prefix.namespace(Topology.ROUTER), "link", "set", "dev", network.routerInterface(),
          "mtu", Integer.toString(mtu));
      ip.in(prefix.namespace(network.host()), "link", "set", "dev", network.hostInterface(),
          "mtu", Integer.toString(mtu));
      LOG.info("MTU of {} set to {}", networkName, mtu);
      return null;
    });
  }

  /** Returns the MTU of {@code networkName}'s router end and host end, in that order. */
  public int[] mtu(String networkName) throws LabException {
    checkNetwork(networkName);
    Network network = network(topologyOf(requireState()), networkName);
    return new int[] {
        readMtu(prefix.namespace(Topology.ROUTER), network.routerInterface()),
        readMtu(prefix.namespace(network.host()), network.hostInterface())};
  }

  private int readMtu(String namespace, String device) throws LabException {
    java.util.regex.Matcher m = MTU.matcher(ip.in(namespace, "link", "show", "dev", device));
    if (!m.find()) {
      throw new LabException("no MTU in the output of ip -n " + namespace + " link show dev " + device);
    }
    return Integer.parseInt(m.group(1));
  }

  /** Reads the lab's current hosts, interfaces and addresses from its namespaces. */
  public LabStatus status() throws LabException {
    LabState state = requireState();
    return LabStatus.read(ip, prefix, paths, topologyOf(state), state);
  }

  /** Runs {@code command} in {@code host}'s namespace with this process's stdio and returns its exit code. */
  public int exec(String host, List<String> command) throws LabException {
    if (!Topology.ROLES.contains(host)) {
      throw new LabUsageException("unknown host '" + host + "': use one of " + String.join(", ", Topology.ROLES));
    }
    requireState();
    List<String> full = ip.execCommand(prefix.namespace(host), command);
    try {
      return new ProcessBuilder(full).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new LabException("cannot run " + String.join(" ", full) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while running " + String.join(" ", command), e);
    }
  }

  private boolean isComplete(Topology topology) throws LabException {
    List<String> namespaces = ip.namespaces();
    for (String role : Topology.ROLES) {
      if (!namespaces.contains(prefix.namespace(role))) {
        return false;
      }
    }
    List<String> routerInterfaces = ip.interfaces(prefix.namespace(Topology.ROUTER)).stream()
        .map(Ip.InterfaceInfo::name).toList();
    return topology.networks().stream().allMatch(n -> routerInterfaces.contains(n.routerInterface()));
  }

  private Attachments attachments(Topology topology) {
    return new Attachments(ip, prefix, paths, topology);
  }

  private static Network hostNetwork(Topology topology, String host, String networkName) throws LabUsageException {
    if (!Topology.END_HOSTS.contains(host)) {
      throw new LabUsageException("unknown host '" + host + "': use one of " + String.join(", ", Topology.END_HOSTS)
          + " (the router does not move)");
    }
    Network network = network(topology, networkName);
    if (!network.host().equals(host)) {
      throw new LabUsageException(networkName + " is a " + network.host() + " network: " + host + " can use "
          + String.join(", ", topology.networksOf(host).stream().map(Network::name).toList()));
    }
    return network;
  }

  /** Checks the names against the built-in layout first, so a typo is reported even when no lab is up. */
  static void checkNames(String host, String networkName) throws LabUsageException {
    hostNetwork(Topology.builtIn().get(0), host, networkName);
  }

  /** Checks a network name against the built-in layout, as {@link #checkNames} does. */
  static void checkNetwork(String networkName) throws LabUsageException {
    network(Topology.builtIn().get(0), networkName);
  }

  private static Network network(Topology topology, String networkName) throws LabUsageException {
    return topology.network(networkName).orElseThrow(() -> new LabUsageException(
        "unknown network '" + networkName + "': use one of " + topology.networkNames()));
  }

  private Topology topologyOf(LabState state) throws LabException {
    return Topology.byName(state.topology()).orElseThrow(() -> new LabException(
        "lab " + prefix.labName() + " has unknown topology '" + state.topology() + "' in "
            + paths.stateFile(prefix) + ": run 'eccp lab down --prefix " + prefix.value() + "'"));
  }

  private LabState requireState() throws LabException {
    Optional<LabState> state = loadState();
    if (state.isEmpty() || !state.get().complete()) {
      throw new LabException("lab " + prefix.labName() + " is not up: run 'eccp lab up --prefix " + prefix.value() + "'");
    }
    return state.get();
  }

  private Optional<LabState> loadState() throws LabException {
    try {
      return LabState.load(paths.stateFile(prefix));
    } catch (IOException e) {
      throw new LabException(e.getMessage() + ": run 'eccp lab down --prefix " + prefix.value() + "'", e);
    }
  }

  private void storeState(LabState state) throws LabException {
    Path file = paths.stateFile(prefix);
    try {
      state.store(file);
    } catch (IOException e) {
      throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
