package org.eccp.tools.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer and reader for tool output and state files.
 *
 * <p>Values map to Java as follows: object to {@code Map<String, Object>} (insertion order kept),
 * array to {@code List<Object>}, string to {@code String}, number to {@code Long} when it has no
 * fraction or exponent and {@code Double} otherwise, {@code true}/{@code false} to {@code Boolean}
 * and {@code null} to {@code null}. Writing also accepts any {@code Number} and {@code Iterable}.
 */
public final class Json {

  private Json() {}

  /** Returns {@code value} as indented JSON text (two spaces per level), without a final newline. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    writeValue(out, value, 0);
    return out.toString();
  }

  /**
   * Parses one JSON value that fills the whole text.
   *
   * @throws IllegalArgumentException when the text is not valid JSON, naming the offset
   */
  public static Object parse(String text) {
    JsonParser parser = new JsonParser(text);
    Object value = parser.readValue();
    parser.expectEnd();
    return value;
  }

  /** Returns a new empty object that keeps insertion order. */
  public static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  /** Returns a new empty array. */
  public static List<Object> array() {
    return new ArrayList<>();
  }

  private static void writeValue(StringBuilder out, Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(out, s);
    } else if (value instanceof Boolean b) {
      out.append(b);
    } else if (value instanceof Double d) {
      writeDouble(out, d);
    } else if (value instanceof Float f) {
      writeDouble(out, f.doubleValue());
    } else if (value instanceof Number n) {
      out.append(n);
    } else if (value instanceof Map<?, ?> map) {
      writeObject(out, map, depth);
    } else if (value instanceof Iterable<?> items) {
      writeArray(out, items, depth);
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  private static void writeDouble(StringBuilder out, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("JSON has no form for " + d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      out.append(d);
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> map, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.append(first ? "\n" : ",\n");
      first = false;
      indent(out, depth + 1);
      writeString(out, String.valueOf(entry.getKey()));
      out.append(": ");
      writeValue(out, entry.getValue(), depth + 1);
    }
    out.append('\n');
    indent(out, depth);
    out.append('}');
  }

  private static void writeArray(StringBuilder out, Iterable<?> items, int depth) {
    out.append('[');
    boolean first = true;
    for (Object item : items) {
      out.append(first ? "\n" : ",\n");
      first = false;
      indent(out, depth + 1);
      writeValue(out, item, depth + 1);
    }
    if (!first) {
      out.append('\n');
      indent(out, depth);
    }
    out.append(']');
  }

  private static void indent(StringBuilder out, int depth) {
    out.append("  ".repeat(depth));
  }

  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
