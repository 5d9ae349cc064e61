package org.eccp.tools.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies an {@link Impairment} to one network. The rate limit is a tbf qdisc on both ends of the
 * network's veth pair, so it applies in both directions. The other knobs use a netem qdisc on the
 * router's end when the kernel has netem; otherwise they are written to a properties file for the
 * user-space impairment, and loss is also enforced by an nft random-drop rule in the router.
 */
final class Impairer {

  static final String TBF = "tbf";
  static final String NETEM = "netem";
  static final String NFT = "nft";
  static final String USER_SPACE = "user-space";

  /** nft table that contains the random-drop rules, in the router's namespace only. */
  static final String NFT_TABLE = "eccp_lab";

  /** Loss is drawn as {@code numgen random mod LOSS_SCALE}, so it has a step of 1 / LOSS_SCALE. */
  static final int LOSS_SCALE = 10_000;

  /** Maximum time a packet waits in the tbf queue before it is dropped. */
  private static final String TBF_LATENCY = "50ms";

  /** Smallest tbf bucket: ten full-size Ethernet frames, so that one burst never stalls. */
  private static final long MIN_BURST_BYTES = 15_140;

  private final Ip ip;
  private final LabPrefix prefix;
  private final LabPaths paths;
  private final Optional<String> nft;
  private final Topology topology;

  Impairer(Ip ip, LabPrefix prefix, LabPaths paths, Topology topology, Optional<String> nftPath) {
    this.ip = ip;
    this.topology = topology;
    this.prefix = prefix;
    this.paths = paths;
    this.nft = nftPath;
  }

  /** Replaces the impairment on {@code network} and records it, with its mechanisms, in {@code state}. */
  LabState.AppliedImpairment apply(LabState state, Network network, Impairment impairment) throws LabException {
    removeQdiscs(network);
    Map<String, String> mechanisms = new LinkedHashMap<>();
    if (impairment.rateMbit() > 0) {
      addTbf(network, impairment.rateMbit());
    }
    boolean netem = impairment.needsPacketImpairment() && tryNetem(network, impairment);
    for (String knob : impairment.activeKnobs().keySet()) {
      mechanisms.put(knob, mechanismFor(knob, netem));
    }
    if (impairment.needsPacketImpairment() && !netem) {
      writeProperties(network, impairment, mechanisms);
    } else {
      deleteProperties(network);
    }
    LabState.AppliedImpairment applied = new LabState.AppliedImpairment(impairment, mechanisms);
    state.setImpairment(network.name(), impairment.isNone() ? null : applied);
    writeNftRules(state);
    return applied;
  }

  /** Removes every impairment from {@code network}. */
  void clear(LabState state, Network network) throws LabException {
    removeQdiscs(network);
    deleteProperties(network);
    state.setImpairment(network.name(), null);
    writeNftRules(state);
  }

  private String mechanismFor(String knob, boolean netem) {
    if (knob.equals("rate_mbit")) {
      return TBF;
    }
    if (netem) {
      return NETEM;
    }
    return knob.equals("loss") && nft.isPresent() ? NFT : USER_SPACE;
  }

  private void addTbf(Network network, double rateMbit) throws LabException {
    long rateKbit = Math.max(1, Math.round(rateMbit * 1000));
    // A bucket of 10 ms at the full rate, so that the kernel timer tick does not cap the rate.
    long burst = Math.max(MIN_BURST_BYTES, rateKbit * 1000 / 8 / 100);
    String[] tbf = {"tbf", "rate", rateKbit + "kbit", "burst", Long.toString(burst), "latency", TBF_LATENCY};
    check(ip.tc(routerNamespace(), concat(new String[] {"qdisc", "replace", "dev", network.routerInterface(),
        "root", "handle", "1:"}, tbf)));
    check(ip.tc(prefix.namespace(network.host()), concat(new String[] {"qdisc", "replace", "dev",
        network.hostInterface(), "root", "handle", "1:"}, tbf)));
  }

  /**
   * Adds a netem qdisc on the router's end (below the tbf when there is one), or returns false
   * when the kernel has no netem.
   */
  private boolean tryNetem(Network network, Impairment impairment) throws LabException {
    List<String> args = new ArrayList<>(List.of("qdisc", "add", "dev", network.routerInterface()));
    args.addAll(impairment.rateMbit() > 0 ? List.of("parent", "1:1", "handle", "10:") : List.of("root", "handle", "10:"));
    args.add("netem");
    if (impairment.delayMs() > 0) {
      args.addAll(List.of("delay", Impairment.fmt(impairment.delayMs()) + "ms"));
      if (impairment.jitterMs() > 0) {
        args.add(Impairment.fmt(impairment.jitterMs()) + "ms");
      }
    }
    addPercent(args, "loss", impairment.loss());
    addPercent(args, "duplicate", impairment.dup());
    addPercent(args, "reorder", impairment.reorder());
    CommandRunner.Result result = ip.tc(routerNamespace(), args.toArray(String[]::new));
    if (result.ok()) {
      return true;
    }
    if (result.stderr().contains("qdisc kind is unknown")) {
      return false;
    }
    throw new CommandFailedException(result);
  }

  private static void addPercent(List<String> args, String knob, double probability) {
    if (probability > 0) {
      args.addAll(List.of(knob, Impairment.fmt(probability * 100) + "%"));
    }
  }

  /** Deletes the root qdisc on both ends; a missing qdisc is not an error. */
  private void removeQdiscs(Network network) throws LabException {
    ip.tc(routerNamespace(), "qdisc", "del", "dev", network.routerInterface(), "root");
    ip.tc(prefix.namespace(network.host()), "qdisc", "del", "dev", network.hostInterface(), "root");
  }

  /** Rebuilds the router's nft table from every network whose loss is enforced by nft. */
  private void writeNftRules(LabState state) throws LabException {
    if (nft.isEmpty()) {
      return;
    }
    StringBuilder rules = new StringBuilder();
    Map<String, LabState.AppliedImpairment> impairments = state.impairments();
    for (Map.Entry<String, LabState.AppliedImpairment> entry : impairments.entrySet()) {
      if (!NFT.equals(entry.getValue().mechanisms().get("loss"))) {
        continue;
      }
      String dev = routerInterfaceOf(entry.getKey());
      long threshold = Math.round(entry.getValue().impairment().loss() * LOSS_SCALE);
      for (String match : List.of("iifname", "oifname")) {
        rules.append("    ").append(match).append(" \"").append(dev).append("\" numgen random mod ")
            .append(LOSS_SCALE).append(" < ").append(threshold).append(" counter drop\n");
      }
    }
    // Adding then deleting the table makes the script work whether or not the table exists.
    StringBuilder script = new StringBuilder()
        .append("add table inet ").append(NFT_TABLE).append('\n')
        .append("delete table inet ").append(NFT_TABLE).append('\n');
    if (rules.length() > 0) {
      script.append("table inet ").append(NFT_TABLE).append(" {\n  chain forward {\n")
          .append("    type filter hook forward priority 0; policy accept;\n")
          .append(rules).append("  }\n}\n");
    }
    ip.exec(routerNamespace(), List.of(nft.get(), "-f", "-"), script.toString());
  }

  private String routerInterfaceOf(String networkName) throws LabException {
    return topology.network(networkName)
        .orElseThrow(() -> new LabException("unknown network " + networkName + " in the lab state"))
        .routerInterface();
  }

  private void writeProperties(Network network, Impairment impairment, Map<String, String> mechanisms)
      throws LabException {
    StringBuilder text = new StringBuilder()
        .append("# Impairment of ").append(network.name()).append(" for the user-space link, written by eccp lab impair.\n")
        .append("# *_mechanism keys say which knobs the kernel already applies (tbf, nft); apply only user-space ones.\n");
    impairment.toJson().forEach((key, value) -> text.append(key).append('=')
        .append(value instanceof Double d ? Impairment.fmt(d) : value).append('\n'));
    mechanisms.forEach((knob, mechanism) -> text.append(knob.replace("_ms", "").replace("_mbit", ""))
        .append("_mechanism=").append(mechanism).append('\n'));
    Path file = paths.impairFile(prefix, network.name());
    try {
      LabFiles.writeAtomically(file, text.toString());
    } catch (IOException e) {
      throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private void deleteProperties(Network network) throws LabException {
    Path file = paths.impairFile(prefix, network.name());
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new LabException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }

  private String routerNamespace() {
    return prefix.namespace(Topology.ROUTER);
  }

  private static void check(CommandRunner.Result result) throws CommandFailedException {
    if (!result.ok()) {
      throw new CommandFailedException(result);
    }
  }

  private static String[] concat(String[] head, String[] tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
