package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eccp.nativ.NetworkNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code eccp forward}: argument checks, and a TCP echo through an entry forwarder in one
 * namespace and an exit forwarder in another, both made by the test.
 */
class ForwardCommandTest {
  @Test
  void forward_rejectsInvalidArguments() {
    assertEquals(2, QuietRun.exitCode("forward"));
    assertEquals(2, QuietRun.exitCode("forward", "--from-tcp", "5555"));
    assertEquals(2, QuietRun.exitCode("forward", "--from-tcp", "5555", "--to", "198.18.9.2"));
    assertEquals(2, QuietRun.exitCode("forward", "--from-tcp", "0", "--to", "198.18.9.2:4000"));
    assertEquals(2, QuietRun.exitCode("forward", "--listen", "4000", "--to-tcp", "70000"));
    assertEquals(2, QuietRun.exitCode("forward", "--listen", "4000", "--to", "198.18.9.2:4000"));
  }

  @Test
  @Timeout(90)
  void forward_carriesATcpEchoBetweenNamespaces() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    try (NetworkNamespace a = NetworkNamespace.create("eccpt-" + suffix + "-a");
        NetworkNamespace b = NetworkNamespace.create("eccpt-" + suffix + "-b")) {
      NetworkNamespace.run("ip", "-n", a.name(), "link", "add", "v0", "type", "veth", "peer",
          "name", "v0", "netns", b.name());
      for (NetworkNamespace ns : new NetworkNamespace[] {a, b}) {
        ns.exec("ip", "link", "set", "lo", "up");
        ns.exec("ip", "link", "set", "v0", "up");
      }
      a.exec("ip", "addr", "add", "198.18.9.1/24", "dev", "v0");
      b.exec("ip", "addr", "add", "198.18.9.2/24", "dev", "v0");
      ServerSocket echo = b.call(() -> new ServerSocket(6000, 5, InetAddress.getLoopbackAddress()));
      CompletableFuture.runAsync(() -> echoOnce(echo));
      CompletableFuture<Integer> exit = start(b, "--listen", "4000", "--to-tcp", "6000",
          "--count", "1");
      Thread.sleep(1500); // the entry side fails if the exit side does not listen yet
      CompletableFuture<Integer> entry = start(a, "--from-tcp", "5555", "--to",
          "198.18.9.2:4000", "--count", "1");
      byte[] data = new byte[256 * 1024];
      new SplittableRandom(91).nextBytes(data);
      byte[] back;
      try (Socket s = connectWithRetry(a)) {
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
          try {
            s.getOutputStream().write(data);
            s.shutdownOutput();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
        back = s.getInputStream().readAllBytes();
        send.get(30, TimeUnit.SECONDS);
      }
      assertArrayEquals(data, back);
      assertEquals(0, entry.get(30, TimeUnit.SECONDS));
      assertEquals(0, exit.get(30, TimeUnit.SECONDS));
      echo.close();
    }
  }

  private static Socket connectWithRetry(NetworkNamespace ns) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        return ns.call(() -> new Socket(InetAddress.getLoopbackAddress(), 5555));
      } catch (IOException e) {
        if (attempt == 40) {
          throw e;
        }
        Thread.sleep(250); // the entry forwarder may not listen yet
      }
    }
  }

  private static void echoOnce(ServerSocket server) {
    try (Socket s = server.accept()) {
      s.getInputStream().transferTo(s.getOutputStream());
      s.shutdownOutput();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a forwarder on a thread of its own inside the namespace. */
  private static CompletableFuture<Integer> start(NetworkNamespace ns, String... args) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    Thread t = ns.newThread("forward-" + ns.name(),
        () -> result.complete(new picocli.CommandLine(new ForwardCommand()).execute(args)));
    t.setDaemon(true);
    t.start();
    return result;
  }
}
