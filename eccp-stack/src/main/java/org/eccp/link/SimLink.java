package org.eccp.link;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.IpAddress;

/**
 * A link over an in-memory network, for simulations and tests that run the engine without the
 * kernel: the engine cannot tell it from the socket and TUN links. {@link #send} copies the ECCP
 * packet out of the off-heap buffer and hands it with its addresses to a {@link Delivery};
 * {@link #enqueue} queues a packet that {@link #receive} then returns. A {@link Fabric} connects
 * links by address. Sending and receiving may happen on different threads.
 */
public final class SimLink implements Link {
  /** Takes a sent packet: the bytes are a copy that the receiver may keep. */
  @FunctionalInterface
  public interface Delivery {
    void deliver(IpAddress source, IpAddress destination, byte[] packet);
  }

  /** An in-memory network: delivers each packet to the link that owns its destination. */
  public static final class Fabric implements Delivery {
    private final Map<IpAddress, SimLink> owners = new HashMap<>();
    private long unroutable;

    /** Returns a new link on this fabric that owns {@code addresses}. */
    public synchronized SimLink attach(IpAddress... addresses) {
      SimLink link = new SimLink(this);
      for (IpAddress a : addresses) {
        owners.put(a, link);
      }
      return link;
    }

    @Override
    public void deliver(IpAddress source, IpAddress destination, byte[] packet) {
      SimLink owner;
      synchronized (this) {
        owner = owners.get(destination);
        if (owner == null) {
          unroutable++;
          return;
        }
      }
      owner.enqueue(source, destination, packet);
    }

    /** Returns the packets sent to an address that no link owns. */
    public synchronized long unroutable() {
      return unroutable;
    }
  }

  private record Queued(IpAddress source, IpAddress destination, byte[] packet) {}

  private final Delivery delivery;
  private final LinkCounters counters = new LinkCounters();
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private boolean woken;
  private boolean closed;

  /** Hands every sent packet to {@code delivery}. */
  public SimLink(Delivery delivery) {
    this.delivery = delivery;
  }

  /** Returns 0: the link writes no outer header. */
  @Override
  public int headroom() {
    return 0;
  }

  @Override
  public void send(IpAddress local, IpAddress remote, Bytes<?> packet) {
    synchronized (this) {
      if (closed) {
        counters.dropped.incrementAndGet();
        return;
      }
    }
    long start = packet.readPosition();
    byte[] copy = new byte[(int) (packet.readLimit() - start)];
    packet.read(start, copy, 0, copy.length);
    counters.sent.incrementAndGet();
    delivery.deliver(local, remote, copy);
  }

  /** Queues a packet for {@link #receive}; a closed link drops it. */
  public synchronized void enqueue(IpAddress source, IpAddress destination, byte[] packet) {
    if (closed) {
      counters.dropped.incrementAndGet();
      return;
    }
    queue.add(new Queued(source, destination, packet));
    notifyAll();
  }

  /** Returns the number of packets queued and not yet received. */
  public synchronized int queued() {
    return queue.size();
  }

  @Override
  public boolean receive(Bytes<?> buffer, ReceivedPacket into) {
    Queued q;
    synchronized (this) {
      while (queue.isEmpty() && !woken && !closed) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      if (woken || closed) {
        return false;
      }
      q = queue.poll();
    }
    buffer.clear();
    buffer.write(q.packet());
    into.set(q.source(), q.destination());
    counters.received.incrementAndGet();
    return true;
  }

  @Override
  public synchronized void wakeup() {
    woken = true;
    notifyAll();
  }

  @Override
  public synchronized void clearWakeup() {
    woken = false;
  }

  @Override
  public LinkCounters counters() {
    return counters;
  }

  @Override
  public synchronized void close() {
    closed = true;
    queue.clear();
    notifyAll();
  }
}
