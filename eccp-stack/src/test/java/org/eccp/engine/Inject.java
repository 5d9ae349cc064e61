package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.A2;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.B2;
import static org.eccp.engine.Wire.B3;

import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;

/** Makes the event of a table row, under its condition, for a fixture's host A. */
final class Inject {
  static final IpAddress A9 = IpAddress.parse("198.18.0.9");
  static final int FOREIGN_FLOW = 4242;
  static final long FOREIGN_NONCE = 0x777L;

  private Inject() {}

  static void run(Fixtures.Fixture fx, Trigger t, Condition c) {
    Host a = fx.a();
    long now = fx.wire().now;
    FlowView f = fx.flow();
    switch (t) {
      case LISTEN -> a.handle(now, new Event.Listen());
      case CONNECT -> a.handle(now, new Event.Connect(A1, B1));
      case ADD_FLOW -> a.handle(now, new Event.AddFlow(a.onlyFlow().connectionId(), A2, B2));
      case CLOSE -> a.handle(now, new Event.Close(f.connectionId()));
      case ADDRESS_LOST -> {
        IpAddress lost = f.localAddress();
        int ifIndex = a.engine.localAddresses().stream().filter(l -> l.address().equals(lost))
            .findFirst().orElseThrow().ifIndex();
        a.handle(now, new Event.AddressRemoved(ifIndex, lost));
      }
      case ADDRESS_ADDED, ILIST_CHANGED -> a.handle(now, new Event.AddressAdded(9, A9));
      case TIMEOUT -> timeout(fx, c);
      case SYN -> packet(a, now, f == null ? newSyn() : repeatedSyn(f), f);
      case JOIN_SYN -> packet(a, now, joinSyn(a.onlyFlow()), null);
      default -> packet(a, now, forFlow(t, c, f), f);
    }
  }

  private static void timeout(Fixtures.Fixture fx, Condition c) {
    Host a = fx.a();
    int id = fx.flow().localFlowId();
    if (c == Condition.RETRIES_EXHAUSTED) {
      for (int i = 0; i < a.engine.config().maxRetries(); i++) {
        a.handle(fx.wire().now, new Event.TimerFired(id));
      }
      a.sent.clear();
      a.events.clear();
    }
    a.handle(fx.wire().now, new Event.TimerFired(id));
  }

  private static void packet(Host a, long now, EccpPacket h, FlowView f) {
    IpAddress src = f == null || f.remoteAddress() == null ? B1 : f.remoteAddress();
    IpAddress dst = f == null || f.localAddress() == null ? A1 : f.localAddress();
    a.handle(now, new Event.PacketIn(src, dst, h, null));
  }

  static EccpPacket newSyn() {
    return new EccpPacket(PacketType.SYN, NextProtocol.NONE, FOREIGN_FLOW, 0, 0, 5, 0,
        InterfaceList.of(B1), null, FOREIGN_NONCE, 0);
  }

  static EccpPacket repeatedSyn(FlowView f) {
    return new EccpPacket(PacketType.SYN, NextProtocol.NONE, f.remoteFlowId(), 0, 0,
        f.peerVersion(), 0, InterfaceList.of(B1), null, f.remoteNonce(), 0);
  }

  static EccpPacket joinSyn(FlowView existing) {
    return new EccpPacket(PacketType.SYN, NextProtocol.NONE, FOREIGN_FLOW + 1, 0,
        existing.localNonce(), existing.peerVersion(), 0, InterfaceList.of(B1, B2), null,
        FOREIGN_NONCE + 1, existing.localFlowId());
  }

  /** Builds a packet of type {@code t} on the flow, with the versions the condition requires. */
  static EccpPacket forFlow(Trigger t, Condition c, FlowView f) {
    PacketType type = PacketType.valueOf(t.name());
    int sender = f.remoteFlowId() != 0 ? f.remoteFlowId() : FOREIGN_FLOW;
    long nonce = type == PacketType.RST ? f.remoteNonce() : f.localNonce();
    int version = switch (c) {
      case NEWER_VERSION -> f.peerVersion() + 1;
      case NAMES_MINE -> f.awaitedVersion();
      case OLDER_VERSION -> f.peerVersion() - 1;
      default -> f.peerVersion();
    };
    int ack = switch (c) {
      case ACKS_MINE -> f.awaitedVersion();
      case ACKS_PEER -> f.peerVersion();
      case ACKS_OTHER -> otherVersion(f);
      default -> 0;
    };
    boolean rsyn = type == PacketType.RSYN;
    long senderNonce = type == PacketType.SYN_ACK
        ? (f.remoteNonce() != 0 ? f.remoteNonce() : FOREIGN_NONCE) : 0;
    return new EccpPacket(type, NextProtocol.NONE, sender, f.localFlowId(), nonce, version, ack,
        rsyn || type == PacketType.SYN_ACK ? InterfaceList.of(B3) : null, rsyn ? B3 : null,
        senderNonce, 0);
  }

  static int otherVersion(FlowView f) {
    int x = f.awaitedVersion() - 1000;
    while (x == f.peerVersion() || x == f.awaitedVersion()) {
      x--;
    }
    return x;
  }
}
