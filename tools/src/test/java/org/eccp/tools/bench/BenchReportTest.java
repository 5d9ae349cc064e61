package org.eccp.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eccp.tools.json.Json;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  private static BenchReport sample() {
    BenchReport r = new BenchReport(Map.of("cores", 2), List.of("eccp-ip"));
    for (double v : new double[] {0.9, 0.7, 0.8}) {
      r.add("eccp-ip", "tcp_1_stream", "Gbit/s", v);
    }
    for (double v : new double[] {0.4, 0.3, 0.5, 0.2}) {
      r.add("wireguard-go", "tcp_1_stream", "Gbit/s", v);
    }
    r.add("eccp-ip", "cpu_1_stream", "CPU s/GB", 10);
    r.add("veth", "tcp_1_stream", "Gbit/s", 16);
    return r;
  }

  @Test
  void result_medianOfOddAndEvenCounts() {
    assertEquals(0.8, new BenchResult("a", "m", "u", List.of(0.9, 0.7, 0.8)).median(), 1e-12);
    assertEquals(0.35, new BenchResult("a", "m", "u", List.of(0.4, 0.3, 0.5, 0.2)).median(),
        1e-12);
    assertTrue(Double.isNaN(new BenchResult("a", "m", "u", List.of()).median()));
  }

  @Test
  void report_jsonHasMachineResultsAndRatios() {
    Map<?, ?> doc = (Map<?, ?>) Json.parse(Json.write(sample().toJson()));
    assertEquals(Set.of("machine", "results", "ratios", "failures"), doc.keySet());
    assertEquals(2L, ((Map<?, ?>) doc.get("machine")).get("cores"));
    List<?> results = (List<?>) doc.get("results");
    assertEquals(4, results.size());
    Map<?, ?> first = (Map<?, ?>) results.get(0);
    assertEquals(Set.of("subject", "metric", "unit", "median", "min", "max", "runs"),
        first.keySet());
    assertEquals("eccp-ip", first.get("subject"));
    assertEquals(0.8, first.get("median"));
    assertEquals(0.7, first.get("min"));
    assertEquals(0.9, first.get("max"));
    assertEquals(List.of(0.9, 0.7, 0.8), first.get("runs"));
  }

  @Test
  void report_ratiosPerPeerAndMetric() {
    List<Map<String, Object>> ratios = sample().ratios();
    assertEquals(2, ratios.size(), ratios.toString());
    Map<String, Object> wg = ratios.get(0);
    assertEquals("eccp-ip", wg.get("eccp"));
    assertEquals("wireguard-go", wg.get("peer"));
    assertEquals("tcp_1_stream", wg.get("metric"));
    assertEquals(2.286, (Double) wg.get("ratio"), 1e-9);
    assertEquals("veth", ratios.get(1).get("peer"));
    assertEquals(0.05, (Double) ratios.get(1).get("ratio"), 1e-9);
  }

  @Test
  void report_keepsTheFirstReasonOfAFailure() {
    BenchReport r = sample();
    r.fail("socat", "did not start: no TUN");
    r.fail("socat", "later");
    Map<?, ?> doc = (Map<?, ?>) Json.parse(Json.write(r.toJson()));
    assertEquals(Map.of("socat", "did not start: no TUN"), doc.get("failures"));
    assertTrue(r.summary().contains("FAILED socat: did not start: no TUN"));
  }

  @Test
  void round_fourDigitsAndNanToNull() {
    assertEquals(21.47, BenchResult.round(21.4712));
    assertEquals(0.05336, BenchResult.round(0.0533612));
    assertNull(BenchResult.round(Double.NaN));
  }

  @Test
  void procCpu_countsFieldsAfterTheLastParenthesis() {
    String stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 "
        + "12 0 1000 1000000 100 18446744073709551615";
    assertEquals(3.25, ProcCpu.fromStat(stat), 1e-12);
    assertEquals(0, ProcCpu.fromStat("garbage"));
    assertEquals(0, ProcCpu.seconds(List.of(-1L)));
  }

  @Test
  void iperf_readsTheReceivedSumOrTheError() throws Exception {
    String ok = "{\"end\": {\"sum_received\": {\"bytes\": 1250000000, "
        + "\"bits_per_second\": 2.0E9}}}";
    Iperf.Outcome o = Iperf.parse(ok, "198.19.255.1");
    assertEquals(1_250_000_000L, o.bytes());
    assertEquals(2e9, o.bitsPerSecond());
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> Iperf.parse("{\"error\": \"unable to connect to server\"}", "198.19.255.1"));
    assertTrue(e.getMessage().contains("unable to connect"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> Iperf.parse("not json", "198.19.255.1"));
  }

  @Test
  void subjects_haveDistinctNamesAndInnerAddresses() {
    List<Subject> all = TunnelBench.subjects();
    assertEquals(
        List.of("eccp-ip", "eccp-udp", "wireguard-go", "socat", "tun-forwarder", "veth"),
        all.stream().map(Subject::name).toList());
    List<String> targets = all.stream().limit(5).map(Subject::target).toList();
    assertEquals(5, Set.copyOf(targets).size(), targets.toString());
    targets.forEach(t -> assertTrue(t.startsWith("198.19."), t));
  }
}
