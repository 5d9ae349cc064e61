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
 * tables with them), its {@code /etc/netns} directories and its state directory. It touches only
 * names that {@link LabPrefix#owns} accepts.
 */
final class LabCleaner {

  private final Ip ip;
  private final LabPaths paths;

  LabCleaner(Ip ip, LabPaths paths) {
    this.ip = ip;
    this.paths = paths;
  }

  /** Removes everything of the lab with {@code prefix}, complete or not, and lists what went. */
  List<String> remove(LabPrefix prefix) throws LabException {
    List<String> removed = new ArrayList<>();
    for (String namespace : ip.namespaces()) {
      if (prefix.owns(namespace)) {
        ip.deleteNamespace(namespace);
        removed.add("namespace " + namespace);
      }
    }
    for (Path dir : list(paths.netnsEtc())) {
      if (prefix.owns(dir.getFileName().toString())) {
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
