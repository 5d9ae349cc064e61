package org.eccp.tools.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eccp.tools.json.Json;
import org.junit.jupiter.api.Test;

class PingOutputTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private PingOutput output(boolean json) {
    return new PingOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8), json);
  }

  private List<String> lines() {
    return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String line) {
    return (Map<String, Object>) Json.parse(line);
  }

  private static PingSession.FlowStats stats(int id, long sent, long received, boolean last) {
    PingSession.FlowStats f = new PingSession.FlowStats(id);
    f.sent = sent;
    f.received = received;
    f.lastAnswered = last;
    f.migrations = 1;
    return f;
  }

  @Test
  void json_printsOneObjectPerLine() {
    PingOutput out = output(true);
    out.echo(12, "7", 1, "198.18.1.10", "198.19.1.10", 0.4567, null);
    out.echo(33, "7", 2, null, "198.19.1.10", null, "not sent: flow is NOADDRESS");
    out.migration(40, "7", null, "198.19.1.10", "198.18.2.10", "198.19.1.10");
    out.summary("server", List.of(stats(7, 2, 1, true)), true);

    List<String> lines = lines();
    assertEquals(4, lines.size());
    Map<String, Object> answered = parse(lines.get(0));
    assertEquals("echo", answered.get("type"));
    assertEquals(0.457, answered.get("rtt_ms"));
    assertEquals("198.18.1.10", answered.get("local"));
    Map<String, Object> lost = parse(lines.get(1));
    assertEquals(Boolean.TRUE, lost.get("lost"));
    assertNull(lost.get("local"));
    assertEquals("migration", parse(lines.get(2)).get("type"));
    Map<String, Object> summary = parse(lines.get(3));
    assertEquals(1L, summary.get("lost"));
    assertEquals(Boolean.TRUE, summary.get("success"));
    assertEquals(1, ((List<?>) summary.get("flows")).size());
  }

  @Test
  void text_readsLikePing() {
    PingOutput out = output(false);
    out.echo(12, "7", 1, "198.18.1.10", "198.19.1.10", 0.4567, null);
    out.echo(33, "7", 2, null, "198.19.1.10", null, "no reply within 500 ms");
    out.summary("server", List.of(stats(7, 2, 1, false)), false);

    List<String> lines = lines();
    assertEquals("flow 7 198.18.1.10 -> 198.19.1.10 seq=1 rtt=0.457 ms", lines.get(0));
    assertEquals("flow 7 none -> 198.19.1.10 seq=2 lost (no reply within 500 ms)", lines.get(1));
    assertEquals("--- server ECCP ping statistics ---", lines.get(2));
    assertEquals("flow 7: 2 sent, 1 received, 1 lost, 1 migration", lines.get(3));
    assertTrue(lines.get(4).startsWith("2 sent, 1 received, 50.0% lost"), lines.get(4));
  }
}
