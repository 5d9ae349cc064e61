package org.eccp.link;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link decorator that impairs sent packets in user space (delay, jitter, loss, duplication,
 * reordering, rate), because the kernel it was built for has no netem qdisc. Each packet gets the
 * impairment of the network its local (source) address is on, chosen by a {@link Networks}; the
 * settings come from that network's {@link ImpairmentFile}. Received packets pass through.
 *
 * <p>A packet that leaves at once is sent on the caller's thread. A delayed one is copied into a
 * pooled buffer and waits in a queue that an event loop drains: the loop calls {@link #sendDue}
 * and waits no longer than {@link #nextDeparture}. The {@code wakeLoop} callback signals that
 * the next departure moved earlier. So no thread sleeps on a delay. Sends to the inner link are
 * serialized. A packet whose network has no impairment is sent without a copy or an allocation,
 * after one map lookup and one look at the network's settings. {@link #close()} drops the
 * packets still waiting (counted as dropped) and closes the inner link.
 */
public final class ImpairedLink implements Link {
  private static final Logger LOG = LoggerFactory.getLogger(ImpairedLink.class);
  private static final int BUFFER_SIZE = 65536 + 128;
  private static final int POOL_LIMIT = 256;

  /** Chooses the impairment of a packet by its local address. */
  @FunctionalInterface
  public interface Networks {
    /** Returns the network that {@code local} is on, or null for no impairment. */
    NetworkImpairment of(IpAddress local);
  }

  private final Link inner;
  private final Networks networks;
  private final LongSupplier nanoClock;
  private final Runnable wakeLoop;
  private final Impairer.Decision decision = new Impairer.Decision();
  private final ReentrantLock lock = new ReentrantLock();
  private final PriorityQueue<Pending> queue = new PriorityQueue<>();
  private final ArrayDeque<Bytes<?>> pool = new ArrayDeque<>();
  private final Object sendLock = new Object();
  private final AtomicLong delayed = new AtomicLong();
  private final AtomicLong duplicated = new AtomicLong();
  private long sequence;
  private volatile long nextDeparture = Long.MAX_VALUE;
  private volatile boolean closed;

  private record Pending(long departure, long sequence, IpAddress local, IpAddress remote,
      Bytes<?> packet) implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      int c = Long.compare(departure - o.departure, 0);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  /**
   * Wraps {@code inner}. {@code nanoClock} is normally {@code System::nanoTime}; {@code wakeLoop}
   * is called, on the sending thread, when a delayed packet becomes the first to leave.
   */
  public ImpairedLink(Link inner, Networks networks, LongSupplier nanoClock, Runnable wakeLoop) {
    this.inner = inner;
    this.networks = networks;
    this.nanoClock = nanoClock;
    this.wakeLoop = wakeLoop;
  }

  /** Wraps {@code inner} so that every packet gets the impairment in {@code file}. */
  public ImpairedLink(Link inner, ImpairmentFile file, LongSupplier nanoClock, Runnable wakeLoop) {
    this(inner, singleNetwork(file), nanoClock, wakeLoop);
  }

  private static Networks singleNetwork(ImpairmentFile file) {
    NetworkImpairment only = new NetworkImpairment(file.path().toString(), file);
    return local -> only;
  }

  @Override
  public int headroom() {
    return inner.headroom();
  }

  @Override
  public void send(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException {
    if (closed) {
      inner.counters().dropped.incrementAndGet();
      return;
    }
    NetworkImpairment network = networks.of(local);
    if (network == null) {
      sendNow(local, remote, packet);
      return;
    }
    Impairment settings = network.file().current();
    if (settings.isNone()) {
      sendNow(local, remote, packet);
      return;
    }
    long now = nanoClock.getAsLong();
    int sendNow = 0;
    boolean wake = false;
    lock.lock();
    try {
      if (closed) {
        inner.counters().dropped.incrementAndGet();
        return;
      }
      int length = (int) (packet.readLimit() - packet.readPosition());
      Impairer.Decision d = network.decide(settings, now, length, decision);
      for (int i = 0; i < d.copies(); i++) {
        if (d.departure(i) - now > 0) {
          wake |= enqueue(d.departure(i), local, remote, packet);
        } else {
          sendNow++;
        }
      }
      count(d.copies());
    } finally {
      lock.unlock();
    }
    if (wake) {
      wakeLoop.run();
    }
    for (int i = 0; i < sendNow; i++) {
      sendNow(local, remote, packet);
    }
  }

  private void count(int copies) {
    if (copies == 0) {
      inner.counters().dropped.incrementAndGet();
    } else if (copies == 2) {
      duplicated.incrementAndGet();
    }
  }

  /** Queues a copy of the packet; true when it is now the first to leave. Needs the lock. */
  private boolean enqueue(long departure, IpAddress local, IpAddress remote, Bytes<?> packet) {
    queue.add(new Pending(departure, sequence++, local, remote, copy(packet)));
    delayed.incrementAndGet();
    long first = queue.peek().departure;
    boolean earlier = first != nextDeparture;
    nextDeparture = first;
    return earlier;
  }

  /**
   * Hands the batch to the inner link whole when the local address's network has no impairment
   * now, so that its batching (sendmmsg, UDP GSO) still works in a lab; else sends packet by
   * packet through {@link #send}.
   */
  @Override
  public int sendBatch(IpAddress local, IpAddress remote, Bytes<?> buffer, PacketBatch batch,
      int from) throws IOException {
    NetworkImpairment network = networks.of(local);
    if (!closed && (network == null || network.file().current().isNone())) {
      synchronized (sendLock) {
        return inner.sendBatch(local, remote, buffer, batch, from);
      }
    }
    return Link.super.sendBatch(local, remote, buffer, batch, from);
  }

  private void sendNow(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException {
    synchronized (sendLock) {
      inner.send(local, remote, packet);
    }
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

  /**
   * Returns when the first delayed packet is due, on the link's clock, or {@link Long#MAX_VALUE}
   * when none waits. Safe from any thread, without a lock.
   */
  public long nextDeparture() {
    return nextDeparture;
  }

  /** Sends every delayed packet that is due at {@code now} and returns how many it sent. */
  public int sendDue(long now) {
    int sent = 0;
    while (nextDeparture != Long.MAX_VALUE && nextDeparture - now <= 0) {
      Pending due;
      lock.lock();
      try {
        due = queue.peek();
        if (due == null || due.departure - now > 0) {
          break;
        }
        queue.poll();
        Pending next = queue.peek();
        nextDeparture = next == null ? Long.MAX_VALUE : next.departure;
      } finally {
        lock.unlock();
      }
      deliver(due);
      sent++;
    }
    return sent;
  }

  private void deliver(Pending due) {
    try {
      sendNow(due.local, due.remote, due.packet);
    } catch (IOException | RuntimeException e) {
      inner.counters().dropped.incrementAndGet();
      LOG.debug("delayed send from {} to {} failed: {}", due.local, due.remote, e.toString());
    }
    lock.lock();
    try {
      if (pool.size() < POOL_LIMIT && !closed) {
        pool.add(due.packet);
        return;
      }
    } finally {
      lock.unlock();
    }
    due.packet.releaseLast();
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

  /** Returns the packets that waited in the queue (each delayed copy counts once). */
  public long delayed() {
    return delayed.get();
  }

  /** Returns the packets that were sent twice. */
  public long duplicated() {
    return duplicated.get();
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

  /**
   * Returns the inner link's counters: {@code sent} counts the packets that really left,
   * duplicates included, and {@code dropped} includes the packets dropped by impairment.
   */
  @Override
  public LinkCounters counters() {
    return inner.counters();
  }

  public Link inner() {
    return inner;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    lock.lock();
    try {
      inner.counters().dropped.addAndGet(queue.size());
      for (Pending p : queue) {
        p.packet.releaseLast();
      }
      queue.clear();
      nextDeparture = Long.MAX_VALUE;
      for (Bytes<?> b : pool) {
        b.releaseLast();
      }
      pool.clear();
    } finally {
      lock.unlock();
    }
    inner.close();
  }
}
