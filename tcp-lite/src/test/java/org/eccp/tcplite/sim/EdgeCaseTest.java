package org.eccp.tcplite.sim;

import static org.eccp.tcplite.sim.SimLab.MS;
import static org.eccp.tcplite.sim.SimLab.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.eccp.sim.LinkProfile;
import org.eccp.sim.PacketRule;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.TcpLiteConfig;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class EdgeCaseTest {
  static final LinkProfile LOSSY = new LinkProfile(10 * MS, 2 * MS, 0.02, 0.01, 0.05, 20 * MS);
  static final LinkProfile SLOW = new LinkProfile(80 * MS, 5 * MS, 0, 0, 0, 0);

  @Test
  void sequence_wrapsPast2To32AndPast2To31() {
    for (int isn : new int[] {0xffff_ff00, 0x7fff_ff00}) {
      long seed = 31;
      SimLab lab = new SimLab(seed, TcpLiteConfig.defaults(), LOSSY, SLOW);
      lab.serverTcp.fixedIsn = isn - 700;
      lab.connect(false);
      Transfer t = TransferTest.run(lab, 2 << 20, seed, 600 * SECOND, isn);
      String why = "seed " + seed + " isn " + Integer.toUnsignedString(isn);
      assertTrue(t.intact(), why + ": read " + t.read + " of " + t.total);
      assertEquals(CloseReason.NORMAL, t.senderClosed, why);
    }
  }

  @Test
  void fin_heldUntilGapFills() {
    long seed = 5;
    int isn = 1000;
    int total = 64 * 1024;
    int mss = TcpLiteConfig.defaults().mss();
    SimLab lab = new SimLab(seed, TcpLiteConfig.defaults(), LinkProfile.CLEAN, SLOW);
    lab.connect(false);
    int lastButOne = isn + 1 + (total / mss - 1) * mss;
    lab.sim.network().addRule(PacketRule.drop("the last but one data segment",
        Faults.dataSeq(lastButOne), 1));
    Transfer t = TransferTest.run(lab, total, seed, 60 * SECOND, isn);
    assertTrue(lab.serverTcp.tcp.counters().finsHeld() >= 1, "seed " + seed + ": no FIN was held");
    assertTrue(t.intact(), "seed " + seed + ": read " + t.read + " of " + t.total);
  }

  @Test
  void migration_lostSegmentsResentWithinRto() {
    long seed = 9;
    SimLab lab = new SimLab(seed, TcpLiteConfig.defaults(), LinkProfile.CLEAN, SLOW);
    lab.connect(false);
    Transfer t = TransferTest.start(lab, 8 << 20, seed, 77);
    lab.runFor(SECOND);
    IpAddress old = lab.client.address(0);
    boolean[] cut = {true};
    lab.sim.network().addRule(PacketRule.drop("tcp-lite leaving the old address",
        Faults.tcpWhile(() -> cut[0]).and(d -> d.src().equals(old)), Integer.MAX_VALUE));
    lab.runFor(15 * MS);
    long sentAtMove = t.clientConnection.bytesSent();
    assertTrue(sentAtMove > 0, "seed " + seed + ": nothing sent before the move");
    assertTrue(t.read < sentAtMove, "seed " + seed + ": nothing in flight at the move");
    long moved = lab.sim.now();
    lab.client.move(0, lab.nextA());
    long rto = TcpLiteConfig.defaults().initialRto();
    lab.runUntil(() -> t.read >= sentAtMove, moved + rto);
    assertTrue(t.read >= sentAtMove, "seed " + seed + ": " + t.read + " of the " + sentAtMove
        + " bytes sent before the move arrived within one RTO");
    lab.runUntil(() -> t.finishedAt >= 0, lab.sim.now() + 120 * SECOND);
    assertTrue(t.intact(), "seed " + seed + ": read " + t.read + " of " + t.total);
  }

  @Test
  void flow_deadFlowDataResentElsewhere() {
    long seed = 12;
    SimLab lab = new SimLab(seed, TcpLiteConfig.defaults(), LinkProfile.CLEAN, SLOW);
    lab.connect(true);
    Transfer t = TransferTest.start(lab, 4 << 20, seed, 12);
    lab.runFor(1500 * MS);
    lab.client.interfaceDown(1);
    lab.runUntil(() -> t.finishedAt >= 0, lab.sim.now() + 120 * SECOND);
    assertTrue(t.intact(), "seed " + seed + ": read " + t.read + " of " + t.total);
  }

  @Test
  void window_zeroWindowIsProbedAndReopens() {
    long seed = 14;
    TcpLiteConfig config = TcpLiteConfig.defaults().withBuffers(64 * 1024, 16 * 1024);
    SimLab lab = new SimLab(seed, config, LinkProfile.CLEAN, SLOW);
    lab.connect(false);
    Transfer t = TransferTest.start(lab, 256 * 1024, seed, 14);
    t.paused = true;
    lab.runFor(5 * SECOND);
    assertEquals(0, t.read, "seed " + seed + ": the receiver read nothing");
    assertTrue(t.clientConnection.unacknowledged() > 0,
        "seed " + seed + ": the sender should be stalled by the zero window");
    assertTrue(lab.clientTcp.tcp.counters().windowProbes() > 0, "seed " + seed + ": no probe");
    TcpLiteHost.App app = lab.serverTcp.app;
    lab.act(lab.server, lab.serverTcp, () -> {
      t.paused = false;
      app.readable(t.serverConnection, lab.sim.now());
    });
    lab.runUntil(() -> t.finishedAt >= 0, lab.sim.now() + 60 * SECOND);
    assertTrue(t.intact(), "seed " + seed + ": read " + t.read + " of " + t.total);
  }

  @Test
  void unacknowledged_countsQueuedBytes() {
    long seed = 15;
    int window = 16 * 1024;
    TcpLiteConfig config = TcpLiteConfig.defaults().withBuffers(64 * 1024, window);
    SimLab lab = new SimLab(seed, config, LinkProfile.CLEAN, SLOW);
    lab.connect(false);
    Transfer t = TransferTest.start(lab, 256 * 1024, seed, 15);
    t.paused = true;
    lab.runFor(5 * SECOND);
    // The receiver took one window, so the rest of the send buffer waits unsent.
    long left = t.clientConnection.unacknowledged();
    assertTrue(left > window, "seed " + seed + ": " + left + " bytes unacknowledged, but the "
        + "receiver can hold only " + window + " of the 64 KiB written");
  }

  @Test
  void rto_doublesToCapThenFails() {
    long seed = 16;
    TcpLiteConfig config = TcpLiteConfig.defaults().withRto(SECOND, 200 * MS, 3 * SECOND, 6);
    SimLab lab = new SimLab(seed, config, LinkProfile.CLEAN, SLOW);
    lab.connect(false);
    Transfer t = TransferTest.start(lab, 4 << 20, seed, 16);
    lab.runFor(500 * MS);
    lab.sim.network().addRule(PacketRule.drop("every tcp-lite segment",
        Faults.tcpWhile(() -> true), Integer.MAX_VALUE));
    int flow = lab.client.flows().get(0).localFlowId();
    List<Long> rtos = sampleRtos(lab, t, flow, () -> t.senderClosed != null, 120 * SECOND);
    assertEquals(CloseReason.TIMEOUT, t.senderClosed, "seed " + seed + ": " + rtos);
    assertEquals(7, lab.clientTcp.tcp.counters().timeouts(), "seed " + seed + ": " + rtos);
    assertEquals(List.of(200 * MS, 400 * MS, 800 * MS, 1600 * MS, 3 * SECOND), rtos,
        "seed " + seed + ": the timeout doubles from the RTT-based value up to the cap");
  }

  @Test
  void rto_resetsAfterAckedRetransmission() {
    long seed = 17;
    TcpLiteConfig config = TcpLiteConfig.defaults().withRto(SECOND, 200 * MS, 3 * SECOND, 6);
    SimLab lab = new SimLab(seed, config, LinkProfile.CLEAN, SLOW);
    lab.connect(false);
    Transfer t = TransferTest.start(lab, 1 << 20, seed, 17);
    lab.runFor(500 * MS);
    boolean[] cut = {true};
    lab.sim.network().addRule(PacketRule.drop("every tcp-lite segment for a while",
        Faults.tcpWhile(() -> cut[0]), Integer.MAX_VALUE));
    int flow = lab.client.flows().get(0).localFlowId();
    List<Long> rtos = sampleRtos(lab, t, flow, () -> false, 1400 * MS);
    assertTrue(rtos.contains(800 * MS), "seed " + seed + ": no backoff seen: " + rtos);
    cut[0] = false;
    rtos.addAll(sampleRtos(lab, t, flow, () -> t.finishedAt >= 0, 60 * SECOND));
    assertTrue(t.intact(), "seed " + seed + ": read " + t.read + " of " + t.total);
    assertEquals(200 * MS, rtos.get(rtos.size() - 1),
        "seed " + seed + ": the timeout did not return to the RTT-based value: " + rtos);
    assertTrue(lab.clientTcp.tcp.counters().timeouts() >= 2, "seed " + seed);
  }

  /** Runs in 5 ms steps and returns each new value of the flow's timeout. */
  private static List<Long> sampleRtos(SimLab lab, Transfer t, int flow,
      java.util.function.BooleanSupplier done, long forNanos) {
    List<Long> out = new ArrayList<>();
    long end = lab.sim.now() + forNanos;
    while (lab.sim.now() < end && !done.getAsBoolean()) {
      lab.runFor(5 * MS);
      if (t.clientConnection != null && t.senderClosed == null) {
        long r = t.clientConnection.rto(flow);
        if (out.isEmpty() || out.get(out.size() - 1) != r) {
          out.add(r);
        }
      }
    }
    return out;
  }
}
