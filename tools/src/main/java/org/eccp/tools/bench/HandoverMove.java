package org.eccp.tools.bench;

import java.util.Map;
import org.eccp.tools.json.Json;

/**
 * One move of one end while iperf3 ran, and what it cost.
 *
 * @param subject the tunnel
 * @param host {@code client} or {@code server}
 * @param from the network it left
 * @param to the network it joined
 * @param atSeconds when the move began, from the start of iperf3
 * @param labMillis how long the lab took to move the host: old address gone, new address and
 *     routes in place
 * @param action the command run by hand after the move, or null
 * @param beforeMbps the rate before the move
 * @param gap the longest time without delivered bytes
 * @param recoveryMillis from the move to the end of the first 100 ms at 90 % of the earlier
 *     rate; NaN when that did not happen before the next move
 */
record HandoverMove(String subject, String host, String from, String to, double atSeconds,
    double labMillis, String action, double beforeMbps, MoveFigures.Gap gap,
    double recoveryMillis) {

  Map<String, Object> toJson() {
    Map<String, Object> o = Json.object();
    o.put("subject", subject);
    o.put("host", host);
    o.put("from", from);
    o.put("to", to);
    o.put("at_s", BenchResult.round(atSeconds));
    o.put("lab_ms", BenchResult.round(labMillis));
    o.put("action", action);
    o.put("before_mbps", BenchResult.round(beforeMbps));
    o.put("gap_ms", BenchResult.round(gap.millis()));
    o.put("gap_censored", gap.censored());
    o.put("recovery_ms", BenchResult.round(recoveryMillis));
    return o;
  }

  /** Returns one line for the progress log. */
  String describe() {
    return String.format(java.util.Locale.ROOT,
        "%s: %s %s -> %s, lab %.0f ms, gap %.1f ms%s, back to 90%% of %.0f Mbit/s after %s",
        subject, host, from, to, labMillis, gap.millis(), gap.censored() ? " or more" : "",
        beforeMbps, Double.isNaN(recoveryMillis) ? "(not before the next move)"
            : String.format(java.util.Locale.ROOT, "%.0f ms", recoveryMillis));
  }
}
