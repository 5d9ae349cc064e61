package org.eccp.tcplite.socket;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.TcpLiteConnection;
import org.eccp.tcplite.TcpLiteListener;

/**
 * Carries engine events to the threads blocked in socket calls: one lock, one condition and a
 * counter that moves on every event, so a waiter that checks, then waits for a change, misses
 * nothing. Accepted connections queue per local port until a server socket takes them.
 */
public final class SocketHub implements TcpLiteListener {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<Integer, ArrayDeque<TcpLiteConnection>> backlog = new HashMap<>();
  private final Map<TcpLiteConnection, CloseReason> closed = new HashMap<>();
  private final Map<TcpLiteConnection, Boolean> connected = new HashMap<>();
  private long generation;

  @Override
  public void accepted(TcpLiteConnection c) {
    signal(() -> backlog.computeIfAbsent(c.localPort(), p -> new ArrayDeque<>()).add(c));
  }

  @Override
  public void connected(TcpLiteConnection c) {
    signal(() -> connected.put(c, true));
  }

  @Override
  public void readable(TcpLiteConnection c) {
    signal(() -> {});
  }

  @Override
  public void writable(TcpLiteConnection c) {
    signal(() -> {});
  }

  @Override
  public void closed(TcpLiteConnection c, CloseReason reason) {
    signal(() -> closed.put(c, reason));
  }

  /** Wakes every waiter, e.g. after a socket was closed by another thread. */
  void wake() {
    signal(() -> {});
  }

  private void signal(Runnable change) {
    lock.lock();
    try {
      change.run();
      generation++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Returns the current event count, to pass to {@link #awaitChange}. */
  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until an event after {@code seen}, or the deadline (nanoTime); false on timeout. */
  boolean awaitChange(long seen, long deadlineNanos) throws InterruptedException {
    lock.lock();
    try {
      while (generation == seen) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  TcpLiteConnection pollAccepted(int port) {
    lock.lock();
    try {
      ArrayDeque<TcpLiteConnection> q = backlog.get(port);
      return q == null ? null : q.poll();
    } finally {
      lock.unlock();
    }
  }

  CloseReason closeReason(TcpLiteConnection c) {
    lock.lock();
    try {
      return closed.get(c);
    } finally {
      lock.unlock();
    }
  }

  boolean isConnected(TcpLiteConnection c) {
    lock.lock();
    try {
      return connected.containsKey(c);
    } finally {
      lock.unlock();
    }
  }

  /** Forgets a connection that its socket closed for good. */
  void forget(TcpLiteConnection c) {
    lock.lock();
    try {
      closed.remove(c);
      connected.remove(c);
    } finally {
      lock.unlock();
    }
  }
}
