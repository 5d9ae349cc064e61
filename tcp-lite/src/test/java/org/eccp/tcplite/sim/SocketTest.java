package org.eccp.tcplite.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eccp.sim.LinkProfile;
import org.eccp.tcplite.TcpLiteConfig;
import org.eccp.tcplite.socket.TcpLiteChannel;
import org.eccp.tcplite.socket.TcpLiteServerSocket;
import org.eccp.tcplite.socket.TcpLiteSocket;
import org.junit.jupiter.api.Test;

/** The blocking socket API over the simulator: real threads block while virtual time runs. */
class SocketTest {
  private static SimLab lab(long seed) {
    SimLab lab = new SimLab(seed, TcpLiteConfig.defaults(),
        new LinkProfile(5 * SimLab.MS, SimLab.MS, 0.02, 0.01, 0.05, 10 * SimLab.MS),
        LinkProfile.CLEAN);
    lab.connect(true);
    return lab;
  }

  @Test
  void socket_streamsCarryBytesBothWays() throws Exception {
    long seed = 51;
    SimLab lab = lab(seed);
    try (SimRuntime rt = new SimRuntime(lab);
        TcpLiteServerSocket server = new TcpLiteServerSocket(rt.server, 7)) {
      CompletableFuture<byte[]> served = CompletableFuture.supplyAsync(() -> serveDigest(server));
      byte[] data = new byte[512 * 1024];
      new SplittableRandom(seed).nextBytes(data);
      try (TcpLiteSocket s = TcpLiteSocket.connect(rt.client, lab.s1, 7, 10_000)) {
        s.setSoTimeout(20_000);
        OutputStream out = s.getOutputStream();
        out.write(data);
        s.shutdownOutput();
        byte[] answer = s.getInputStream().readAllBytes();
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), answer,
            "seed " + seed);
      }
      assertEquals(32, served.get(30, TimeUnit.SECONDS).length);
      assertNull(rt.failure());
    }
  }

  private static byte[] serveDigest(TcpLiteServerSocket server) {
    try (TcpLiteSocket s = server.accept()) {
      s.setSoTimeout(20_000);
      InputStream in = s.getInputStream();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
      s.getOutputStream().write(digest);
      return digest;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void socket_readTimesOut() throws Exception {
    SimLab lab = lab(52);
    try (SimRuntime rt = new SimRuntime(lab);
        TcpLiteServerSocket server = new TcpLiteServerSocket(rt.server, 8)) {
      server.setSoTimeout(10_000);
      CompletableFuture<TcpLiteSocket> accepted = CompletableFuture.supplyAsync(() -> {
        try {
          return server.accept();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (TcpLiteSocket s = TcpLiteSocket.connect(rt.client, lab.s1, 8, 10_000)) {
        s.setSoTimeout(200);
        assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
      }
      accepted.get(10, TimeUnit.SECONDS).close();
    }
  }

  @Test
  void socket_connectToAPortWithoutListenerFails() throws Exception {
    SimLab lab = lab(53);
    try (SimRuntime rt = new SimRuntime(lab)) {
      assertThrows(SocketException.class,
          () -> TcpLiteSocket.connect(rt.client, lab.s1, 9, 10_000));
    }
  }

  @Test
  void channel_nonBlockingCallsMoveBytesOneWay() throws Exception {
    long seed = 55;
    SimLab lab = lab(seed);
    byte[] data = new byte[300 * 1024];
    new SplittableRandom(seed).nextBytes(data);
    try (SimRuntime rt = new SimRuntime(lab)) {
      TcpLiteChannel.listen(rt.server, 11);
      TcpLiteChannel out = TcpLiteChannel.open(rt.client, lab.s1, 11, 6000, 10_000);
      TcpLiteChannel in = null;
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      byte[] buf = new byte[16 * 1024];
      int sent = 0;
      boolean closed = false;
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline) {
        long seen = TcpLiteChannel.events(rt.server);
        if (out.isConnected() && sent < data.length) {
          sent += out.write(data, sent, data.length - sent);
        }
        if (sent == data.length && !closed) {
          out.close();
          closed = true;
        }
        in = in != null ? in : TcpLiteChannel.accept(rt.server, 11);
        int n = in == null ? 0 : in.read(buf, 0, buf.length);
        if (n < 0) {
          break;
        }
        got.write(buf, 0, n);
        if (n == 0) {
          TcpLiteChannel.awaitEvent(rt.server, seen, 50);
        }
      }
      assertArrayEquals(data, got.toByteArray(), "seed " + seed);
    }
  }

  @Test
  void serverSocket_acceptTimesOut() throws Exception {
    SimLab lab = lab(54);
    try (SimRuntime rt = new SimRuntime(lab);
        TcpLiteServerSocket server = new TcpLiteServerSocket(rt.server, 10)) {
      server.setSoTimeout(100);
      assertThrows(SocketTimeoutException.class, server::accept);
    }
  }
}
