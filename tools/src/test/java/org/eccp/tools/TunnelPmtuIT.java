package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eccp.tools.demo.RandomFile;
import org.eccp.tools.demo.TrafficSampler;
import org.eccp.tools.demo.TunnelLab;
import org.eccp.tools.lab.Impairment;
import org.eccp.tools.lab.Lab;
import org.eccp.tools.lab.LabPrefix;
import org.eccp.tunnel.TunnelCounters;
import org.junit.jupiter.api.Test;

/**
 * An unmodified TCP transfer (curl from python's http.server) through the tunnel while the
 * client moves from net-a (MTU 1500) to net-b, whose MTU is 1280 on both the client's and the
 * router's end. The client end must take the smaller MTU from its kernel when the flow moves.
 * The router replies to the server's large outer packets with ICMP "fragmentation needed", so
 * the server end must lower the flow's path MTU and send ICMP errors to the inner TCP sender,
 * which lowers its own. The download must complete with the right SHA-256, and the test prints
 * how long inner traffic stalled.
 *
 * <p>Runs in the integration-test phase of {@code mvn verify}; needs root, curl and python3.
 */
class TunnelPmtuIT {
  private static final long FILE_BYTES = 48L << 20;
  /**
   * The server's network is limited to this rate (tbf), so the transfer lasts about 8 s
   * without curl's --limit-rate, whose read pauses close the TCP window and add stalls of their
   * own.
   */
  private static final double RATE_MBIT = 50;
  /** The smaller network's MTU: IPv6's minimum, a common tunnel or mobile-network value. */
  private static final int SMALL_MTU = 1280;

  @Test
  void tunnel_recoversOnSmallerMtuPath() throws Exception {
    TunnelLabTests.assumeLabAndTun(true);
    LabPrefix prefix = TunnelLabTests.randomPrefix("p");
    Path dir = Files.createTempDirectory("eccp-tunnel-pmtu");
    try (TunnelLab lab = TunnelLab.start(Lab.open(prefix))) {
      lab.lab().setMtu("net-b", SMALL_MTU);
      lab.lab().impair("net-s", new Impairment(0, 0, 0, 0, 0, RATE_MBIT, 0));
      assertEquals(SMALL_MTU, lab.lab().mtu("net-b")[0], "router end of net-b");
      assertEquals(SMALL_MTU, lab.lab().mtu("net-b")[1], "client end of net-b");
      assertTrue(lab.awaitTunnel(20_000), "the tunnel did not come up");
      Path served = dir.resolve("random.bin");
      String expected = RandomFile.write(served, FILE_BYTES);
      lab.spawn("server", dir, dir.resolve("http.log"), "python3", "-m", "http.server", "8080",
          "--bind", TunnelLab.SERVER_INNER);
      Thread.sleep(1000);
      Path got = dir.resolve("download.bin");
      TunnelCounters client = lab.client().counters();
      TunnelCounters server = lab.server().counters();
      try (TrafficSampler sampler = new TrafficSampler(client.receivedBytes::get)) {
        Process curl = lab.spawn("client", dir, dir.resolve("curl.log"), "curl", "-sS",
            "--fail", "--retry", "10", "--retry-connrefused", "--retry-delay", "1", "-o",
            got.toString(),
            "http://" + TunnelLab.SERVER_INNER + ":8080/random.bin");
        while (client.receivedBytes.get() < FILE_BYTES / 4 && curl.isAlive()) {
          Thread.sleep(2);
        }
        assertTrue(curl.isAlive(), "the transfer ended before the move; see "
            + dir.resolve("curl.log"));
        long movedAt = sampler.now();
        lab.lab().move("client", "net-b");
        assertTrue(curl.isAlive(), "the transfer ended before the move was done: make the "
            + "file larger or the rate lower");
        assertTrue(curl.waitFor(40, TimeUnit.SECONDS), "curl did not finish within 40 s: "
            + "the smaller path MTU became a black hole; client " + client + ", server " + server);
        long end = sampler.now();
        assertEquals(0, curl.exitValue(), "curl failed; see " + dir.resolve("curl.log"));
        assertEquals(expected, RandomFile.sha256(got), "the downloaded file differs");
        double stallMillis = sampler.longestGapMillis(movedAt, end, end);
        System.out.printf("tunnel pmtu: inner traffic stalled %.0f ms after the move to the "
            + "%d-byte network; client %s; server %s%n", stallMillis, SMALL_MTU, client, server);
        assertTrue(server.icmpFragNeeded.get() + server.sendTooBig.get() > 0,
            "the server end never learned the smaller MTU: " + server);
        assertTrue(server.icmpTooBigSent.get() > 0,
            "the server end never told the inner TCP sender: " + server);
        assertTrue(client.pmtuChanges.get() > 0,
            "the client end did not take the new interface's MTU: " + client);
        assertTrue(stallMillis < 5000, "inner traffic stalled " + stallMillis + " ms");
      }
    } finally {
      Files.deleteIfExists(dir.resolve("random.bin"));
      Files.deleteIfExists(dir.resolve("download.bin"));
    }
  }
}
