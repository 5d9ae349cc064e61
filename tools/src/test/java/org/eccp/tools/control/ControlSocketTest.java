package org.eccp.tools.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eccp.tools.json.Json;
import org.junit.jupiter.api.Test;

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
