package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusTextTest {
  @Test
  void nonZero_saysNoEventsWhenAllAreZero() {
    assertEquals("no events", StatusText.nonZero(Map.of("drop.bad", 0L), true));
  }

  @Test
  void print_showsStackAndLinkCountersAsKeyValue() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("device", "eccp0");
    t.put("tunnel_counters", Map.of("sent_packets", 3L));
    t.put("engine_counters", Map.of("drop.bad", 0L));
    t.put("stack_counters", Map.of("received", 5L));
    t.put("link_counters", Map.of("sent", 7L));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StatusText.print(t, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("  engine: no events"), text);
    assertTrue(text.contains("  stack: received=5  link: sent=7"), text);
    assertFalse(text.contains("{"), text);
  }
}
