package org.eccp.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabMembershipTest {
  @TempDir
  Path dir;

  /** Lays out a lab's records and the namespace files, each namespace a distinct file. */
  private Path lab(String name, String... namespaces) throws Exception {
    Path records = Files.createDirectories(dir.resolve("run").resolve(name).resolve("namespaces"));
    Path netns = Files.createDirectories(dir.resolve("netns"));
    for (String ns : namespaces) {
      Files.createFile(records.resolve(ns));
      Files.writeString(netns.resolve(ns), ns);
    }
    return netns;
  }

  @Test
  void find_namesRecordingLab() throws Exception {
    lab("eccp", "eccp-client", "eccp-server", "eccp-router");
    Path netns = lab("eccpt-ab12", "eccpt-ab12-client", "eccpt-ab12-server");
    // The thread's namespace file is another name for the namespace's file in /run/netns.
    Path self = Files.createSymbolicLink(dir.resolve("self"), netns.resolve("eccpt-ab12-client"));

    Optional<LabMembership> found = LabMembership.find(dir.resolve("run"), netns, self);

    assertEquals(Optional.of(new LabMembership("eccpt-ab12", "eccpt-ab12-client",
        dir.resolve("run"))), found);
    assertEquals(dir.resolve("run/eccpt-ab12/impair/net-a.properties"),
        found.get().impairmentFile("net-a"));
  }

  @Test
  void find_emptyOutsideLabs() throws Exception {
    Path netns = lab("eccp", "eccp-client");
    Path self = Files.writeString(dir.resolve("self"), "another namespace");

    assertEquals(Optional.empty(), LabMembership.find(dir.resolve("run"), netns, self));
    assertEquals(Optional.empty(), LabMembership.find(dir.resolve("absent"), netns, self));
  }

  @Test
  void find_ignoresRemovedNamespace() throws Exception {
    Path netns = lab("eccp", "eccp-client");
    Files.delete(netns.resolve("eccp-client"));
    Path self = Files.writeString(dir.resolve("self"), "x");

    assertTrue(LabMembership.find(dir.resolve("run"), netns, self).isEmpty());
  }

  @Test
  void networkOf_mapsHostInterfacesOnly() {
    assertEquals("net-a", LabMembership.networkOf("a0"));
    assertEquals("net-t", LabMembership.networkOf("t0"));
    assertNull(LabMembership.networkOf("ra"));
    assertNull(LabMembership.networkOf("lo"));
    assertNull(LabMembership.networkOf("eth0"));
    assertNull(LabMembership.networkOf("A0"));
    assertNull(LabMembership.networkOf(null));
  }
}
