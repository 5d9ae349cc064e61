package org.eccp.tools.lab;

import java.nio.file.Path;

/**
 * Locations of a lab's files: state under {@code /run/eccp-lab/<lab>/}, and per-namespace
 * {@code hosts} files under {@code /etc/netns/<namespace>/}, which {@code ip netns exec} mounts over
 * {@code /etc/hosts}.
 */
public record LabPaths(Path runRoot, Path netnsEtc) {

  public static final LabPaths SYSTEM = new LabPaths(Path.of("/run/eccp-lab"), Path.of("/etc/netns"));

  public Path stateDir(LabPrefix prefix) {
    return runRoot.resolve(prefix.labName());
  }

  public Path stateFile(LabPrefix prefix) {
    return stateDir(prefix).resolve("state.json");
  }

  /** Returns the properties file that user-space impairment reads for {@code network}. */
  public Path impairFile(LabPrefix prefix, String network) {
    return stateDir(prefix).resolve("impair").resolve(network + ".properties");
  }

  public Path netnsDir(String namespace) {
    return netnsEtc.resolve(namespace);
  }
}
