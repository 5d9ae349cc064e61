package org.eccp.engine;

import java.util.Arrays;

/**
 * The flow timers in deadline order: a binary min-heap of (deadline, flowID) in two primitive
 * arrays. Re-arming a flow pushes a new entry and leaves the old one in place. An entry is live
 * only while its flow still exists and is armed for exactly that deadline. Stale entries are
 * dropped when they reach the top. Ties go to the lower flowID (unsigned), so runs replay alike.
 */
final class TimerQueue {
  private long[] deadlines;
  private int[] ids;
  private int size;

  TimerQueue() {
    this(new long[16], new int[16], 0);
  }

  private TimerQueue(long[] deadlines, int[] ids, int size) {
    this.deadlines = deadlines;
    this.ids = ids;
    this.size = size;
  }

  TimerQueue copy() {
    return new TimerQueue(deadlines.clone(), ids.clone(), size);
  }

  void add(long deadline, int flowId) {
    if (size == ids.length) {
      deadlines = Arrays.copyOf(deadlines, size * 2);
      ids = Arrays.copyOf(ids, size * 2);
    }
    deadlines[size] = deadline;
    ids[size] = flowId;
    up(size++);
  }

  /** Returns the earliest live deadline, or {@link Long#MAX_VALUE} when no timer is armed. */
  long earliest(IntTable<Flow> flows) {
    dropStale(flows);
    return size == 0 ? Long.MAX_VALUE : deadlines[0];
  }

  /** Removes and returns the flowID of a live timer due at {@code now}, or 0 when none is due. */
  int pollDue(long now, IntTable<Flow> flows) {
    dropStale(flows);
    if (size == 0 || deadlines[0] - now > 0) {
      return 0;
    }
    int id = ids[0];
    removeTop();
    return id;
  }

  private void dropStale(IntTable<Flow> flows) {
    while (size > 0) {
      Flow f = flows.get(ids[0]);
      if (f != null && f.timerKind != FlowState.TimerKind.NONE && f.deadline == deadlines[0]) {
        return;
      }
      removeTop();
    }
  }

  private void removeTop() {
    size--;
    deadlines[0] = deadlines[size];
    ids[0] = ids[size];
    down(0);
  }

  private boolean less(int i, int j) {
    long d = deadlines[i] - deadlines[j];
    return d < 0 || (d == 0 && Integer.compareUnsigned(ids[i], ids[j]) < 0);
  }

  private void swap(int i, int j) {
    long d = deadlines[i];
    deadlines[i] = deadlines[j];
    deadlines[j] = d;
    int t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
  }

  private void up(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!less(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void down(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int child = left + 1 < size && less(left + 1, left) ? left + 1 : left;
      if (!less(child, i)) {
        return;
      }
      swap(i, child);
      i = child;
    }
  }
}
