package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Invalid arguments to listen and ping: exit 2 with a message that names the value. */
class EndpointArgumentsTest {
  private record Result(int code, String err) {}

  private static Result run(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = EccpCommand.newCommandLine().execute(args);
      return new Result(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }

  private static void assertInvalid(String expectedInMessage, String... args) {
    Result r = run(args);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(expectedInMessage), r.err());
  }

  @Test
  void ping_rejectsInvalidNumbers() {
    assertInvalid("--count -1", "ping", "198.18.1.1", "--count", "-1");
    assertInvalid("--interval 0", "ping", "198.18.1.1", "--interval", "0");
    assertInvalid("--flows 17", "ping", "198.18.1.1", "--flows", "17");
    assertInvalid("--timeout 0", "ping", "198.18.1.1", "--timeout", "0");
    assertInvalid("--udp port 70000", "ping", "198.18.1.1", "--udp", "70000");
  }

  @Test
  void ping_rejectsWrongFamilyAndUnknownPeers() {
    assertInvalid("not an IPv4 address", "ping", "-4", "fd00::1");
    assertInvalid("not an IPv6 address", "ping", "-6", "198.18.1.1");
    assertInvalid("-4 and -6 exclude each other", "ping", "-4", "-6", "198.18.1.1");
    assertInvalid("unknown peer 'no-such-host-eccp'", "ping", "no-such-host-eccp");
  }

  @Test
  void ping_needsPeer() {
    assertEquals(2, run("ping").code());
  }

  @Test
  void listen_rejectsInvalidBind() {
    assertInvalid("invalid IP address 'nowhere'", "listen", "--bind", "nowhere");
    assertInvalid("link-local", "listen", "--bind", "fe80::1");
    assertInvalid("--udp port 0", "listen", "--udp", "0");
  }

  @Test
  void listen_outOfRangeBindNamesFix() {
    assertInvalid("'999.0.0.1': expected a literal such as 198.18.0.1", "listen", "--bind", "999.0.0.1");
    assertInvalid("'999.1.1.1': expected a literal such as 198.18.0.1", "ping", "999.1.1.1");
  }
}
