package org.eccp.tcplite.sim;

import static org.eccp.tcplite.sim.SimLab.MS;
import static org.eccp.tcplite.sim.SimLab.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eccp.sim.LinkProfile;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.TcpLiteConfig;
import org.junit.jupiter.api.Test;

/**
 * Bulk transfers over two rate-limited paths, each with a tail-drop queue in front of it, as
 * {@code eccp bench multipath} builds them with tbf. Each run prints its completion time and the
 * share of the two paths' sum that it reached. The assertions check only that the bytes arrived
 * intact. {@code eccp.tcplite.bottleneckBytes} sets the transfer size (default 16 MiB).
 */
class MultipathBottleneckTest {
  static final long RATE = 50_000_000L;
  static final int QUEUE = 300_000;
  static final LinkProfile NEAR = new LinkProfile(5 * MS, 0, 0, 0, 0, 0);
  static final LinkProfile FAR = new LinkProfile(10 * MS, 0, 0, 0, 0, 0);

  @Test
  void transfer_twoShapedPaths() {
    long bytes = Long.getLong("eccp.tcplite.bottleneckBytes", 16L << 20);
    long seed = 7;
    for (boolean tuned : new boolean[] {false, true}) {
      for (boolean two : new boolean[] {false, true}) {
        TcpLiteConfig config = TcpLiteConfig.defaults().withLossRecovery(tuned, tuned);
        run(config, two, bytes, seed, tuned ? "tail-loss probe and HyStart" : "neither");
      }
    }
  }

  private static void run(TcpLiteConfig config, boolean two, long bytes, long seed, String label) {
    SimLab lab = new SimLab(seed, config, NEAR, FAR);
    lab.sim.network().setBottleneck("net-a", "net-s", RATE, QUEUE);
    lab.sim.network().setBottleneck("net-b", "net-s", RATE, QUEUE);
    lab.connect(two);
    long start = lab.sim.now();
    Transfer t = TransferTest.start(lab, bytes, seed, (int) seed);
    lab.runUntil(() -> {
      return t.finishedAt >= 0 && t.senderClosed != null && t.receiverClosed != null;
    }, lab.sim.now() + 600 * SECOND);
    double seconds = (t.finishedAt - start) / 1e9;
    double share = bytes * 8 / seconds / (2.0 * RATE);
    System.out.printf("tcp-lite over two 50 Mbit/s paths (%d-byte queues), %s, %d flow(s): "
        + "%d bytes in %.2f s virtual, %.2f of the two paths' sum; client %s%n", QUEUE, label,
        two ? 2 : 1, bytes, seconds, share, lab.clientTcp.tcp.counters());
    String context = "seed " + seed + ", " + label + ", " + (two ? 2 : 1) + " flow(s)";
    assertTrue(t.intact(),
        context + ": read " + t.read + " of " + t.total + " bytes, or the hash differs");
    assertEquals(CloseReason.NORMAL, t.senderClosed, context);
    assertEquals(CloseReason.NORMAL, t.receiverClosed, context);
  }
}
