package org.eccp.tcplite.sim;

import static org.eccp.tcplite.sim.SimLab.MS;
import static org.eccp.tcplite.sim.SimLab.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eccp.sim.LinkProfile;
import org.eccp.sim.PacketRule;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.Scheduler;
import org.eccp.tcplite.TcpLiteConfig;
import org.eccp.tcplite.TcpLiteState;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  static final LinkProfile LOSSY = new LinkProfile(10 * MS, 2 * MS, 0.03, 0.01, 0.05, 20 * MS);
  static final LinkProfile SLOW = new LinkProfile(100 * MS, 5 * MS, 0.03, 0, 0.05, 50 * MS);

  @Test
  void scheduler_roundRobinWithCoupledIncreaseDeliversIntact() {
    long seed = 61;
    TcpLiteConfig config = TcpLiteConfig.defaults().withScheduler(Scheduler.ROUND_ROBIN, true);
    SimLab lab = new SimLab(seed, config, LOSSY, SLOW);
    lab.connect(true);
    Transfer t = TransferTest.run(lab, 2 << 20, seed, 600 * SECOND);
    assertTrue(t.intact(), "seed " + seed + ": read " + t.read + " of " + t.total);
    assertEquals(CloseReason.NORMAL, t.senderClosed, "seed " + seed);
  }

  @Test
  void scheduler_lowestRttWithCoupledIncreaseDeliversIntact() {
    long seed = 62;
    TcpLiteConfig config = TcpLiteConfig.defaults().withScheduler(Scheduler.LOWEST_RTT, true);
    SimLab lab = new SimLab(seed, config, LOSSY, SLOW);
    lab.connect(true);
    Transfer t = TransferTest.run(lab, 2 << 20, seed, 600 * SECOND);
    assertTrue(t.intact(), "seed " + seed + ": read " + t.read + " of " + t.total);
  }

  @Test
  void abort_peerSeesTheReset() {
    long seed = 63;
    SimLab lab = new SimLab(seed, TcpLiteConfig.defaults(), LinkProfile.CLEAN, SLOW);
    lab.connect(false);
    Transfer t = TransferTest.start(lab, 4 << 20, seed, 63);
    lab.runFor(SECOND);
    lab.act(lab.client, lab.clientTcp, () -> t.clientConnection.abort(lab.sim.now()));
    lab.runFor(SECOND);
    assertEquals(CloseReason.ABORTED, t.senderClosed, "seed " + seed);
    assertEquals(CloseReason.RESET_BY_PEER, t.receiverClosed, "seed " + seed);
    assertEquals(TcpLiteState.CLOSED, t.serverConnection.state(), "seed " + seed);
  }

  @Test
  void keepalive_idleConnectionToALivePeerStaysOpen() {
    long seed = 64;
    TcpLiteConfig config = TcpLiteConfig.defaults().withKeepalive(2 * SECOND, SECOND, 3);
    SimLab lab = new SimLab(seed, config, LinkProfile.CLEAN, SLOW);
    lab.connect(false);
    Transfer t = TransferTest.start(lab, 1024, seed, 64);
    t.paused = true;
    lab.runFor(30 * SECOND);
    assertNull(t.senderClosed, "seed " + seed);
    assertTrue(lab.clientTcp.tcp.counters().keepalives() >= 5, "seed " + seed + ": "
        + lab.clientTcp.tcp.counters());
  }

  @Test
  void keepalive_silentPeerFailsAfterTheProbes() {
    long seed = 65;
    TcpLiteConfig config = TcpLiteConfig.defaults().withKeepalive(2 * SECOND, SECOND, 3);
    SimLab lab = new SimLab(seed, config, LinkProfile.CLEAN, SLOW);
    lab.connect(false);
    Transfer t = TransferTest.start(lab, 1024, seed, 65);
    t.paused = true;
    lab.runFor(500 * MS);
    long cut = lab.sim.now();
    lab.sim.network().addRule(PacketRule.drop("every tcp-lite segment",
        Faults.tcpWhile(() -> true), Integer.MAX_VALUE));
    lab.runUntil(() -> t.senderClosed != null, cut + 30 * SECOND);
    assertEquals(CloseReason.TIMEOUT, t.senderClosed, "seed " + seed);
    assertEquals(3, lab.clientTcp.tcp.counters().keepalives(), "seed " + seed);
  }
}
