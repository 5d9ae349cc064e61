package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.A2;
import static org.eccp.engine.Wire.A3;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.B2;
import static org.eccp.engine.Wire.addrs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * Seeded property test: two engines over a network that loses, duplicates and reorders packets
 * while the hosts move. Safety is checked after every step, liveness (the two ends agree and an
 * echo gets through, or the connection failed with a reason) once the network turns reliable.
 * More seeds: {@code -Deccp.test.args=-Deccp.engine.seeds=5000}.
 */
class LossyMigrationPropertyTest {
  private static final int SEEDS = Integer.getInteger("eccp.engine.seeds", 300);

  @Test
  void lossyMigrations_agreeOrFail() {
    int agreed = 0;
    long[] stats = new long[3];
    for (long seed = 1; seed <= SEEDS; seed++) {
      try {
        agreed += run(seed, stats) ? 1 : 0;
      } catch (AssertionError e) {
        fail("seed " + seed + " (replay with this seed): " + e.getMessage(), e);
      }
    }
    String summary = agreed + " of " + SEEDS + " runs agreed; " + stats[0] + " migrations, "
        + stats[1] + " retransmissions, " + stats[2] + " entries into RSYN_SENT_RCVD";
    System.out.println(summary);
    assertTrue(agreed > SEEDS / 2, summary);
    assertTrue(stats[2] > 0, "crossing migrations happened: " + summary);
  }

  /** Returns true when the run ended with both ends agreeing, false when it failed cleanly. */
  private static boolean run(long seed, long[] stats) {
    SplittableRandom r = new SplittableRandom(seed);
    Wire w = new Wire(seed);
    w.connect(addrs(A1, A2, A3), addrs(B1, B2));
    w.settle();
    boolean bothMove = r.nextInt(2) == 0;
    double loss = r.nextDouble() * 0.3;
    List<IpAddress> aGone = new ArrayList<>();
    List<IpAddress> bGone = new ArrayList<>();
    Safety safety = new Safety(w);
    for (int step = 0; step < 300; step++) {
      int roll = r.nextInt(100);
      w.collect();
      if (roll < 55 && !w.inFlight.isEmpty()) {
        Host.Sent p = w.inFlight.get(r.nextInt(w.inFlight.size()));
        if (r.nextInt(20) != 0) {
          w.inFlight.remove(p); // otherwise it stays: a duplicate
        }
        if (r.nextDouble() >= loss) {
          w.deliver(p);
        }
      } else if (roll < 75) {
        w.advance(r.nextLong(400_000_000L));
      } else if (roll < 80) {
        move(w, w.a, addrs(A1, A2, A3), aGone, r, safety.mayMove(w.a, w.b));
      } else if (roll < 83 && bothMove) {
        move(w, w.b, addrs(B1, B2), bGone, r, safety.mayMove(w.b, w.a));
      } else if (roll < 90) {
        if (safety.mayMove(w.a, w.b)) {
          restore(w, w.a, addrs(A1, A2, A3), aGone, r);
        }
        if (bothMove && safety.mayMove(w.b, w.a)) {
          restore(w, w.b, addrs(B1, B2), bGone, r);
        }
      }
      safety.check();
    }
    restoreAll(w, w.a, addrs(A1, A2, A3), aGone);
    restoreAll(w, w.b, addrs(B1, B2), bGone);
    for (int i = 0; i < 40 && !agreed(w); i++) {
      w.settle();
      w.advance(1_000_000_000L);
      safety.check();
    }
    w.settle();
    for (Host h : new Host[] {w.a, w.b}) {
      stats[0] += h.engine.counters().get(Counter.MIGRATIONS_STARTED);
      stats[1] += h.engine.counters().get(Counter.RETRANSMISSIONS);
      stats[2] += h.engine.counters().entered(FlowState.RSYN_SENT_RCVD);
    }
    if (agreed(w)) {
      checkEcho(w);
      return true;
    }
    boolean failed = w.a.events.stream().anyMatch(e -> e instanceof ConnectionEvent.Failed)
        || w.b.events.stream().anyMatch(e -> e instanceof ConnectionEvent.Failed);
    assertTrue(failed, "neither agreed nor failed: A " + w.a.engine.flows() + " B "
        + w.b.engine.flows() + " loss " + loss);
    return false;
  }

  /** Moves the host off the address its flow uses, when another remains and the peer is calm. */
  private static void move(Wire w, Host h, IpAddress[] all, List<IpAddress> removed,
      SplittableRandom r, boolean allowed) {
    if (!allowed || removed.size() >= all.length - 1) {
      return;
    }
    IpAddress current = h.onlyFlow().localAddress();
    if (current == null) {
      return;
    }
    h.handle(w.now, new Event.AddressRemoved(indexOf(all, current), current));
    removed.add(current);
  }

  private static void restore(Wire w, Host h, IpAddress[] all, List<IpAddress> removed,
      SplittableRandom r) {
    if (!removed.isEmpty() && r.nextBoolean()) {
      IpAddress back = removed.remove(r.nextInt(removed.size()));
      h.handle(w.now, new Event.AddressAdded(indexOf(all, back), back));
    }
  }

  private static void restoreAll(Wire w, Host h, IpAddress[] all, List<IpAddress> removed) {
    for (IpAddress back : removed) {
      h.handle(w.now, new Event.AddressAdded(indexOf(all, back), back));
    }
    removed.clear();
  }

  private static int indexOf(IpAddress[] all, IpAddress a) {
    for (int i = 0; i < all.length; i++) {
      if (all[i].equals(a)) {
        return i + 1;
      }
    }
    throw new AssertionError(a + " is not one of the host's addresses");
  }

  private static boolean agreed(Wire w) {
    if (w.a.engine.flows().size() != 1 || w.b.engine.flows().size() != 1) {
      return false;
    }
    FlowView a = w.a.onlyFlow();
    FlowView b = w.b.onlyFlow();
    return a.state() == FlowState.ESTABLISHED && b.state() == FlowState.ESTABLISHED
        && a.localAddress().equals(b.remoteAddress()) && b.localAddress().equals(a.remoteAddress());
  }

  private static void checkEcho(Wire w) {
    for (Host h : new Host[] {w.a, w.b}) {
      h.delivered.clear();
      h.handle(w.now, new Event.SendEcho(h.onlyFlow().localFlowId(), new byte[] {42}));
      w.settle();
      assertEquals(1, h.delivered.size(), h + " got its echo reply");
    }
  }

  /** Invariants that hold after every step. */
  private static final class Safety {
    private final Wire w;
    private final long aNonce;
    private final long bNonce;
    private int bSeenVersion;
    private int aSeenVersion;

    Safety(Wire w) {
      this.w = w;
      aNonce = w.a.onlyFlow().localNonce();
      bNonce = w.b.onlyFlow().localNonce();
      aSeenVersion = w.a.onlyFlow().peerVersion();
      bSeenVersion = w.b.onlyFlow().peerVersion();
    }

    /**
     * True when {@code mover} has the peer's current address, so a move now is not the
     * simultaneous movement that the ECCP paper excludes (both hosts moving before either hears of
     * the other's move).
     */
    boolean mayMove(Host mover, Host peer) {
      if (mover.engine.flows().size() != 1 || peer.engine.flows().size() != 1) {
        return false;
      }
      IpAddress peerAt = peer.onlyFlow().localAddress();
      return peerAt != null && peerAt.equals(mover.onlyFlow().remoteAddress());
    }

    void check() {
      if (w.a.engine.flows().size() == 1) {
        FlowView a = w.a.onlyFlow();
        assertEquals(aNonce, a.localNonce(), "A's nonce never changes");
        assertTrue(!Versions.isOlder(a.peerVersion(), aSeenVersion), "A's peer version went back");
        aSeenVersion = a.peerVersion();
      }
      if (w.b.engine.flows().size() == 1) {
        FlowView b = w.b.onlyFlow();
        assertEquals(bNonce, b.localNonce(), "B's nonce never changes");
        assertTrue(!Versions.isOlder(b.peerVersion(), bSeenVersion), "B's peer version went back");
        bSeenVersion = b.peerVersion();
      }
      assertTrue(w.a.engine.flows().size() <= 1, "no flow appears out of nowhere on A");
      assertTrue(w.b.engine.flows().size() <= 1, "no flow appears out of nowhere on B");
    }
  }
}
