package org.eccp.sim;

import static org.eccp.sim.ScenarioKit.MS;
import static org.eccp.sim.ScenarioKit.SECOND;

import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.Counter;
import org.eccp.engine.Event;
import org.eccp.engine.FlowView;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;

/** Scenarios without migration: opening, adding a flow, closing and forged packets. */
final class BasicScenarios {
  private BasicScenarios() {}

  static ScenarioResult basic(ScenarioKit k) {
    k.connect();
    k.checkLive(5 * SECOND);
    k.sim.at(k.sim.now(), "client closes the connection",
        () -> k.client.handle(new Event.Close(k.connectionId)));
    k.runUntil(k.sim.now() + 20 * SECOND);
    k.check("client reported Closed", k.client.events().stream()
        .anyMatch(e -> e instanceof ConnectionEvent.Closed));
    k.check("both hosts end with no flow and no timer", ScenarioKit.quiet(k.client)
        && ScenarioKit.quiet(k.server));
    return k.result("basic", "the handshake completes, an echo is answered, the close leaves "
        + "nothing behind");
  }

  static ScenarioResult addFlow(ScenarioKit k) {
    IpAddress b1 = SimNetwork.address(ScenarioKit.NET_B, 20);
    IpAddress s1b = SimNetwork.address(ScenarioKit.NET_T, 20);
    k.client.addAddress(1, b1);
    k.server.addAddress(1, s1b);
    k.connect();
    k.sim.at(k.sim.now(), "client adds a flow " + b1 + " -> " + s1b,
        () -> k.client.handle(new Event.AddFlow(k.connectionId, b1, s1b)));
    k.runUntil(k.sim.now() + 2 * SECOND);
    k.check("client reported FlowAdded", k.client.events().stream()
        .anyMatch(e -> e instanceof ConnectionEvent.FlowAdded));
    k.check("client has 2 flows in one connection", k.client.engine().connections().size() == 1
        && k.connection(k.client).flows().size() == 2);
    k.check("server has 2 flows in one connection", k.server.engine().connections().size() == 1
        && k.connection(k.server).flows().size() == 2);
    boolean onB = k.client.flows().stream().anyMatch(f -> b1.equals(f.localAddress()));
    k.check("the new flow uses " + b1, onB);
    k.checkLive(5 * SECOND);
    return k.result("add-flow", "a second flow joins the connection on the second interfaces "
        + "and both flows carry echoes");
  }

  static ScenarioResult wrongNonce(ScenarioKit k) {
    k.connect();
    FlowView sf = k.flow(k.server);
    FlowView cf = k.flow(k.client);
    IpAddress attacker = SimNetwork.address(ScenarioKit.NET_X, 66);
    int peerVersion = k.connection(k.server).peerVersion();
    EccpPacket forged = new EccpPacket(PacketType.RSYN, NextProtocol.NONE, cf.localFlowId(),
        sf.localFlowId(), sf.localNonce() ^ 0x5a5a5a5aL, peerVersion + 1000, 0, null, attacker,
        0, 0);
    long before = ScenarioKit.counter(k.server, Counter.BAD_NONCE);
    k.sim.at(k.sim.now(), "an off-path host forges an RSYN with the right flowIDs but a wrong "
        + "nonce, moving the client to " + attacker, () -> k.sim.network().inject(k.sim,
            new Datagram(k.sim.network().newPacketId(), attacker, k.s1, forged, new byte[0], 0)));
    k.runUntil(k.sim.now() + SECOND);
    k.check("server still sends to " + k.a1, k.a1.equals(k.flow(k.server).remoteAddress()));
    k.check("server peer version unchanged", k.connection(k.server).peerVersion() == peerVersion);
    k.check("server counted bad_nonce", ScenarioKit.counter(k.server, Counter.BAD_NONCE) > before);
    k.checkLive(5 * SECOND);
    return k.result("wrong-nonce", "a packet with a wrong nonce is dropped and counted; the flow "
        + "keeps its address and version");
  }

  static ScenarioResult unknownFlowId(ScenarioKit k) {
    k.connect();
    FlowView sf = k.flow(k.server);
    IpAddress stranger = SimNetwork.address(ScenarioKit.NET_X, 77);
    int bogus = sf.localFlowId() ^ 0x00ff00ff;
    EccpPacket p = new EccpPacket(PacketType.DATA, NextProtocol.DATAGRAM, 0x1234, bogus,
        sf.localNonce(), 0, 0, null, null, 0, 0);
    long before = ScenarioKit.counter(k.server, Counter.UNKNOWN_FLOWID);
    FlowDigest digest = FlowDigest.of(k.server.engine());
    k.sim.at(k.sim.now(), "a stranger sends data to an unknown receiver flowID "
        + Integer.toHexString(bogus), () -> k.sim.network().inject(k.sim,
            new Datagram(k.sim.network().newPacketId(), stranger, k.s1, p, new byte[8], 0)));
    k.runUntil(k.sim.now() + 200 * MS);
    k.check("server counted unknown_flowid", ScenarioKit.counter(k.server, Counter.UNKNOWN_FLOWID) > before);
    k.check("server flows unchanged", digest.sameAs(FlowDigest.of(k.server.engine())));
    k.checkLive(5 * SECOND);
    return k.result("unknown-flowid", "a packet for an unknown flowID is answered with at most an "
        + "RST, counted, and changes nothing");
  }
}
