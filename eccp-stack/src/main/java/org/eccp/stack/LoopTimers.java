package org.eccp.stack;

import java.util.PriorityQueue;

/**
 * The event loop's timers: tasks due at a time on the loop's monotonic clock
 * ({@link System#nanoTime()}), run in deadline order, ties in the order they were scheduled.
 * Not thread-safe: only the loop thread schedules and runs them.
 */
public final class LoopTimers {
  /** A scheduled task; {@link #cancel()} keeps it from running. */
  public static final class Timer implements Comparable<Timer> {
    private final long deadline;
    private final long sequence;
    private final Runnable task;
    private boolean cancelled;

    private Timer(long deadline, long sequence, Runnable task) {
      this.deadline = deadline;
      this.sequence = sequence;
      this.task = task;
    }

    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(deadline - o.deadline, 0);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  private final PriorityQueue<Timer> queue = new PriorityQueue<>();
  private long sequence;

  Timer schedule(long deadlineNanos, Runnable task) {
    Timer t = new Timer(deadlineNanos, sequence++, task);
    queue.add(t);
    return t;
  }

  /** Returns the earliest deadline, or {@link Long#MAX_VALUE} when nothing is scheduled. */
  long nextDeadline() {
    while (!queue.isEmpty() && queue.peek().cancelled) {
      queue.poll();
    }
    return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().deadline;
  }

  /**
   * Removes and returns the next task due at or before {@code now}, or null. The caller runs it,
   * so a task may schedule others, including ones that are already due.
   */
  Runnable pollDue(long now) {
    long next = nextDeadline();
    if (next == Long.MAX_VALUE || next - now > 0) {
      return null;
    }
    return queue.poll().task;
  }

  int size() {
    return queue.size();
  }
}
