package org.eccp.tools;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pairs the kernel's IPv4 address events, as {@code ip -ts monitor address} prints them, with the
 * first RSYN that {@code tcpdump -tt} saw leave after each, and prints the delays. Both tools
 * stamp with the system's real-time clock; {@code ip -ts} prints local time.
 */
final class KernelToWire {
  private static final Pattern EVENT = Pattern.compile(
      "^\\[(\\S+)\\] (Deleted )?\\d+: (\\S+)\\s+inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/", Pattern.MULTILINE);
  private static final Pattern RSYN = Pattern.compile(
      "^(\\d+\\.\\d+) (\\S+)\\s+Out IP (\\S+) > (\\S+):", Pattern.MULTILINE);
  private static final DateTimeFormatter IP_TS = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  private record Stamped(double epochSeconds, String text) {}

  private KernelToWire() {}

  static String report(String monitor, String capture) {
    List<Stamped> events = new ArrayList<>();
    Matcher m = EVENT.matcher(monitor);
    while (m.find()) {
      Instant at = LocalDateTime.parse(m.group(1), IP_TS).atZone(ZoneId.systemDefault())
          .toInstant();
      double t = at.getEpochSecond() + at.getNano() / 1e9;
      events.add(new Stamped(t, (m.group(2) == null ? "added " : "removed ") + m.group(4)
          + " on " + m.group(3)));
    }
    List<Stamped> rsyns = new ArrayList<>();
    Matcher r = RSYN.matcher(capture);
    while (r.find()) {
      rsyns.add(new Stamped(Double.parseDouble(r.group(1)),
          r.group(3) + " > " + r.group(4) + " on " + r.group(2)));
    }
    StringBuilder out = new StringBuilder(
        "Kernel address event (ip -ts monitor) -> next RSYN on the wire (tcpdump):\n");
    for (int i = 0; i < events.size(); i++) {
      Stamped e = events.get(i);
      double next = i + 1 < events.size() ? events.get(i + 1).epochSeconds() : Double.MAX_VALUE;
      rsyns.stream().filter(x -> x.epochSeconds() >= e.epochSeconds() && x.epochSeconds() < next)
          .findFirst().ifPresent(x -> out.append(String.format(Locale.ROOT,
              "  %s -> RSYN %s: %.2f ms%n", e.text(), x.text(),
              (x.epochSeconds() - e.epochSeconds()) * 1000)));
    }
    return out.toString();
  }
}
