package org.eccp.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The text record of a run. When full tracing is on, every line is kept; otherwise only the last
 * {@link #TAIL} lines are, so a failure can still show what led to it.
 */
public final class Trace {
  static final int TAIL = 40;

  private final boolean full;
  private final List<String> all = new ArrayList<>();
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private final List<String> highlights = new ArrayList<>();

  Trace(boolean full) {
    this.full = full;
  }

  /** Adds one line stamped with the virtual time. */
  void add(long now, String line) {
    String stamped = formatTime(now) + " " + line;
    if (full) {
      all.add(stamped);
    }
    tail.addLast(stamped);
    if (tail.size() > TAIL) {
      tail.removeFirst();
    }
  }

  /** Adds a line that the scenario summary shows: a key packet or state change. */
  void highlight(long now, String line) {
    add(now, line);
    highlights.add(formatTime(now) + " " + line);
  }

  /** Returns every line, when full tracing is on; otherwise the tail. */
  public List<String> lines() {
    return full ? List.copyOf(all) : List.copyOf(tail);
  }

  /** Returns the last lines, at most {@link #TAIL}. */
  public List<String> tail() {
    return List.copyOf(tail);
  }

  /** Returns the highlighted lines. */
  public List<String> highlights() {
    return List.copyOf(highlights);
  }

  /** Formats nanoseconds as seconds with millisecond precision, e.g. {@code 12.345s}. */
  static String formatTime(long nanos) {
    long millis = nanos / 1_000_000L;
    return String.format("%d.%03ds", millis / 1000, millis % 1000);
  }
}
