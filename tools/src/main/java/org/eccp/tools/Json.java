package org.eccp.tools;

import java.util.List;
import org.eccp.sim.RunResult;
import org.eccp.sim.ScenarioResult;
import org.eccp.sim.Violation;

/** The few JSON shapes that {@code eccp simulate} prints, written by hand to avoid a library. */
final class Json {
  private Json() {}

  static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  static String strings(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (String s : items) {
      sb.append(sb.length() > 1 ? "," : "").append(string(s));
    }
    return sb.append(']').toString();
  }

  static String violations(List<Violation> vs) {
    StringBuilder sb = new StringBuilder("[");
    for (Violation v : vs) {
      sb.append(sb.length() > 1 ? "," : "").append("{\"property\":").append(string(v.property()))
          .append(",\"detail\":").append(string(v.detail())).append(",\"time_ns\":")
          .append(v.timeNanos()).append('}');
    }
    return sb.append(']').toString();
  }

  static String failure(RunResult r) {
    return "{\"seed\":" + r.config().seed() + ",\"violations\":" + violations(r.violations())
        + ",\"replay\":" + string(r.config().replayCommand()) + ",\"trace_tail\":"
        + strings(r.trace()) + "}";
  }

  static String scenario(ScenarioResult r) {
    return "{\"scenario\":" + string(r.name()) + ",\"passed\":" + r.passed() + ",\"expected\":"
        + string(r.expected()) + ",\"story\":" + strings(r.story()) + ",\"checks\":"
        + strings(r.checks()) + ",\"violations\":" + violations(r.violations()) + ",\"trace\":"
        + strings(r.trace()) + "}";
  }
}
