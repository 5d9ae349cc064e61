package org.eccp.tools.dissect;

/**
 * Builds one JSON value on one line: objects, arrays, strings, numbers and booleans, with commas
 * placed by the writer. Strings are escaped as RFC 8259 requires.
 */
public final class JsonLine {
  private final StringBuilder out = new StringBuilder(256);
  private boolean needComma;

  public JsonLine beginObject() {
    comma();
    out.append('{');
    needComma = false;
    return this;
  }

  public JsonLine endObject() {
    out.append('}');
    needComma = true;
    return this;
  }

  public JsonLine beginArray(String name) {
    name(name);
    out.append('[');
    needComma = false;
    return this;
  }

  public JsonLine endArray() {
    out.append(']');
    needComma = true;
    return this;
  }

  /** Starts a named object member inside an object. */
  public JsonLine beginObject(String name) {
    name(name);
    out.append('{');
    needComma = false;
    return this;
  }

  public JsonLine field(String name, String value) {
    name(name);
    if (value == null) {
      out.append("null");
    } else {
      string(value);
    }
    needComma = true;
    return this;
  }

  public JsonLine field(String name, long value) {
    name(name);
    out.append(value);
    needComma = true;
    return this;
  }

  public JsonLine field(String name, boolean value) {
    name(name);
    out.append(value);
    needComma = true;
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private void name(String name) {
    comma();
    string(name);
    out.append(':');
    needComma = false;
  }

  private void comma() {
    if (needComma) {
      out.append(',');
    }
  }

  private void string(String s) {
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
