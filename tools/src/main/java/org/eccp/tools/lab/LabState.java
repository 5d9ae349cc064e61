package org.eccp.tools.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eccp.tools.json.Json;

/**
 * The lab's memory between commands, stored in {@code state.json}: its topology, whether it was built
 * completely, the next host number per network, every address handed out, and the impairments.
 * Addresses themselves are always read from the namespaces, never from here.
 */
public final class LabState {

  /** First host number handed out on a network; 1 is the router. */
  static final int FIRST_HOST = 10;

  /** Host numbers cycle through FIRST_HOST .. FIRST_HOST + HOST_RANGE - 1. */
  static final int HOST_RANGE = 240;

  /** Entries kept in the address log; older ones are dropped. */
  private static final int MAX_LOG = 1000;

  /** One address assignment, in the order they were made. */
  public record Assignment(long sequence, String host, String network, int hostNumber, String ipv4, String ipv6) {}

  /** The impairment on one network and the mechanism used for each knob that is on. */
  public record AppliedImpairment(Impairment impairment, Map<String, String> mechanisms) {}

  private final String prefix;
  private final String topology;
  private boolean complete;
  private long sequence;
  private final Map<String, Long> networkSequence = new LinkedHashMap<>();
  private final List<Assignment> assignments = new ArrayList<>();
  private final Map<String, AppliedImpairment> impairments = new LinkedHashMap<>();

  public LabState(LabPrefix prefix, Topology topology) {
    this(prefix.value(), topology.name());
  }

  private LabState(String prefix, String topology) {
    this.prefix = prefix;
    this.topology = topology;
  }

  public String topology() {
    return topology;
  }

  public boolean complete() {
    return complete;
  }

  public void markComplete() {
    complete = true;
  }

  /** Returns a fresh host number on {@code network} and records the assignment. */
  public Assignment assign(String host, Network network) {
    long used = networkSequence.getOrDefault(network.name(), 0L);
    networkSequence.put(network.name(), used + 1);
    int hostNumber = FIRST_HOST + (int) (used % HOST_RANGE);
    Assignment assignment = new Assignment(++sequence, host, network.name(), hostNumber,
        network.ipv4(hostNumber), network.ipv6(hostNumber));
    assignments.add(assignment);
    if (assignments.size() > MAX_LOG) {
      assignments.remove(0);
    }
    return assignment;
  }

  public List<Assignment> assignments() {
    return List.copyOf(assignments);
  }

  public Map<String, AppliedImpairment> impairments() {
    return Map.copyOf(impairments);
  }

  public Optional<AppliedImpairment> impairment(String network) {
    return Optional.ofNullable(impairments.get(network));
  }

  public void setImpairment(String network, AppliedImpairment applied) {
    if (applied == null) {
      impairments.remove(network);
    } else {
      impairments.put(network, applied);
    }
  }

  /** Writes the state to {@code file} atomically: a reader sees the old or the new file, never a mix. */
  public void store(Path file) throws IOException {
    LabFiles.writeAtomically(file, Json.write(toJson()) + "\n");
  }

  /** Reads the state from {@code file}, or returns empty when there is none. */
  public static Optional<LabState> load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromJson((Map<?, ?>) Json.parse(Files.readString(file, StandardCharsets.UTF_8))));
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      throw new IOException("unreadable lab state " + file + ": " + e.getMessage(), e);
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = Json.object();
    json.put("prefix", prefix);
    json.put("topology", topology);
    json.put("complete", complete);
    json.put("sequence", sequence);
    json.put("network_sequence", new LinkedHashMap<>(networkSequence));
    List<Object> log = Json.array();
    for (Assignment a : assignments) {
      Map<String, Object> entry = Json.object();
      entry.put("sequence", a.sequence());
      entry.put("host", a.host());
      entry.put("network", a.network());
      entry.put("host_number", a.hostNumber());
      entry.put("ipv4", a.ipv4());
      entry.put("ipv6", a.ipv6());
      log.add(entry);
    }
    json.put("assignments", log);
    Map<String, Object> impaired = Json.object();
    impairments.forEach((net, applied) -> {
      Map<String, Object> entry = applied.impairment().toJson();
      entry.put("mechanisms", new LinkedHashMap<>(applied.mechanisms()));
      impaired.put(net, entry);
    });
    json.put("impairments", impaired);
    return json;
  }

  static LabState fromJson(Map<?, ?> json) {
    LabState state = new LabState((String) json.get("prefix"), (String) json.get("topology"));
    state.complete = Boolean.TRUE.equals(json.get("complete"));
    state.sequence = ((Number) json.get("sequence")).longValue();
    ((Map<?, ?>) json.get("network_sequence")).forEach(
        (net, used) -> state.networkSequence.put((String) net, ((Number) used).longValue()));
    for (Object item : (List<?>) json.get("assignments")) {
      Map<?, ?> e = (Map<?, ?>) item;
      state.assignments.add(new Assignment(((Number) e.get("sequence")).longValue(), (String) e.get("host"),
          (String) e.get("network"), ((Number) e.get("host_number")).intValue(), (String) e.get("ipv4"),
          (String) e.get("ipv6")));
    }
    ((Map<?, ?>) json.get("impairments")).forEach((net, value) -> {
      Map<?, ?> entry = (Map<?, ?>) value;
      Map<String, String> mechanisms = new LinkedHashMap<>();
      ((Map<?, ?>) entry.get("mechanisms")).forEach((k, v) -> mechanisms.put((String) k, (String) v));
      state.impairments.put((String) net, new AppliedImpairment(Impairment.fromJson(entry), mechanisms));
    });
    return state;
  }
}
