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

  /** The address families that a lookup may return. */
  public enum Family {
    /** IPv4 when the name has an IPv4 entry, else IPv6. */
    ANY,
    IPV4,
    IPV6;

    boolean allows(IpAddress a) {
      return this == ANY || (this == IPV6) == a.isV6();
    }

    String label() {
      if (this == IPV4) {
        return "IPv4 ";
      }
      return this == IPV6 ? "IPv6 " : "";
    }
  }

  /** Resolves {@code peer} like {@link #resolve(String, Path, Family)} with {@link Family#ANY}. */
  public static IpAddress resolve(String peer, Path hosts) throws IOException {
    return resolve(peer, hosts, Family.ANY);
  }

  /**
   * Returns the address of {@code peer}: the literal itself, or the address of the name in the
   * hosts file. {@link Family#ANY} takes the first IPv4 entry and, when there is none, the first
   * IPv6 entry; the other families take the first entry of their own.
   *
   * @throws IllegalArgumentException when a literal is of the other family, or the file has no
   *     entry of the family for the name
   */
  public static IpAddress resolve(String peer, Path hosts, Family family) throws IOException {
    if (looksLikeLiteral(peer)) {
      IpAddress a = IpAddress.parse(peer);
      if (!family.allows(a)) {
        throw new IllegalArgumentException("invalid peer " + peer + ": it is not an "
            + family.label() + "address; give one, or drop the -4 or -6 option");
      }
      return a;
    }
    List<IpAddress> found = lookup(peer, Files.readAllLines(hosts));
    List<Family> order =
        family == Family.ANY ? List.of(Family.IPV4, Family.IPV6) : List.of(family);
    for (Family f : order) {
      for (IpAddress a : found) {
        if (f.allows(a)) {
          return a;
        }
      }
    }
    throw new IllegalArgumentException("unknown peer '" + peer + "': " + hosts + " has no "
        + family.label() + "address for it; give an address or a name listed there");
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
