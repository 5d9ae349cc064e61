package org.eccp.tools.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writeThenParseRoundTrips() {
    Map<String, Object> value = Json.object();
    value.put("name", "a \"quoted\" \\ name\n\t\u0001");
    value.put("count", 42L);
    value.put("ratio", 0.25);
    value.put("whole", 20.0);
    value.put("on", true);
    value.put("none", null);
    value.put("list", List.of(1L, "two", List.of(), Map.of()));

    Object parsed = Json.parse(Json.write(value));

    Map<String, Object> expected = Json.object();
    expected.putAll(value);
    expected.put("whole", 20L);
    assertEquals(expected, parsed);
  }

  @Test
  void parseReadsEscapesAndNumbers() {
    assertEquals("é/\u00e9", Json.parse("\"\\u00e9\\/\u00e9\""));
    assertEquals(-12L, Json.parse(" -12 "));
    assertEquals(1.5e3, Json.parse("1.5e3"));
    assertEquals(List.of(), Json.parse("[ ]"));
  }

  @Test
  void parseRejectsInvalidText() {
    for (String bad : new String[] {"", "{", "[1,", "{\"a\" 1}", "tru", "\"open", "1 2", "{1:2}", "[01x]", "\"\\q\""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("invalid JSON at offset"), e.getMessage());
    }
  }

  @Test
  void parseRejectsDeepNesting() {
    assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(10_000)));
  }

  @Test
  void parseRandomBytesFailsCleanly() {
    long seed = 20261204L;
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      char[] chars = new char[random.nextInt(12)];
      for (int j = 0; j < chars.length; j++) {
        String alphabet = "{}[]\",:0123456789.-eEtrufalsn \\u";
        chars[j] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String text = new String(chars);
      try {
        Json.parse(text);
      } catch (IllegalArgumentException expected) {
        // Invalid input must fail with this exception only.
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " case " + i + " '" + text + "' threw " + e, e);
      }
    }
  }
}
