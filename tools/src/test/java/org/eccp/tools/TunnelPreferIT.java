package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eccp.tools.demo.TunnelLab;
import org.eccp.tools.lab.Lab;
import org.eccp.tools.lab.LabPrefix;
import org.eccp.tunnel.FlowStats;
import org.eccp.tunnel.Tunnel;
import org.junit.jupiter.api.Test;

/**
 * A multihomed client (net-a and net-b) runs the tunnel in failover mode with {@code --prefer
 * b0}: inner traffic goes over b0, moves to a0 when b0 goes down, and moves back to b0 when it
 * returns with a new address; the server sends on the flow the client uses.
 *
 * <p>Runs in the integration-test phase of {@code mvn verify}; needs root and ping.
 */
class TunnelPreferIT {
  private static final long WAIT_MILLIS = 10_000;

  @Test
  void failover_followsPreferenceAndMovesBack() throws Exception {
    TunnelLabTests.assumeLabAndTun(false);
    LabPrefix prefix = TunnelLabTests.randomPrefix("f");
    try (TunnelLab lab = TunnelLab.start(Lab.open(prefix), "multihomed",
        c -> c.withPrefer(List.of("b0")))) {
      assertTrue(lab.awaitTunnel(20_000), "the tunnel did not come up");
      String b0 = lab.address("client", "b0");
      awaitPreferred(lab, b0);
      assertTrue(carriesTraffic(lab, b0), "inner traffic did not use b0 " + b0);

      lab.lab().link("client", "net-b", false);
      String a0 = lab.address("client", "a0");
      awaitPreferred(lab, a0);
      assertTrue(carriesTraffic(lab, a0), "inner traffic did not fail over to a0 " + a0);

      lab.lab().link("client", "net-b", true);
      String b0Again = lab.address("client", "b0");
      assertNotNull(b0Again, "b0 has no address after link up");
      awaitPreferred(lab, b0Again);
      assertTrue(carriesTraffic(lab, b0Again), "inner traffic did not move back to b0 "
          + b0Again);
      System.out.println("tunnel prefer: client " + lab.client().describeRoutes() + "; "
          + lab.client().counters());
    }
  }

  /** Waits until the client's first sendable flow starts at {@code local}. */
  private static void awaitPreferred(TunnelLab lab, String local) throws Exception {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
    while (System.nanoTime() < end) {
      if (local.equals(firstLocal(lab.client()))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the client's flows are not led by " + local + " within "
        + WAIT_MILLIS + " ms: " + lab.client().describeRoutes());
  }

  /**
   * Pings the server's inner address and returns whether the client's flows from
   * {@code local} and the server's flows to it carried the pings and their replies.
   */
  private static boolean carriesTraffic(TunnelLab lab, String local) throws Exception {
    long clientBefore = sentOver(lab.client(), local, true);
    long serverBefore = sentOver(lab.server(), local, false);
    Process ping = new ProcessBuilder(lab.command("client", "ping", "-c", "5", "-i", "0.2",
        "-W", "2", TunnelLab.SERVER_INNER)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(ping.waitFor(15, TimeUnit.SECONDS), "ping did not end");
    assertEquals(0, ping.exitValue(), "ping through the tunnel failed over " + local);
    return sentOver(lab.client(), local, true) - clientBefore >= 5
        && sentOver(lab.server(), local, false) - serverBefore >= 5;
  }

  /**
   * Returns the packets sent on the flows whose local (client) or remote (server) address is
   * the client's {@code clientAddress}.
   */
  private static long sentOver(Tunnel t, String clientAddress, boolean local) {
    long sent = 0;
    for (String route : t.describeRoutes().split(", ")) {
      String[] f = route.split(" ");
      if (f.length == 4 && f[local ? 1 : 3].equals(clientAddress)) {
        FlowStats st = t.flowStats(Integer.parseUnsignedInt(f[0]));
        sent += st == null ? 0 : st.sentPackets.get();
      }
    }
    return sent;
  }

  private static String firstLocal(Tunnel t) {
    String[] f = t.describeRoutes().split(", ")[0].split(" ");
    return f.length == 4 ? f[1] : null;
  }
}
