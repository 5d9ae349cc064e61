package org.eccp.tools.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eccp.stack.AddressFilter;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * Checks the text of the Vagrant lab (the Vagrantfile, the lab and build-box scripts and
 * eccp-mgmt.xml in vagrant/) without booting anything: its addresses stay in the lab ranges, its network plan is the
 * namespace lab's, and the eccp stack ignores the management network.
 */
class VagrantLabPlanTest {
  private static final Path VAGRANT_DIR = Path.of("..", "vagrant");
  private static final List<String> FILES = List.of("Vagrantfile", "lab", "eccp-mgmt.xml", "build-box");

  /** Dotted quads, with or without a prefix length, and the three-octet prefixes of LAB_NETWORKS. */
  private static final Pattern IPV4 = Pattern.compile("(?<![\\w.:])(\\d{1,3}(?:\\.\\d{1,3}){2,3})(?![\\w.])");

  /** Words of hex groups joined by colons: IPv6 addresses and prefixes, and MAC addresses. */
  private static final Pattern COLON_HEX = Pattern.compile("(?<![\\w:])([0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4}){2,7})");

  /** libvirt's MAC prefix, which vagrant/lab and the Vagrantfile use for the lab interfaces. */
  private static final String MAC_PREFIX = "52:54:00";

  /** The only address outside the lab: the QEMU processes exchange each lab link's frames on it. */
  private static final String UDP_TRANSPORT = "127.0.0.1";

  /** LAB_NETWORKS rows: name, host, index, host interface, router interface, IPv4, IPv6, metric. */
  private static final Pattern ROW = Pattern.compile(
      "\\[\"(net-\\w)\", \"(\\w+)\", (\\d+), \"(\\w+)\", \"(\\w+)\", \"([\\d.]+)\", \"([\\w:]+)\", (\\d+)\\]");

  @Test
  void ipv4AddressesInLabRange() throws IOException {
    for (String file : FILES) {
      List<String> found = matches(IPV4, read(file));
      for (String literal : found) {
        if (literal.equals(UDP_TRANSPORT) || isNetmask(literal)) {
          continue;
        }
        assertTrue(inBenchmarkRange(literal), file + ": " + literal + " is outside 198.18.0.0/15");
      }
    }
  }

  @Test
  void ipv6AddressesInLabRange() throws IOException {
    int checked = 0;
    for (String file : FILES) {
      for (String literal : matches(COLON_HEX, read(file))) {
        if (literal.startsWith(MAC_PREFIX)) {
          continue;
        }
        checked++;
        String firstGroup = literal.split(":")[0].toLowerCase();
        assertEquals(4, firstGroup.length(), file + ": " + literal + " is outside fd00::/8");
        assertTrue(firstGroup.startsWith("fd"), file + ": " + literal + " is outside fd00::/8");
      }
    }
    assertTrue(checked >= 5, "expected the five IPv6 prefixes of LAB_NETWORKS, found " + checked);
  }

  @Test
  void vagrantfilePlanMatchesNamespaceLab() throws IOException {
    List<Network> expected = Topology.byName("default").orElseThrow().networks();
    Matcher rows = ROW.matcher(read("Vagrantfile"));
    List<Network> actual = new ArrayList<>();
    while (rows.find()) {
      actual.add(new Network(rows.group(1), rows.group(2), rows.group(4), rows.group(5),
          rows.group(6), rows.group(7), Integer.parseInt(rows.group(8))));
    }
    assertEquals(expected, actual);
  }

  @Test
  void managementNetworkIgnoredByStack() throws IOException {
    List<String> found = matches(IPV4, read("eccp-mgmt.xml"));
    assertFalse(found.isEmpty(), "eccp-mgmt.xml has no IPv4 address");
    for (String literal : found) {
      if (isNetmask(literal)) {
        continue;
      }
      IpAddress address = IpAddress.parse(literal);
      assertFalse(AddressFilter.ANY.accepts(address),
          literal + " would be used by eccp listen and eccp ping, so ECCP could run over the management network");
    }
  }

  private static boolean inBenchmarkRange(String literal) {
    String[] octets = literal.split("\\.");
    return octets[0].equals("198") && (octets[1].equals("18") || octets[1].equals("19"));
  }

  /** Netmasks such as 255.255.255.128 in eccp-mgmt.xml, which are not addresses. */
  private static boolean isNetmask(String literal) {
    return literal.startsWith("255.");
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String read(String file) throws IOException {
    return Files.readString(VAGRANT_DIR.resolve(file));
  }
}
