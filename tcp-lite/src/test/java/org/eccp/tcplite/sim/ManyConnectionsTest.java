package org.eccp.tcplite.sim;

import static org.eccp.tcplite.sim.SimLab.MS;
import static org.eccp.tcplite.sim.SimLab.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.eccp.sim.LinkProfile;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.TcpLiteConfig;
import org.eccp.tcplite.TcpLiteConnection;
import org.junit.jupiter.api.Test;

/**
 * A thousand tcp-lite connections at once over one two-flow ECCP connection, distinguished by
 * port.
 */
class ManyConnectionsTest {
  static final int CONNECTIONS = 1000;
  static final int BYTES = 8 * 1024;
  static final int FIRST_PORT = 10_000;

  @Test
  void connections_thousandAtOnce() {
    long seed = 41;
    LinkProfile lossy = new LinkProfile(10 * MS, 2 * MS, 0.01, 0.005, 0.02, 10 * MS);
    SimLab lab = new SimLab(seed, TcpLiteConfig.defaults().withBuffers(16 * 1024, 16 * 1024),
        lossy, new LinkProfile(60 * MS, 5 * MS, 0.01, 0, 0, 0));
    lab.connect(true);
    Map<Integer, byte[]> received = new HashMap<>();
    int[] closedNormally = {0};
    lab.serverTcp.app = new TcpLiteHost.App() {
      @Override
      public void readable(TcpLiteConnection c, long now) {
        byte[] buf = received.computeIfAbsent(c.remotePort(), p -> new byte[0]);
        byte[] chunk = new byte[4096];
        int n;
        while ((n = c.read(now, chunk, 0, chunk.length)) > 0) {
          buf = Arrays.copyOf(buf, buf.length + n);
          System.arraycopy(chunk, 0, buf, buf.length - n, n);
        }
        received.put(c.remotePort(), buf);
        if (n < 0) {
          c.close(now);
        }
      }

      @Override
      public void accepted(TcpLiteConnection c, long now) {
        readable(c, now);
      }
    };
    lab.clientTcp.app = new TcpLiteHost.App() {
      @Override
      public void connected(TcpLiteConnection c, long now) {
        byte[] data = payload(c.localPort());
        assertEquals(BYTES, c.write(now, data, 0, data.length));
        c.close(now);
      }

      @Override
      public void closed(TcpLiteConnection c, CloseReason reason, long now) {
        if (reason == CloseReason.NORMAL) {
          closedNormally[0]++;
        }
      }
    };
    lab.serverTcp.tcp.listen(80);
    lab.act(lab.client, lab.clientTcp, () -> {
      for (int i = 0; i < CONNECTIONS; i++) {
        lab.clientTcp.tcp.connect(lab.sim.now(), lab.connectionId, FIRST_PORT + i, 80);
      }
    });
    lab.runUntil(() -> closedNormally[0] == CONNECTIONS, lab.sim.now() + 600 * SECOND);
    assertEquals(CONNECTIONS, closedNormally[0], "seed " + seed + ": connections closed normally");
    for (int i = 0; i < CONNECTIONS; i++) {
      int port = FIRST_PORT + i;
      assertEquals(true, Arrays.equals(payload(port), received.get(port)),
          "seed " + seed + ": bytes of port " + port);
    }
  }

  private static byte[] payload(int port) {
    byte[] b = new byte[BYTES];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (port * 31 + i * 7);
    }
    return b;
  }
}
