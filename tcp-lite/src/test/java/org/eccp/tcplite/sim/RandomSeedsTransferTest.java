package org.eccp.tcplite.sim;

import static org.eccp.tcplite.sim.SimLab.MS;
import static org.eccp.tcplite.sim.SimLab.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.eccp.sim.LinkProfile;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.Scheduler;
import org.eccp.tcplite.TcpLiteConfig;
import org.junit.jupiter.api.Test;

/**
 * Transfers under seeded random conditions: link profiles, scheduler, sizes and the times of
 * moves and interface losses all come from the seed. {@code eccp.tcplite.seeds} sets how many
 * seeds run (default 20), {@code eccp.tcplite.firstSeed} the first one.
 */
class RandomSeedsTransferTest {
  @Test
  void transfer_randomConditionsDeliverEveryByteOnce() {
    int seeds = Integer.getInteger("eccp.tcplite.seeds", 20);
    long first = Long.getLong("eccp.tcplite.firstSeed", 1000);
    for (long seed = first; seed < first + seeds; seed++) {
      runOne(seed);
    }
  }

  private static void runOne(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    LinkProfile fast = profile(rnd, 5 + rnd.nextInt(20));
    LinkProfile slow = profile(rnd, 50 + rnd.nextInt(150));
    TcpLiteConfig config = TcpLiteConfig.defaults().withScheduler(
        rnd.nextBoolean() ? Scheduler.LOWEST_RTT : Scheduler.ROUND_ROBIN, rnd.nextBoolean())
        .withBuffers(64 * 1024 + rnd.nextInt(1 << 20), 16 * 1024 + rnd.nextInt(1 << 20));
    SimLab lab = new SimLab(seed, config, fast, slow);
    lab.connect(true);
    long start = lab.sim.now();
    int moves = rnd.nextInt(6);
    for (int i = 0; i < moves; i++) {
      int ifIndex = rnd.nextInt(2);
      lab.sim.at(start + rnd.nextLong(8 * SECOND), "move if" + ifIndex,
          () -> lab.client.move(ifIndex, ifIndex == 0 ? lab.nextA() : lab.nextB()));
    }
    if (rnd.nextInt(4) == 0) {
      lab.sim.at(start + rnd.nextLong(4 * SECOND), "if1 down", () -> lab.client.interfaceDown(1));
    }
    long bytes = 1 + rnd.nextLong(1 << 20);
    Transfer t = TransferTest.run(lab, bytes, seed, 900 * SECOND, rnd.nextInt());
    String why = "seed " + seed + " (replay with -Deccp.tcplite.firstSeed=" + seed
        + " -Deccp.tcplite.seeds=1)";
    if (!t.intact()) {
      System.out.println(why + " failed: now " + lab.sim.now() / 1e9 + " s, sender "
          + t.senderClosed
          + " receiver " + t.receiverClosed + " client " + lab.clientTcp.tcp.counters()
          + " server " + lab.serverTcp.tcp.counters() + " client flows " + lab.client.flows()
              .stream().map(f -> f.localFlowId() + ":" + f.state()).toList()
          + " server flows " + lab.server.flows().stream().map(f -> f.localFlowId() + ":"
              + f.state()).toList() + " conns " + lab.clientTcp.tcp.connections()
          + " events " + lab.clientTcp.events() + " / " + lab.serverTcp.events()
          + " config " + config + " client state " + (t.clientConnection == null ? "-"
              : t.clientConnection.describe()));
    }
    assertTrue(t.intact(), why + ": read " + t.read + " of " + t.total + " or hash differs");
    assertEquals(CloseReason.NORMAL, t.senderClosed, why);
    assertEquals(CloseReason.NORMAL, t.receiverClosed, why);
  }

  private static LinkProfile profile(SplittableRandom rnd, long delayMs) {
    return new LinkProfile(delayMs * MS, rnd.nextLong(1, 5) * MS, rnd.nextDouble(0.08),
        rnd.nextDouble(0.02), rnd.nextDouble(0.15), rnd.nextLong(1, 80) * MS);
  }
}
