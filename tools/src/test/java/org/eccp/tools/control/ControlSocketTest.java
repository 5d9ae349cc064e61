package org.eccp.tools.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eccp.tools.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlSocketTest {
  private static boolean canWriteRun() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Test
  void controlSocket_servesStatusOnce() throws Exception {
    assumeTrue(canWriteRun(), "the control socket lives in /run/eccp, which needs root");
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("device", "eccp9");
    status.put("sent", 42L);
    String name = "test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    ControlSocket socket = ControlSocket.open(name, () -> status);
    try {
      Map<?, ?> got = (Map<?, ?>) Json.parse(ControlSocket.request(socket.path()));
      assertEquals("eccp9", got.get("device"));
      assertEquals(42L, ((Number) got.get("sent")).longValue());
    } finally {
      socket.close();
    }
    assertFalse(Files.exists(socket.path()));
  }

  @Test
  void removeStale_keepsLiveAndUnnamedSockets(@TempDir Path dir) throws Exception {
    // A process id far above pid_max (2^22) belongs to no process.
    Path dead = dir.resolve("tunnel-eccp9-99999999.sock");
    ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    killed.bind(UnixDomainSocketAddress.of(dead));
    killed.close();
    assertTrue(Files.exists(dead), "closing a channel removed its file, so the test checks nothing");
    Path live = dir.resolve("tunnel-eccp8-99999998.sock");
    Path other = Files.writeString(dir.resolve("notes.sock"), "x");
    try (ServerSocketChannel running = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      running.bind(UnixDomainSocketAddress.of(live));
      ControlSocket.removeStale(dir);
      assertFalse(Files.exists(dead), "the socket of a killed end stays");
      assertTrue(Files.exists(live), "a socket that accepts connections was removed");
      assertTrue(Files.exists(other), "a file without a process id was removed");
    }
  }

  @Test
  void controlSocket_reportsAStatusThatTimedOut() throws Exception {
    assumeTrue(canWriteRun(), "the control socket lives in /run/eccp, which needs root");
    String name = "test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    ControlSocket socket = ControlSocket.open(name, () -> {
      throw new TimeoutException("loop busy");
    });
    try {
      String answer = ControlSocket.request(socket.path());
      assertTrue(answer.contains("loop busy"), answer);
    } finally {
      socket.close();
    }
  }
}
