package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eccp.nativ.NetworkNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code eccp nc}: argument checks, and a transfer between two namespaces that the test makes. */
class NcCommandTest {
  @Test
  void nc_rejectsInvalidArguments() {
    assertEquals(2, QuietRun.exitCode("nc", "198.18.1.1"));
    assertEquals(2, QuietRun.exitCode("nc", "198.18.1.1", "70000"));
    assertEquals(2, QuietRun.exitCode("nc", "--listen", "0"));
    assertEquals(2, QuietRun.exitCode("nc", "--listen", "7", "8"));
    assertEquals(2, QuietRun.exitCode("nc", "198.18.1.1", "7", "--udp", "0"));
    assertEquals(2, QuietRun.exitCode("nc", "198.18.1.1", "7", "--flows", "0"));
    assertEquals(2, QuietRun.exitCode("nc", "198.18.1.1", "7", "--flows", "17"));
    assertEquals(2, QuietRun.exitCode("nc", "--listen", "7", "--flows", "2"));
  }

  @Test
  @Timeout(90)
  void nc_copiesBothWaysBetweenNamespaces() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    try (NetworkNamespace a = NetworkNamespace.create("eccpt-" + suffix + "-a");
        NetworkNamespace b = NetworkNamespace.create("eccpt-" + suffix + "-b")) {
      NetworkNamespace.run("ip", "-n", a.name(), "link", "add", "v0", "type", "veth", "peer",
          "name", "v0", "netns", b.name());
      a.exec("ip", "addr", "add", "198.18.9.1/24", "dev", "v0");
      b.exec("ip", "addr", "add", "198.18.9.2/24", "dev", "v0");
      a.exec("ip", "link", "set", "v0", "up");
      b.exec("ip", "link", "set", "v0", "up");
      byte[] request = new byte[1 << 20];
      new SplittableRandom(81).nextBytes(request);
      byte[] reply = "served by b\n".getBytes(StandardCharsets.UTF_8);
      NcCommand server = command(reply, List.of("4000"), true);
      CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> run(b, server));
      NcCommand client = null;
      int clientCode = -1;
      for (int attempt = 0; attempt < 20 && clientCode != 0; attempt++) {
        Thread.sleep(250); // the server may not listen yet: a refused connect is tried again
        client = command(request, List.of("198.18.9.2", "4000"), false);
        clientCode = run(a, client);
      }
      assertEquals(0, clientCode);
      assertEquals(0, served.get(30, TimeUnit.SECONDS));
      assertArrayEquals(request, ((ByteArrayOutputStream) server.out).toByteArray());
      assertArrayEquals(reply, ((ByteArrayOutputStream) client.out).toByteArray());
      assertTrue(server.counters.segmentsIn() > 0, "the server's tcp-lite counters were not kept");
      assertTrue(request.length > 0);
    }
  }

  private static NcCommand command(byte[] input, List<String> args, boolean listen) {
    NcCommand c = new NcCommand();
    c.args = args;
    c.listen = listen;
    c.timeoutMillis = 20_000;
    c.in = new ByteArrayInputStream(input);
    c.out = new ByteArrayOutputStream();
    return c;
  }

  private static int run(NetworkNamespace ns, NcCommand c) {
    try {
      return ns.call(c::call);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
