package org.eccp.tcplite.sim;

import static org.eccp.tcplite.sim.SimLab.MS;
import static org.eccp.tcplite.sim.SimLab.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eccp.sim.LinkProfile;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.TcpLiteConfig;
import org.junit.jupiter.api.Test;

class TransferTest {
  static final LinkProfile CLEAN = LinkProfile.CLEAN;
  static final LinkProfile SLOW = new LinkProfile(80 * MS, 5 * MS, 0, 0, 0, 0);

  static Transfer run(SimLab lab, long bytes, long seed, long limit) {
    return run(lab, bytes, seed, limit, (int) seed);
  }

  static Transfer run(SimLab lab, long bytes, long seed, long limit, int isn) {
    Transfer t = start(lab, bytes, seed, isn);
    lab.runUntil(() -> t.finishedAt >= 0 && t.senderClosed != null && t.receiverClosed != null,
        lab.sim.now() + limit);
    return t;
  }

  /** Starts a transfer from client port 5000 to server port 80; the caller runs the simulation. */
  static Transfer start(SimLab lab, long bytes, long seed, int isn) {
    Transfer t = new Transfer(bytes, seed);
    lab.clientTcp.app = t.new SenderApp();
    lab.serverTcp.app = t.new ReceiverApp();
    lab.serverTcp.tcp.listen(80);
    lab.act(lab.client, lab.clientTcp,
        () -> lab.clientTcp.tcp.connect(lab.sim.now(), lab.connectionId, 5000, 80, isn));
    return t;
  }

  @Test
  void transfer_cleanFlowIntact() {
    long seed = 1;
    SimLab lab = new SimLab(seed, TcpLiteConfig.defaults(), CLEAN, SLOW);
    lab.connect(false);
    Transfer t = run(lab, 1 << 20, seed, 60 * SECOND);
    assertTrue(t.intact(), "seed " + seed + ": read " + t.read + " of " + t.total);
    assertEquals(CloseReason.NORMAL, t.senderClosed, "seed " + seed);
    assertEquals(CloseReason.NORMAL, t.receiverClosed, "seed " + seed);
  }
}
