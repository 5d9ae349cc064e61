package org.eccp.tools.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eccp.tools.json.Json;

/** A lab's hosts, interfaces and addresses as read from its namespaces, plus its impairments. */
public record LabStatus(
    LabPrefix prefix, String topology, List<HostStatus> hosts,
    Map<String, LabState.AppliedImpairment> impairments, Map<String, Path> impairFiles) {

  /** One namespace of the lab. */
  public record HostStatus(String name, String namespace, List<InterfaceStatus> interfaces) {

    /** Returns the interface on {@code network}, if this host has one. */
    public Optional<InterfaceStatus> on(String network) {
      return interfaces.stream().filter(i -> i.network().equals(network)).findFirst();
    }
  }

  /**
   * One interface on a lab network. It is attached when it has a lab address; {@code state} is the
   * kernel's operational state (UP, DOWN, LOWERLAYERDOWN, ...).
   */
  public record InterfaceStatus(String name, String network, String state, List<String> addresses) {

    public boolean attached() {
      return !addresses.isEmpty();
    }
  }

  /** Reads every lab namespace now. */
  static LabStatus read(Ip ip, LabPrefix prefix, LabPaths paths, Topology topology, LabState state)
      throws LabException {
    List<HostStatus> hosts = new ArrayList<>();
    for (String role : List.of(Topology.CLIENT, Topology.SERVER, Topology.ROUTER)) {
      List<Ip.InterfaceInfo> found = ip.interfaces(prefix.namespace(role));
      List<InterfaceStatus> interfaces = new ArrayList<>();
      for (Network network : topology.networks()) {
        boolean router = role.equals(Topology.ROUTER);
        if (!router && !network.host().equals(role)) {
          continue;
        }
        String dev = router ? network.routerInterface() : network.hostInterface();
        Optional<Ip.InterfaceInfo> info = found.stream().filter(i -> i.name().equals(dev)).findFirst();
        interfaces.add(new InterfaceStatus(dev, network.name(), info.map(Ip.InterfaceInfo::operState).orElse("MISSING"),
            info.map(Ip.InterfaceInfo::labAddresses).orElse(List.of())));
      }
      hosts.add(new HostStatus(role, prefix.namespace(role), interfaces));
    }
    Map<String, Path> files = new java.util.LinkedHashMap<>();
    for (String net : state.impairments().keySet()) {
      if (java.nio.file.Files.exists(paths.impairFile(prefix, net))) {
        files.put(net, paths.impairFile(prefix, net));
      }
    }
    return new LabStatus(prefix, state.topology(), hosts, new java.util.TreeMap<>(state.impairments()), files);
  }

  /** Returns the host called {@code name}. */
  public HostStatus host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
  }

  /** Returns the status as text for people. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("lab ").append(prefix.labName()).append(" (prefix ").append(prefix.value())
        .append(", topology ").append(topology).append(")\n");
    for (HostStatus host : hosts) {
      out.append(host.name()).append(" (namespace ").append(host.namespace()).append(")\n");
      for (InterfaceStatus i : host.interfaces()) {
        out.append(String.format("  %-6s %-3s %-9s %-15s %s%n", i.network(), i.name(),
            i.attached() ? "attached" : "detached", i.state(), String.join(" ", i.addresses())));
      }
    }
    out.append("impairments\n");
    if (impairments.isEmpty()) {
      out.append("  none\n");
    }
    impairments.forEach((net, applied) -> out.append("  ").append(net).append(": ")
        .append(describe(applied)).append(impairFiles.containsKey(net) ? "; file " + impairFiles.get(net) : "")
        .append('\n'));
    return out.toString();
  }

  /** Returns each knob of {@code applied} with its value and mechanism, such as {@code loss 0.1 (nft)}. */
  static String describe(LabState.AppliedImpairment applied) {
    List<String> parts = new ArrayList<>();
    applied.impairment().activeKnobs().forEach((knob, value) -> parts.add(
        knob + " " + Impairment.fmt(value) + " (" + applied.mechanisms().get(knob) + ")"));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  /** Returns the status as a JSON object. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = Json.object();
    json.put("lab", prefix.labName());
    json.put("prefix", prefix.value());
    json.put("topology", topology);
    List<Object> hostList = Json.array();
    for (HostStatus host : hosts) {
      Map<String, Object> h = Json.object();
      h.put("name", host.name());
      h.put("namespace", host.namespace());
      List<Object> interfaceList = Json.array();
      for (InterfaceStatus i : host.interfaces()) {
        Map<String, Object> entry = Json.object();
        entry.put("name", i.name());
        entry.put("network", i.network());
        entry.put("attached", i.attached());
        entry.put("state", i.state());
        entry.put("addresses", List.copyOf(i.addresses()));
        interfaceList.add(entry);
      }
      h.put("interfaces", interfaceList);
      hostList.add(h);
    }
    json.put("hosts", hostList);
    Map<String, Object> impaired = Json.object();
    impairments.forEach((net, applied) -> {
      Map<String, Object> entry = applied.impairment().toJson();
      entry.put("mechanisms", new java.util.LinkedHashMap<>(applied.mechanisms()));
      if (impairFiles.containsKey(net)) {
        entry.put("file", impairFiles.get(net).toString());
      }
      impaired.put(net, entry);
    });
    json.put("impairments", impaired);
    return json;
  }
}
