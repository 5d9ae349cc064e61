package org.eccp.tools.endpoint;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eccp.tools.json.Json;

/**
 * Prints what eccp ping reports, as text lines like ping's or as JSON lines (one object per
 * line, each with a {@code type}: start, echo, addresses, migration, summary).
 */
public final class PingOutput {
  private final PrintStream out;
  private final boolean json;

  public PingOutput(PrintStream out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void start(String peer, String peerAddress, String local, int connection, int flows) {
    if (json) {
      line(obj("start", "peer", peer, "address", peerAddress, "local", local,
          "connection", connection, "flows", flows));
    } else {
      out.printf("ECCP PING %s (%s) from %s: connection %d, %d flow%s%n", peer, peerAddress,
          local, connection, flows, flows == 1 ? "" : "s");
    }
  }

  void echo(long tMillis, String flow, long seq, String local, String remote, Double rttMillis,
      String lostReason) {
    if (json) {
      Map<String, Object> o = obj("echo", "t_ms", tMillis, "flow", flow, "seq", seq,
          "local", local, "remote", remote);
      if (rttMillis != null) {
        o.put("rtt_ms", round(rttMillis));
      } else {
        o.put("lost", true);
        o.put("reason", lostReason);
      }
      line(o);
    } else if (rttMillis != null) {
      out.printf(Locale.ROOT, "flow %s %s -> %s seq=%d rtt=%.3f ms%n", flow, orNone(local),
          orNone(remote), seq, rttMillis);
    } else {
      out.printf("flow %s %s -> %s seq=%d lost (%s)%n", flow, orNone(local), orNone(remote), seq,
          lostReason);
    }
  }

  void addresses(long tMillis, List<String> local) {
    if (json) {
      line(obj("addresses", "t_ms", tMillis, "local", local));
    } else {
      out.println("local addresses now: " + (local.isEmpty() ? "none" : String.join(", ", local)));
    }
  }

  void migration(long tMillis, String flow, String oldLocal, String oldRemote, String newLocal,
      String newRemote) {
    if (json) {
      line(obj("migration", "t_ms", tMillis, "flow", flow, "old_local", oldLocal,
          "old_remote", oldRemote, "local", newLocal, "remote", newRemote));
    } else {
      out.printf("flow %s migrated: %s -> %s is now %s -> %s%n", flow, orNone(oldLocal),
          orNone(oldRemote), orNone(newLocal), orNone(newRemote));
    }
  }

  void message(String text) {
    if (json) {
      line(obj("message", "text", text));
    } else {
      out.println(text);
    }
  }

  void summary(String peer, List<PingSession.FlowStats> flows, boolean success) {
    long sent = 0;
    long received = 0;
    long migrations = 0;
    List<Object> perFlow = Json.array();
    for (PingSession.FlowStats f : flows) {
      sent += f.sent;
      received += f.received;
      migrations += f.migrations;
      perFlow.add(obj(null, "flow", f.id, "sent", f.sent, "received", f.received,
          "lost", f.sent - f.received, "migrations", f.migrations,
          "last_answered", f.lastAnswered));
    }
    if (json) {
      line(obj("summary", "peer", peer, "sent", sent, "received", received,
          "lost", sent - received, "migrations", migrations, "success", success, "flows",
          perFlow));
      return;
    }
    out.printf("--- %s ECCP ping statistics ---%n", peer);
    for (PingSession.FlowStats f : flows) {
      out.printf("flow %s: %d sent, %d received, %d lost, %d migrations%n", f.id, f.sent,
          f.received, f.sent - f.received, f.migrations);
    }
    out.printf(Locale.ROOT, "%d sent, %d received, %.1f%% lost, %d migrations seen%n", sent,
        received, sent == 0 ? 0.0 : 100.0 * (sent - received) / sent, migrations);
  }

  private static String orNone(String address) {
    return address == null ? "none" : address;
  }

  private static double round(double millis) {
    return Math.round(millis * 1000) / 1000.0;
  }

  private static Map<String, Object> obj(String type, Object... pairs) {
    Map<String, Object> o = Json.object();
    if (type != null) {
      o.put("type", type);
    }
    for (int i = 0; i < pairs.length; i += 2) {
      o.put((String) pairs[i], pairs[i + 1]);
    }
    return o;
  }

  /** Prints one object on one line: the writer's indentation is dropped, strings are escaped. */
  private void line(Map<String, Object> o) {
    out.println(Json.write(o).replaceAll("\n\\s*", ""));
    out.flush();
  }
}
