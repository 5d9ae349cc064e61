package org.eccp.sim;

import java.util.PriorityQueue;

/**
 * The simulator's agenda: events ordered by virtual time, ties broken by insertion order so that a
 * run is the same every time for one seed.
 */
final class EventQueue {

  /** One scheduled event. Cancelled entries stay queued and are skipped when polled. */
  static final class Entry implements Comparable<Entry> {
    final long time;
    final long sequence;
    final SimEvent event;
    boolean cancelled;

    Entry(long time, long sequence, SimEvent event) {
      this.time = time;
      this.sequence = sequence;
      this.event = event;
    }

    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private long nextSequence;
  private int live;

  Entry schedule(long time, SimEvent event) {
    Entry e = new Entry(time, nextSequence++, event);
    queue.add(e);
    live++;
    return e;
  }

  void cancel(Entry e) {
    if (e != null && !e.cancelled) {
      e.cancelled = true;
      live--;
    }
  }

  /** Removes and returns the earliest live entry, or null when none is left. */
  Entry poll() {
    while (!queue.isEmpty()) {
      Entry e = queue.poll();
      if (!e.cancelled) {
        live--;
        return e;
      }
    }
    return null;
  }

  /** Returns the time of the earliest live entry, or {@link Long#MAX_VALUE} when none is left. */
  long peekTime() {
    while (!queue.isEmpty() && queue.peek().cancelled) {
      queue.poll();
    }
    return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().time;
  }

  int size() {
    return live;
  }
}
