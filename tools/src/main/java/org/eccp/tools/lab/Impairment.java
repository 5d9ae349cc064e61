package org.eccp.tools.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eccp.tools.json.Json;

/**
 * The impairment asked for on one network. Each {@code eccp lab impair} call replaces the whole
 * set: a knob not given is zero (off).
 *
 * @param delayMs added one-way delay, in milliseconds
 * @param jitterMs random variation of the delay, in milliseconds
 * @param loss probability (0 to 1) that a packet is dropped
 * @param dup probability (0 to 1) that a packet is duplicated
 * @param reorder probability (0 to 1) that a packet is sent out of order
 * @param rateMbit rate limit in Mbit/s, or 0 for none
 * @param seed seed for the user-space impairment's random choices
 */
public record Impairment(
    double delayMs, double jitterMs, double loss, double dup, double reorder, double rateMbit, long seed) {

  /** Largest --delay and --jitter, in milliseconds: one minute. */
  public static final double MAX_DELAY_MS = 60_000;

  /** Largest --rate, in Mbit/s: 100 Gbit/s. */
  public static final double MAX_RATE_MBIT = 100_000;

  /** Minimum non-zero --loss: half the nft rule's step of 0.0001, as a smaller loss rounds to no rule. */
  public static final double MIN_LOSS = 0.00005;

  /** No impairment. */
  public static final Impairment NONE = new Impairment(0, 0, 0, 0, 0, 0, 0);

  /** Returns one message per invalid value, each naming the option, the value and the valid range. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    range(problems, "--delay", delayMs, MAX_DELAY_MS, "milliseconds");
    range(problems, "--jitter", jitterMs, MAX_DELAY_MS, "milliseconds");
    range(problems, "--rate", rateMbit, MAX_RATE_MBIT, "Mbit/s (0 is no limit)");
    probability(problems, "--loss", loss);
    probability(problems, "--dup", dup);
    probability(problems, "--reorder", reorder);
    if (loss > 0 && loss < MIN_LOSS) {
      problems.add("invalid --loss " + fmt(loss) + ": the nft rule drops in steps of 0.0001, so this"
          + " would drop nothing; give 0 or at least 0.00005");
    }
    if (jitterMs > 0 && delayMs == 0) {
      problems.add("--jitter " + fmt(jitterMs) + " needs a --delay: jitter varies the delay");
    }
    return problems;
  }

  /** Returns whether every knob is off. */
  public boolean isNone() {
    return delayMs == 0 && jitterMs == 0 && loss == 0 && dup == 0 && reorder == 0 && rateMbit == 0;
  }

  /** Returns whether a knob other than the rate is on. */
  public boolean needsPacketImpairment() {
    return delayMs > 0 || jitterMs > 0 || loss > 0 || dup > 0 || reorder > 0;
  }

  /** Returns the knobs that are on, by the names used in state and status. */
  public Map<String, Double> activeKnobs() {
    Map<String, Double> knobs = new java.util.LinkedHashMap<>();
    putIfOn(knobs, "delay_ms", delayMs);
    putIfOn(knobs, "jitter_ms", jitterMs);
    putIfOn(knobs, "loss", loss);
    putIfOn(knobs, "dup", dup);
    putIfOn(knobs, "reorder", reorder);
    putIfOn(knobs, "rate_mbit", rateMbit);
    return knobs;
  }

  /** Returns the impairment as a JSON object with the keys of the properties file. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = Json.object();
    json.put("delay_ms", delayMs);
    json.put("jitter_ms", jitterMs);
    json.put("loss", loss);
    json.put("dup", dup);
    json.put("reorder", reorder);
    json.put("rate_mbit", rateMbit);
    json.put("seed", seed);
    return json;
  }

  /** Reads an impairment written by {@link #toJson}. */
  public static Impairment fromJson(Map<?, ?> json) {
    return new Impairment(number(json, "delay_ms"), number(json, "jitter_ms"), number(json, "loss"),
        number(json, "dup"), number(json, "reorder"), number(json, "rate_mbit"),
        (long) number(json, "seed"));
  }

  /** Formats a knob value without a trailing {@code .0}. */
  static String fmt(double value) {
    boolean whole = value == Math.rint(value) && Math.abs(value) < 1e15;
    return whole ? Long.toString((long) value) : Double.toString(value);
  }

  private static double number(Map<?, ?> json, String key) {
    return json.get(key) instanceof Number n ? n.doubleValue() : 0;
  }

  private static void putIfOn(Map<String, Double> knobs, String key, double value) {
    if (value != 0) {
      knobs.put(key, value);
    }
  }

  private static void range(List<String> problems, String option, double value, double max, String unit) {
    if (!(value >= 0 && value <= max)) {
      problems.add("invalid " + option + " " + fmt(value) + ": use a number of " + unit + " from 0 to " + fmt(max));
    }
  }

  private static void probability(List<String> problems, String option, double value) {
    if (!(value >= 0 && value <= 1)) {
      problems.add("invalid " + option + " " + fmt(value) + ": use a probability from 0 to 1 (0.05 is 5 %)");
    }
  }
}
