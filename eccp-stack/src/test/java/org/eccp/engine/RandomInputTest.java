package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.A2;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.B2;
import static org.eccp.engine.Wire.addrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;

/**
 * Seeded random input: headers with random types, flowIDs, nonces and versions (often the right
 * flowID and nonce, so that the table itself is exercised), and random local events. The engine
 * must never throw, must stay within its limits, and its timer queue must agree with a scan of the
 * flows.
 */
class RandomInputTest {
  private static final int SEEDS = Integer.getInteger("eccp.engine.seeds", 300);
  private static final IpAddress[] ADDRESSES = {A1, A2, B1, B2, IpAddress.parse("fd00::1")};

  @Test
  void randomInput_neverThrows() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      try {
        run(seed);
      } catch (RuntimeException | AssertionError e) {
        fail("seed " + seed + " (replay with this seed): " + e, e);
      }
    }
  }

  private static void run(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Wire w = new Wire(seed);
    w.connect(addrs(A1, A2), addrs(B1, B2));
    w.settle();
    for (int step = 0; step < 400; step++) {
      Host target = r.nextBoolean() ? w.a : w.b;
      if (r.nextInt(10) < 8) {
        target.handle(w.now, packet(r, target));
      } else {
        target.handle(w.now, localEvent(r, target));
      }
      if (r.nextInt(10) == 0) {
        w.advance(r.nextLong(2_000_000_000L));
      }
      if (r.nextInt(5) == 0) {
        w.settle();
      }
      assertTrue(target.engine.flows().size() <= EngineConfig.defaults().maxHalfOpen() + 20);
      assertEquals(earliestByScan(target.engine), target.engine.nextDeadline(), "next deadline");
    }
  }

  private static long earliestByScan(Engine e) {
    long min = Long.MAX_VALUE;
    for (FlowView f : e.flows()) {
      if (f.timerKind() != FlowState.TimerKind.NONE && f.deadline() < min) {
        min = f.deadline();
      }
    }
    return min;
  }

  private static Event packet(SplittableRandom r, Host target) {
    FlowView f = target.engine.flows().isEmpty() ? null
        : target.engine.flows().get(r.nextInt(target.engine.flows().size()));
    PacketType[] types = PacketType.values();
    PacketType type = r.nextInt(30) == 0 ? null : types[r.nextInt(types.length)];
    boolean real = f != null && r.nextInt(3) > 0;
    int receiver = real ? f.localFlowId() : (r.nextBoolean() ? 0 : r.nextInt());
    long nonce = real && r.nextBoolean() ? f.localNonce() : (real ? f.remoteNonce() : r.nextLong());
    int base = f == null ? r.nextInt() : f.peerVersion();
    int version = base + r.nextInt(5) - 2;
    int ack = (f == null ? r.nextInt() : (r.nextBoolean() ? f.awaitedVersion() : f.peerVersion()))
        + (r.nextInt(4) == 0 ? 1 : 0);
    InterfaceList list = r.nextBoolean() ? null : InterfaceList.of(pick(r));
    int join = r.nextInt(4) == 0 && f != null ? f.localFlowId() : 0;
    EccpPacket h = new EccpPacket(type, r.nextInt(6), real ? f.remoteFlowId() : r.nextInt(),
        receiver, nonce, version, ack, list, r.nextBoolean() ? pick(r) : null,
        r.nextInt(4) == 0 ? 0 : r.nextLong(), join);
    byte[] payload = r.nextBoolean() ? null : new byte[r.nextInt(4)];
    return new Event.PacketIn(r.nextInt(10) == 0 ? null : pick(r), pick(r), h, payload);
  }

  private static Event localEvent(SplittableRandom r, Host target) {
    int flow = target.engine.flows().isEmpty() || r.nextInt(4) == 0 ? r.nextInt()
        : target.engine.flows().get(0).localFlowId();
    int conn = target.engine.connections().isEmpty() ? r.nextInt(3)
        : target.engine.connections().iterator().next().id();
    return switch (r.nextInt(9)) {
      case 0 -> new Event.TimerFired(flow);
      case 1 -> new Event.SendData(flow, r.nextInt(6), r.nextBoolean() ? null : new byte[2]);
      case 2 -> new Event.SendEcho(flow, r.nextBoolean() ? null : new byte[1]);
      case 3 -> new Event.AddressRemoved(1 + r.nextInt(3), r.nextInt(8) == 0 ? null : pick(r));
      case 4 -> new Event.AddressAdded(1 + r.nextInt(3), r.nextInt(8) == 0 ? null : pick(r));
      case 5 -> new Event.InterfaceDown(r.nextInt(4));
      case 6 -> new Event.AddFlow(conn, pick(r), pick(r));
      case 7 -> new Event.Connect(pick(r), r.nextInt(8) == 0 ? null : pick(r));
      default -> r.nextInt(4) == 0 ? new Event.Close(conn) : new Event.Listen();
    };
  }

  private static IpAddress pick(SplittableRandom r) {
    return ADDRESSES[r.nextInt(ADDRESSES.length)];
  }
}
