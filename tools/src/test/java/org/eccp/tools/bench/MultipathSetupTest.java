package org.eccp.tools.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipathSetupTest {
  /** The parts of iperf3 3.12's client JSON with --get-server-output that the bench reads. */
  private static final String REPORT = """
      {"start": {}, "intervals": [],
       "end": {"sum_received": {"bytes": 50000000, "bits_per_second": 199000000.0}},
       "server_output_json": {"intervals": [
         {"sum": {"start": 0, "end": 0.2, "bits_per_second": 150000000.0}},
         {"sum": {"start": 0.2, "end": 0.4, "bits_per_second": 201000000.0}}]}}
      """;

  @Test
  void parseServerReport_readsMeanAndIntervals() throws IOException {
    Throughput t = MultipathSetup.parseServerReport(REPORT, "198.19.1.10");
    assertEquals(199.0, t.meanMbps(), 1e-9);
    assertArrayEquals(new double[] {150.0, 201.0}, t.mbps(), 1e-9);
  }

  @Test
  void parseServerReport_withoutServerOutputFails() {
    String noServer = REPORT.substring(0, REPORT.indexOf(",\n \"server_output_json\"")) + "}";
    IOException e = assertThrows(IOException.class,
        () -> MultipathSetup.parseServerReport(noServer, "198.19.1.10"));
    assertTrue(e.getMessage().contains("no server report"), e.getMessage());
  }

  @Test
  void parseServerReport_passesOnIperfErrors() {
    IOException e = assertThrows(IOException.class, () -> MultipathSetup.parseServerReport(
        "{\"error\": \"the server is busy running a test. try again later\"}", "198.19.1.10"));
    assertTrue(e.getMessage().contains("busy"), e.getMessage());
  }

  @Test
  void medianRun_picksMiddleMean() {
    Throughput slow = new Throughput(10, new double[] {10});
    Throughput middle = new Throughput(20, new double[] {20});
    Throughput fast = new Throughput(30, new double[] {30});
    assertEquals(middle, MultipathPlot.medianRun(List.of(fast, slow, middle)));
    assertEquals(slow, MultipathPlot.medianRun(List.of(fast, slow)));
  }
}
