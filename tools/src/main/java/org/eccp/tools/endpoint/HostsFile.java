package org.eccp.tools.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eccp.wire.IpAddress;

/**
 * Resolves a peer given as an address literal or as a name in a hosts file ({@code /etc/hosts};
 * {@code ip netns exec} mounts the lab's per-namespace file there). It never asks DNS, so a
 * mistyped name sends nothing anywhere.
 */
public final class HostsFile {
  public static final Path DEFAULT = Path.of("/etc/hosts");

  private HostsFile() {}

  /**
   * Returns the IPv4 address of {@code peer}: the literal itself, or the first IPv4 address that
   * the hosts file lists for the name.
   *
   * @throws IllegalArgumentException when the peer is an IPv6 literal or the name has no IPv4
   *     entry
   */
  public static IpAddress resolve(String peer, Path hosts) throws IOException {
    if (looksLikeLiteral(peer)) {
      IpAddress a = IpAddress.parse(peer);
      if (a.isV6()) {
        throw new IllegalArgumentException("invalid peer " + peer
            + ": the links carry IPv4 only, so give an IPv4 address or a name");
      }
      return a;
    }
    List<IpAddress> found = lookup(peer, Files.readAllLines(hosts));
    for (IpAddress a : found) {
      if (!a.isV6()) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown peer '" + peer + "': " + hosts
        + " has no IPv4 address for it; give an address or a name listed there");
  }

  static boolean looksLikeLiteral(String peer) {
    return peer.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
        && (peer.contains(".") || peer.contains(":"));
  }

  /** Returns the addresses of the lines that list {@code name}, in file order. */
  static List<IpAddress> lookup(String name, List<String> lines) {
    List<IpAddress> out = new ArrayList<>();
    for (String line : lines) {
      int hash = line.indexOf('#');
      String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
      if (fields.length < 2) {
        continue;
      }
      for (int i = 1; i < fields.length; i++) {
        if (fields[i].equalsIgnoreCase(name)) {
          try {
            out.add(IpAddress.parse(fields[0]));
          } catch (IllegalArgumentException e) {
            // A line with an invalid address names nothing.
          }
          break;
        }
      }
    }
    return out;
  }
}
