package org.eccp.tcplite.sim;

import static org.eccp.tcplite.sim.SimLab.MS;
import static org.eccp.tcplite.sim.SimLab.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eccp.engine.ConnectionEvent;
import org.eccp.sim.LinkProfile;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.TcpLiteConfig;
import org.junit.jupiter.api.Test;

/**
 * A bulk transfer over two flows of very different round-trip time with 5% loss, 10%
 * reordering and 1% duplication on every link, while the client's interfaces move five times.
 * The size is 64 MiB unless the system property {@code eccp.tcplite.bigBytes} names another
 * byte count (e.g. 8388608 for a quick run).
 */
class LossyMigrationTransferTest {
  static final long DEFAULT_BYTES = 64L << 20;
  static final LinkProfile FAST = new LinkProfile(10 * MS, 2 * MS, 0.05, 0.01, 0.10, 30 * MS);
  static final LinkProfile SLOW = new LinkProfile(120 * MS, 10 * MS, 0.05, 0.01, 0.10, 100 * MS);

  @Test
  void transfer_lossyTwoFlowsFiveMoves() {
    long bytes = Long.getLong("eccp.tcplite.bigBytes", DEFAULT_BYTES);
    long seed = Long.getLong("eccp.tcplite.seed", 20);
    long wallStart = System.nanoTime();
    SimLab lab = new SimLab(seed, TcpLiteConfig.defaults(), FAST, SLOW);
    lab.connect(true);
    long start = lab.sim.now();
    long[] lastMove = {0};
    for (int i = 0; i < 5; i++) {
      int ifIndex = i % 2;
      long at = start + (i + 1) * 700 * MS;
      lab.sim.at(at, "client moves interface " + ifIndex, () -> {
        lab.client.move(ifIndex, ifIndex == 0 ? lab.nextA() : lab.nextB());
        lastMove[0] = lab.sim.now();
      });
    }
    Transfer t = TransferTest.run(lab, bytes, seed, 3_600 * SECOND);
    long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
    long migrations = lab.clientTcp.events().stream()
        .filter(e -> e instanceof ConnectionEvent.FlowMigrated).count();
    System.out.printf("tcp-lite lossy transfer: %d bytes, seed %d, %.1f s virtual, %d ms wall, "
        + "%d migrations seen by the client; client %s%n", bytes, seed,
        (t.finishedAt - start) / 1e9, wallMs, migrations, lab.clientTcp.tcp.counters());
    String why = "seed " + seed + " (replay with -Deccp.tcplite.seed=" + seed + ")";
    assertTrue(t.intact(), why + ": read " + t.read + " of " + t.total + " bytes, or hash differs");
    assertTrue(lastMove[0] > 0, why + ": no move happened");
    assertTrue(t.finishedAt > lastMove[0], why + ": the transfer ended before the last move");
    assertEquals(CloseReason.NORMAL, t.senderClosed, why);
    assertEquals(CloseReason.NORMAL, t.receiverClosed, why);
  }
}
