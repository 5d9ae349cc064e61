package org.eccp.sim;

import static org.eccp.sim.ScenarioKit.MS;
import static org.eccp.sim.ScenarioKit.SECOND;

import org.eccp.engine.ConnectionView;
import org.eccp.engine.Counter;
import org.eccp.engine.FlowState;
import org.eccp.engine.Versions;
import org.eccp.wire.IpAddress;
import org.eccp.wire.PacketType;

/** Scenarios where one host changes its addresses while the other stays. */
final class MigrationScenarios {
  private MigrationScenarios() {}

  static ScenarioResult staleRsyn(ScenarioKit k) {
    k.connect();
    long t = k.sim.now();
    k.sim.network().addRule(PacketRule.delay("the RSYN sent from A2 is slow",
        ScenarioKit.type(PacketType.RSYN).and(ScenarioKit.from(k.a2)), 400 * MS, 1));
    k.sim.at(t, "client moves A1 -> A2", () -> k.client.move(0, k.a2));
    k.sim.at(t + 50 * MS, "client moves A2 -> A3", () -> k.client.move(0, k.a3));
    long staleBefore = ScenarioKit.counter(k.server, Counter.STALE_VERSION);
    k.runUntil(t + 2 * SECOND);
    k.check("server sends to A3 " + k.a3, k.a3.equals(k.flow(k.server).remoteAddress()));
    k.check("server dropped the late RSYN as stale",
        ScenarioKit.counter(k.server, Counter.STALE_VERSION) > staleBefore);
    k.checkLive(5 * SECOND);
    k.check("server still sends to A3 at the end", k.a3.equals(k.flow(k.server).remoteAddress()));
    return k.result("stale-rsyn", "the RSYN for A2 arrives after the one for A3 and is dropped "
        + "as stale; the server ends on A3");
  }

  static ScenarioResult implicitAckTrap(ScenarioKit k) {
    k.connect();
    long t = k.sim.now();
    IpAddress b1 = SimNetwork.address(ScenarioKit.NET_B, 30);
    int v0 = k.connection(k.client).localVersion();
    k.sim.network().addRule(PacketRule.delay("the RSYN-ACK of the first migration is delayed",
        ScenarioKit.type(PacketType.RSYN_ACK).and(ScenarioKit.to(k.a1)), 500 * MS, 1));
    k.sim.network().addRule(PacketRule.drop("the RSYN of the second migration is lost",
        d -> d.packet().type() == PacketType.RSYN && d.src().equals(k.a1)
            && Versions.isNewer(d.packet().version(), v0 + 1), 1));
    k.sim.at(t, "client gains " + b1 + " on if1: IList update, version v0+1",
        () -> k.client.addAddress(1, b1));
    k.sim.at(t + 100 * MS, "client loses " + b1 + ": IList update, version v0+2",
        () -> k.client.removeAddress(1));
    long staleAcks = ScenarioKit.counter(k.client, Counter.STALE_ACK);
    k.runUntil(t + 520 * MS);
    ConnectionView c = k.connection(k.client);
    k.check("the delayed RSYN-ACK for v0+1 was dropped as a stale acknowledgement",
        ScenarioKit.counter(k.client, Counter.STALE_ACK) > staleAcks);
    k.check("the client still waits for the acknowledgement of v0+2",
        k.flow(k.client).state() != FlowState.ESTABLISHED
            || Versions.isNewer(k.connection(k.server).peerVersion(), v0 + 1));
    k.runUntil(t + 5 * SECOND);
    k.check("the server ends with the client's newest version",
        k.connection(k.server).peerVersion() == c.localVersion());
    k.check("the server's IList of the client no longer has " + b1,
        k.connection(k.server).peerInterfaceList().entries().stream()
            .noneMatch(e -> e.address().equals(b1)));
    k.checkLive(5 * SECOND);
    return k.result("implicit-ack-trap", "a delayed acknowledgement of an older migration does "
        + "not complete a newer one whose RSYN was lost (the paper's Figure 5)");
  }

  static ScenarioResult ilistUpdate(ScenarioKit k) {
    k.connect();
    long t = k.sim.now();
    IpAddress b1 = SimNetwork.address(ScenarioKit.NET_B, 40);
    int v0 = k.connection(k.client).localVersion();
    k.sim.at(t, "client gains " + b1 + " on if1", () -> k.client.addAddress(1, b1));
    k.runUntil(t + SECOND);
    k.check("server's IList of the client contains " + b1, k.connection(k.server)
        .peerInterfaceList().entries().stream().anyMatch(e -> e.address().equals(b1)));
    k.check("client version moved on", Versions.isNewer(k.connection(k.client).localVersion(), v0));
    k.check("the flow stays on " + k.a1, k.a1.equals(k.flow(k.server).remoteAddress()));
    int v1 = k.connection(k.client).localVersion();
    k.sim.at(k.sim.now(), "client loses " + b1, () -> k.client.removeAddress(1));
    k.runUntil(k.sim.now() + SECOND);
    k.check("server's IList of the client no longer has " + b1, k.connection(k.server)
        .peerInterfaceList().entries().stream().noneMatch(e -> e.address().equals(b1)));
    k.check("client version moved on again",
        Versions.isNewer(k.connection(k.client).localVersion(), v1));
    k.check("server has the client's version", k.connection(k.server).peerVersion()
        == k.connection(k.client).localVersion());
    k.checkLive(5 * SECOND);
    return k.result("ilist-update", "an RSYN without NEW_ADDRESS replaces the IList and leaves "
        + "the flow's address alone");
  }

  static ScenarioResult interfaceFailover(ScenarioKit k) {
    IpAddress b1 = SimNetwork.address(ScenarioKit.NET_B, 50);
    k.client.addAddress(1, b1);
    k.connect();
    long t = k.sim.now();
    k.check("the flow starts on " + k.a1, k.a1.equals(k.flow(k.client).localAddress()));
    k.sim.at(t, "client interface if0 fails", () -> k.client.interfaceDown(0));
    k.runUntil(t + 2 * SECOND);
    k.check("client flow moved to " + b1, b1.equals(k.flow(k.client).localAddress()));
    k.check("server sends to " + b1, b1.equals(k.flow(k.server).remoteAddress()));
    k.checkLive(5 * SECOND);
    return k.result("interface-failover", "when the flow's interface fails, the flow moves to the "
        + "host's other interface");
  }

  static ScenarioResult loseAddress(ScenarioKit k) {
    k.connect();
    long t = k.sim.now();
    k.sim.at(t, "client loses its only address", () -> k.client.removeAddress(0));
    k.sim.at(t + 2 * SECOND, "client gets " + k.a2, () -> k.client.addAddress(0, k.a2));
    k.runUntil(t + SECOND);
    k.check("client flow waits in NOADDRESS", k.flow(k.client).state() == FlowState.NOADDRESS);
    k.runUntil(t + 4 * SECOND);
    k.check("server sends to " + k.a2, k.a2.equals(k.flow(k.server).remoteAddress()));
    k.checkLive(5 * SECOND);
    long t2 = k.sim.now();
    k.sim.at(t2, "client loses its address for good", () -> k.client.removeAddress(0));
    k.runUntil(t2 + 40 * SECOND);
    k.check("client reported NO_ADDRESS_TIMEOUT",
        ScenarioKit.failedWith(k.client, org.eccp.engine.FailureReason.NO_ADDRESS_TIMEOUT));
    k.check("client ends with no flow and no timer", ScenarioKit.quiet(k.client));
    return k.result("lose-address", "a host without any address waits in NOADDRESS, recovers "
        + "when an address comes, and fails cleanly when none comes within its patience");
  }

  static ScenarioResult returnToOldAddress(ScenarioKit k) {
    k.connect();
    int flowsClient = k.client.flows().size();
    int flowsServer = k.server.flows().size();
    int last = k.connection(k.client).localVersion();
    boolean fresh = true;
    boolean baseline = true;
    for (int i = 0; i < 4; i++) {
      IpAddress to = i % 2 == 0 ? k.a2 : k.a1;
      k.sim.at(k.sim.now(), "client moves to " + to, () -> k.client.move(0, to));
      k.runUntil(k.sim.now() + 2 * SECOND);
      int v = k.connection(k.client).localVersion();
      fresh &= Versions.isNewer(v, last);
      last = v;
      baseline &= k.client.flows().size() == flowsClient && k.server.flows().size() == flowsServer
          && !k.client.timerPending() && !k.server.timerPending()
          && to.equals(k.flow(k.server).remoteAddress());
    }
    k.check("each move used a fresh, newer version", fresh);
    k.check("after each move: same flow counts, no timer pending, server on the new address",
        baseline);
    k.checkLive(5 * SECOND);
    return k.result("return-to-old-address", "A1 -> A2 -> A1 -> A2 -> A1, each with a new "
        + "version, and nothing leaks");
  }

  static ScenarioResult lateOldPathData(ScenarioKit k) {
    k.connect();
    long t = k.sim.now();
    k.sim.network().addRule(PacketRule.delay("data sent from A1 is slow",
        d -> d.src().equals(k.a1) && !d.packet().type().isControl(), 800 * MS, 10));
    int flow = k.flow(k.client).localFlowId();
    k.sim.at(t, "client sends 3 echoes from A1", () -> {
      for (int i = 0; i < 3; i++) {
        k.client.sendEcho(flow, 9000 + i);
      }
    });
    k.sim.at(t + 10 * MS, "client moves A1 -> A2", () -> k.client.move(0, k.a2));
    k.runUntil(t + 500 * MS);
    k.check("migration done before the old data arrives", k.a2.equals(k.flow(k.server)
        .remoteAddress()) && k.flow(k.server).state() == FlowState.ESTABLISHED);
    k.runUntil(t + 2 * SECOND);
    k.check("server stays on " + k.a2 + " after the old data arrived",
        k.a2.equals(k.flow(k.server).remoteAddress()));
    k.checkLive(5 * SECOND);
    return k.result("late-old-path-data", "packets sent from the old address that arrive after "
        + "the migration do not move the peer back");
  }
}
