package org.eccp.tools.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what a lab made: its namespaces (which takes their interfaces, routes, qdiscs and nft
 * tables with them), their {@code /etc/netns} directories and its state directory. A namespace
 * counts as made by the lab only when it is one of the lab's three host names and the lab recorded
 * it ({@link LabPaths#namespaceRecord}) before making it. Anything else is left alone, even when
 * its name starts with the prefix.
 */
final class LabCleaner {

  private final Ip ip;
  private final LabPaths paths;

  LabCleaner(Ip ip, LabPaths paths) {
    this.ip = ip;
    this.paths = paths;
  }

  /** Removes everything the lab with {@code prefix} made, complete or not, and lists what went. */
  List<String> remove(LabPrefix prefix) throws LabException {
    List<String> removed = new ArrayList<>();
    List<String> namespaces = ip.namespaces();
    for (String role : Topology.ROLES) {
      String namespace = prefix.namespace(role);
      if (!Files.exists(paths.namespaceRecord(prefix, namespace))) {
        continue;
      }
      if (namespaces.contains(namespace)) {
        List<String> pids = ip.pids(namespace);
        ip.deleteNamespace(namespace);
        removed.add("namespace " + namespace + (pids.isEmpty() ? ""
            : " (processes " + String.join(" ", pids) + " still run in it and keep its interfaces"
                + " until they end)"));
      }
      Path dir = paths.netnsDir(namespace);
      if (Files.exists(dir)) {
        deleteTree(dir);
        removed.add(dir.toString());
      }
    }
    Path stateDir = paths.stateDir(prefix);
    if (Files.exists(stateDir)) {
      deleteTree(stateDir);
      removed.add(stateDir.toString());
    }
    return removed;
  }

  /**
   * Lists the namespaces and {@code /etc/netns} directories with one of the lab's host names that
   * the lab has no record of making. The lab never removes them and cannot be built over them.
   */
  List<String> foreign(LabPrefix prefix) throws LabException {
    List<String> foreign = new ArrayList<>();
    List<String> namespaces = ip.namespaces();
    for (String role : Topology.ROLES) {
      String namespace = prefix.namespace(role);
      if (Files.exists(paths.namespaceRecord(prefix, namespace))) {
        continue;
      }
      if (namespaces.contains(namespace)) {
        foreign.add("namespace " + namespace);
      }
      if (Files.exists(paths.netnsDir(namespace))) {
        foreign.add(paths.netnsDir(namespace).toString());
      }
    }
    return foreign;
  }

  /** Records that the lab is about to make {@code namespace}; call before making it. */
  void record(LabPrefix prefix, String namespace) throws LabException {
    Path file = paths.namespaceRecord(prefix, namespace);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "");
    } catch (IOException e) {
      throw new LabException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the prefixes of every test lab ({@code eccpt-...}) that has a state directory. A lab
   * writes its state directory before it makes any namespace, so a crashed test lab is found too.
   */
  List<LabPrefix> testLabs() throws LabException {
    List<LabPrefix> labs = new ArrayList<>();
    for (Path dir : list(paths.runRoot())) {
      String candidate = dir.getFileName() + "-";
      if (candidate.startsWith(LabPrefix.TEST) && LabPrefix.isValid(candidate)) {
        labs.add(new LabPrefix(candidate));
      }
    }
    return labs;
  }

  private static List<Path> list(Path dir) throws LabException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new LabException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path root) throws LabException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new LabException("cannot delete " + root + ": " + e.getMessage(), e);
    }
  }
}
