package org.eccp.tools.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabStateTest {

  private static final Topology DEFAULT = Topology.byName("default").orElseThrow();

  @Test
  void storeThenLoadRoundTrips(@TempDir Path dir) throws IOException {
    LabState state = new LabState(new LabPrefix("eccpt-ab12-"), DEFAULT);
    state.assign("client", DEFAULT.network("net-a").orElseThrow());
    state.assign("client", DEFAULT.network("net-b").orElseThrow());
    state.setImpairment("net-a", new LabState.AppliedImpairment(
        new Impairment(20, 5, 0.1, 0, 0, 10, 7), Map.of("loss", "nft", "rate_mbit", "tbf")));
    state.markComplete();
    Path file = dir.resolve("lab/state.json");

    state.store(file);
    LabState loaded = LabState.load(file).orElseThrow();

    assertEquals(state.toJson(), loaded.toJson());
    assertTrue(loaded.complete());
    assertEquals("default", loaded.topology());
    assertFalse(Files.exists(dir.resolve("lab/state.json.tmp")), "no temporary file left");
  }

  @Test
  void assignGivesFreshHostNumbers() {
    LabState state = new LabState(new LabPrefix("eccpt-ab12-"), DEFAULT);
    Network netA = DEFAULT.network("net-a").orElseThrow();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < LabState.HOST_RANGE; i++) {
      LabState.Assignment assignment = state.assign("client", netA);
      assertTrue(seen.add(assignment.ipv4()), "repeated " + assignment.ipv4());
      assertTrue(assignment.hostNumber() >= LabState.FIRST_HOST, assignment.toString());
      assertTrue(assignment.hostNumber() < 255, assignment.toString());
    }
    LabState.Assignment first = state.assignments().get(0);
    LabState.Assignment second = state.assignments().get(1);
    assertNotEquals(first.ipv6(), second.ipv6());
    assertEquals("198.18.1.10", first.ipv4());
    assertEquals("fd00:0:18:1::10", first.ipv6());
  }

  @Test
  void loadRejectsBrokenFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("state.json");
    Files.writeString(file, "{\"prefix\": \"eccp-\"");
    assertThrows(IOException.class, () -> LabState.load(file));
    Files.writeString(file, "{\"prefix\": \"eccp-\"}");
    assertThrows(IOException.class, () -> LabState.load(file));
  }

  @Test
  void loadMissingFileIsEmpty(@TempDir Path dir) throws IOException {
    assertTrue(LabState.load(dir.resolve("none.json")).isEmpty());
  }
}
