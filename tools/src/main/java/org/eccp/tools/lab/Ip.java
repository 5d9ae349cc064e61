package org.eccp.tools.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The {@code ip}, {@code tc} and {@code nft} commands the lab runs, built as argument arrays. */
final class Ip {

  /** One interface as {@code ip -br addr} shows it. */
  record InterfaceInfo(String name, String operState, List<String> addresses) {

    /** Returns the addresses inside the lab's ranges (not loopback or link-local). */
    List<String> labAddresses() {
      return addresses.stream().filter(a -> a.startsWith("198.18.") || a.startsWith("198.19.")
          || a.startsWith("fd")).toList();
    }
  }

  private final CommandRunner runner;
  private final String ip;
  private final String tc;

  Ip(CommandRunner runner, String ipPath, String tcPath) {
    this.runner = runner;
    this.ip = ipPath;
    this.tc = tcPath;
  }

  CommandRunner runner() {
    return runner;
  }

  /** Returns the names of every network namespace on the machine. */
  List<String> namespaces() throws LabException {
    List<String> names = new ArrayList<>();
    for (String line : runner.check(List.of(ip, "netns", "list")).split("\n")) {
      if (!line.isBlank()) {
        names.add(line.strip().split("\\s+")[0]);
      }
    }
    return names;
  }

  /** Returns the ids of the processes running in {@code namespace} ({@code ip netns pids}). */
  List<String> pids(String namespace) throws LabException {
    List<String> pids = new ArrayList<>();
    for (String line : runner.check(List.of(ip, "netns", "pids", namespace)).split("\n")) {
      if (!line.isBlank()) {
        pids.add(line.strip());
      }
    }
    return pids;
  }

  void addNamespace(String namespace) throws LabException {
    runner.check(List.of(ip, "netns", "add", namespace));
  }

  void deleteNamespace(String namespace) throws LabException {
    runner.check(List.of(ip, "netns", "del", namespace));
  }

  /** Runs {@code ip -n NAMESPACE ARGS...} and returns its output. */
  String in(String namespace, String... args) throws LabException {
    return runner.check(concat(List.of(ip, "-n", namespace), args));
  }

  /** Runs {@code ip -n NAMESPACE ARGS...} and returns the outcome, whatever the exit code. */
  CommandRunner.Result tryIn(String namespace, String... args) throws LabException {
    return runner.run(concat(List.of(ip, "-n", namespace), args));
  }

  /** Runs {@code tc -n NAMESPACE ARGS...} and returns the outcome, whatever the exit code. */
  CommandRunner.Result tc(String namespace, String... args) throws LabException {
    return runner.run(concat(List.of(tc, "-n", namespace), args));
  }

  /** Returns the command line that runs {@code command} inside {@code namespace}. */
  List<String> execCommand(String namespace, List<String> command) {
    List<String> full = new ArrayList<>(List.of(ip, "netns", "exec", namespace));
    full.addAll(command);
    return full;
  }

  /** Runs {@code command} inside {@code namespace} and returns its output, or throws on failure. */
  String exec(String namespace, List<String> command, String stdin) throws LabException {
    return runner.check(execCommand(namespace, command), stdin);
  }

  /** Returns every interface of {@code namespace} with its state and addresses. */
  List<InterfaceInfo> interfaces(String namespace) throws LabException {
    List<InterfaceInfo> result = new ArrayList<>();
    for (String line : in(namespace, "-br", "addr", "show").split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.strip().split("\\s+");
      String name = fields[0].contains("@") ? fields[0].substring(0, fields[0].indexOf('@')) : fields[0];
      String state = fields.length > 1 ? fields[1] : "UNKNOWN";
      List<String> addresses = fields.length > 2 ? List.of(Arrays.copyOfRange(fields, 2, fields.length)) : List.of();
      result.add(new InterfaceInfo(name, state, addresses));
    }
    return result;
  }

  private static List<String> concat(List<String> head, String... tail) {
    return Stream.concat(head.stream(), Arrays.stream(tail)).toList();
  }
}
