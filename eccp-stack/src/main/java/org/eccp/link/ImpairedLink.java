package org.eccp.link;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link decorator that impairs sent packets in user space (delay, jitter, loss, duplication,
 * reordering, rate), because the kernel it was built for has no netem qdisc. The settings come
 * from an {@link ImpairmentFile}, re-read when it changes; received packets pass through.
 *
 * <p>A packet that leaves at once is sent on the caller's thread. A delayed one is copied into a
 * pooled buffer and sent by the link's own scheduler thread at its departure time. Sends to the
 * inner link are serialized, so the inner link sees one sender at a time. {@link #close()} stops
 * the scheduler, drops the packets still waiting (counted as dropped) and closes the inner link.
 */
public final class ImpairedLink implements Link {
  private static final Logger LOG = LoggerFactory.getLogger(ImpairedLink.class);
  private static final int BUFFER_SIZE = 65536 + 128;
  private static final int POOL_LIMIT = 256;

  private final Link inner;
  private final ImpairmentFile file;
  private final LongSupplier nanoClock;
  private final Impairer impairer = new Impairer();
  private final Impairer.Decision decision = new Impairer.Decision();
  private final LinkCounters counters = new LinkCounters();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Pending> queue = new PriorityQueue<>();
  private final ArrayDeque<Bytes<?>> pool = new ArrayDeque<>();
  private final Object sendLock = new Object();
  private final Thread scheduler;
  private long sequence;
  private volatile boolean closed;

  private record Pending(long departure, long sequence, IpAddress local, IpAddress remote,
      Bytes<?> packet) implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      int c = Long.compare(departure, o.departure);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  /** Wraps {@code inner}; {@code nanoClock} is normally {@code System::nanoTime}. */
  public ImpairedLink(Link inner, ImpairmentFile file, LongSupplier nanoClock) {
    this.inner = inner;
    this.file = file;
    this.nanoClock = nanoClock;
    this.scheduler = new Thread(this::runScheduler, "impaired-link " + file.path());
    scheduler.setDaemon(true);
    scheduler.start();
  }

  @Override
  public int headroom() {
    return inner.headroom();
  }

  @Override
  public void send(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException {
    if (closed) {
      counters.dropped.incrementAndGet();
      return;
    }
    long now = nanoClock.getAsLong();
    int length = (int) (packet.readLimit() - packet.readPosition());
    Impairer.Decision d;
    lock.lock();
    try {
      impairer.update(file.current());
      d = impairer.decide(now, length, decision);
      if (d.copies() == 0) {
        counters.dropped.incrementAndGet();
        return;
      }
      for (int i = 0; i < d.copies(); i++) {
        if (d.departure(i) > now) {
          queue.add(new Pending(d.departure(i), sequence++, local, remote, copy(packet)));
          changed.signal();
        } else {
          sendNow(local, remote, packet);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void sendNow(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException {
    synchronized (sendLock) {
      inner.send(local, remote, packet);
    }
    counters.sent.incrementAndGet();
  }

  private Bytes<?> copy(Bytes<?> packet) {
    Bytes<?> b = pool.poll();
    if (b == null) {
      b = Bytes.allocateDirect(BUFFER_SIZE);
      b.singleThreadedCheckDisabled(true);
    }
    int headroom = Math.max(inner.headroom(), 64);
    b.clear();
    b.writePosition(headroom);
    b.write(packet, packet.readPosition(), packet.readLimit() - packet.readPosition());
    b.readPosition(headroom);
    return b;
  }

  private void runScheduler() {
    while (!closed) {
      Pending due;
      lock.lock();
      try {
        due = queue.peek();
        long wait = due == null ? TimeUnit.SECONDS.toNanos(1) : due.departure - nanoClock.getAsLong();
        if (wait > 0) {
          changed.awaitNanos(wait);
          continue;
        }
        queue.poll();
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      deliver(due);
    }
  }

  private void deliver(Pending due) {
    try {
      sendNow(due.local, due.remote, due.packet);
    } catch (IOException | RuntimeException e) {
      counters.dropped.incrementAndGet();
      LOG.warn("delayed send from {} to {} failed: {}", due.local, due.remote, e.toString());
    }
    lock.lock();
    try {
      if (pool.size() < POOL_LIMIT) {
        pool.add(due.packet);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Returns the packets waiting for their departure time. */
  public int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean receive(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    return inner.receive(buffer, into);
  }

  @Override
  public void wakeup() {
    inner.wakeup();
  }

  @Override
  public void clearWakeup() {
    inner.clearWakeup();
  }

  /** Returns this decorator's counters: sent to the inner link, and dropped by impairment. */
  @Override
  public LinkCounters counters() {
    return counters;
  }

  public Link inner() {
    return inner;
  }

  /** Returns whether the scheduler thread is still running. */
  boolean schedulerAlive() {
    return scheduler.isAlive();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.interrupt();
    try {
      scheduler.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      counters.dropped.addAndGet(queue.size());
      queue.clear();
    } finally {
      lock.unlock();
    }
    inner.close();
  }
}
