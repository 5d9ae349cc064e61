package org.eccp.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eccp.tools.json.Json;
import org.junit.jupiter.api.Test;

class DemoResultTest {
  private static DemoResult passing() {
    DemoResult r = new DemoResult();
    r.transfers.add(new DemoResult.Transfer("curl", 1000, true, 512.34, 0, 10, true));
    r.transfers.add(new DemoResult.Transfer("iperf3", 2000, null, 800, 10, 20, true));
    r.moves.add(new DemoResult.Move("client", "move", "net-a", "net-b", 5, 42.26));
    r.pcap = "/tmp/x/outer.pcap";
    r.plot = "/tmp/x/throughput.svg";
    return r;
  }

  @Test
  void json_hasTheDocumentedFields() {
    DemoResult r = passing();
    Map<?, ?> m = (Map<?, ?>) Json.parse(Json.write(r.toJson(r.ok(1500))));
    assertEquals(true, m.get("ok"));
    List<?> transfers = (List<?>) m.get("transfers");
    Map<?, ?> curl = (Map<?, ?>) transfers.get(0);
    assertEquals("curl", curl.get("app"));
    assertEquals(1000L, ((Number) curl.get("bytes")).longValue());
    assertEquals(true, curl.get("sha256_match"));
    assertEquals(512.3, ((Number) curl.get("throughput_mbps")).doubleValue(), 1e-9);
    assertFalse(((Map<?, ?>) transfers.get(1)).containsKey("sha256_match"));
    Map<?, ?> move = (Map<?, ?>) ((List<?>) m.get("moves")).get(0);
    assertEquals("client", move.get("host"));
    assertEquals("net-a", move.get("from"));
    assertEquals("net-b", move.get("to"));
    assertEquals(42.3, ((Number) move.get("gap_ms")).doubleValue(), 1e-9);
    assertEquals("/tmp/x/outer.pcap", m.get("pcap"));
    assertEquals("/tmp/x/throughput.svg", m.get("plot"));
  }

  @Test
  void ok_failsOnHashMismatch() {
    DemoResult r = passing();
    r.transfers.set(0, new DemoResult.Transfer("curl", 1000, false, 500, 0, 10, true));
    assertFalse(r.ok(1500));
  }

  @Test
  void ok_failsOnLongGap() {
    DemoResult r = passing();
    r.moves.add(new DemoResult.Move("server", "move", "net-s", "net-t", 15, 2000));
    assertFalse(r.ok(1500));
  }

  @Test
  void ok_failsOnError() {
    DemoResult r = passing();
    r.error = "boom";
    assertFalse(r.ok(1500));
    assertTrue(passing().ok(1500));
  }

  @Test
  void prerequisites_nameALabThatIsAlreadyThere() throws Exception {
    String prefix = "eccpt-pre" + ProcessHandle.current().pid() + "-";
    Path state = Path.of("/run/eccp-lab", prefix.substring(0, prefix.length() - 1));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "writing /run/eccp-lab needs root");
    Files.createDirectories(state);
    try {
      List<String> problems = Prerequisites.check(prefix);
      assertTrue(problems.stream().anyMatch(p -> p.contains("eccp lab down --prefix " + prefix)),
          problems.toString());
    } finally {
      Files.deleteIfExists(state);
    }
  }
}
