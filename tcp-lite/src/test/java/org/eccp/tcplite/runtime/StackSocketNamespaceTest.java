package org.eccp.tcplite.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.stack.VethNamespaces;
import org.eccp.stack.StackConfig;
import org.eccp.tcplite.TcpLiteConfig;
import org.eccp.tcplite.socket.TcpLiteServerSocket;
import org.eccp.tcplite.socket.TcpLiteSocket;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blocking sockets over two live stacks in two namespaces that the test creates
 * ({@link VethNamespaces}): the client has 198.18.9.1, the server 198.18.9.2. Halfway through a
 * transfer the client's address changes to 198.18.9.3 with {@code ip}, so the stack learns it
 * from rtnetlink.
 */
class StackSocketNamespaceTest {
  private static final IpAddress SERVER = VethNamespaces.B4;

  private VethNamespaces net;
  private NetworkNamespace a;
  private StackTcpLite client;
  private StackTcpLite server;

  @BeforeEach
  void setUp() throws Exception {
    net = VethNamespaces.create();
    a = net.a();
    NetworkNamespace b = net.b();
    server = b.call(() -> StackTcpLite.start(StackConfig.defaults().withListen(true),
        TcpLiteConfig.defaults()));
    client = a.call(() -> StackTcpLite.start(StackConfig.defaults(), TcpLiteConfig.defaults()));
    assertTrue(server.stack().awaitAddresses(5000), "server learns its addresses");
    assertTrue(client.stack().awaitAddresses(5000), "client learns its addresses");
  }

  @AfterEach
  void tearDown() {
    for (AutoCloseable c : new AutoCloseable[] {client, server, net}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        e.printStackTrace();
      }
    }
  }

  @Test
  void socket_liveTransferSurvivesMove() throws Exception {
    byte[] data = new byte[8 << 20];
    new SplittableRandom(71).nextBytes(data);
    try (TcpLiteServerSocket listener = new TcpLiteServerSocket(server, 7)) {
      listener.setSoTimeout(20_000);
      CompletableFuture<byte[]> served = CompletableFuture.supplyAsync(() -> serve(listener));
      try (TcpLiteSocket s = TcpLiteSocket.connect(client, SERVER, 7, 10_000)) {
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        out.write(data, 0, data.length / 2);
        a.exec("sysctl", "-q", "-w", "net.ipv4.conf.v0.promote_secondaries=1");
        a.exec("ip", "addr", "add", "198.18.9.3/24", "dev", "v0");
        a.exec("ip", "addr", "del", "198.18.9.1/24", "dev", "v0");
        out.write(data, data.length / 2, data.length - data.length / 2);
        s.shutdownOutput();
        byte[] digest = s.getInputStream().readAllBytes();
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), digest);
      }
      assertTrue(served.get(30, TimeUnit.SECONDS).length == 32, "the server finished");
    }
  }

  private static byte[] serve(TcpLiteServerSocket listener) {
    try (TcpLiteSocket s = listener.accept()) {
      s.setSoTimeout(30_000);
      InputStream in = s.getInputStream();
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
      s.getOutputStream().write(digest);
      return digest;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
