package org.eccp.link;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A link decorator that shows every ECCP packet sent and received to a {@link Tap}, for example
 * a pcap writer, before the packet goes on. The tap runs on the sending or receiving thread.
 */
public final class TappedLink implements Link {
  private static final Logger LOG = LoggerFactory.getLogger(TappedLink.class);

  /** Sees packets in place; must not keep the buffer after returning. */
  @FunctionalInterface
  public interface Tap {
    /**
     * Sees the ECCP packet between the read position and read limit of {@code packet}.
     *
     * @param outbound true for a sent packet, false for a received one
     * @param local the local address (source when sent, destination when received)
     * @param remote the peer's address
     */
    void onPacket(boolean outbound, IpAddress local, IpAddress remote, Bytes<?> packet);
  }

  private final Link inner;
  private final Tap tap;
  private final AtomicLong tapFailures = new AtomicLong();

  public TappedLink(Link inner, Tap tap) {
    this.inner = inner;
    this.tap = tap;
  }

  @Override
  public int headroom() {
    return inner.headroom();
  }

  @Override
  public void send(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException {
    show(true, local, remote, packet);
    inner.send(local, remote, packet);
  }

  @Override
  public boolean receive(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    if (!inner.receive(buffer, into)) {
      return false;
    }
    show(false, into.destination(), into.source(), buffer);
    return true;
  }

  private void show(boolean outbound, IpAddress local, IpAddress remote, Bytes<?> packet) {
    long position = packet.readPosition();
    long limit = packet.readLimit();
    try {
      tap.onPacket(outbound, local, remote, packet);
    } catch (RuntimeException e) {
      if (tapFailures.getAndIncrement() == 0) {
        LOG.error("packet tap failed; later failures are only counted", e);
      }
    } finally {
      packet.readLimit(limit);
      packet.readPosition(position);
    }
  }

  /** Returns how many times the tap threw. */
  public long tapFailures() {
    return tapFailures.get();
  }

  @Override
  public void wakeup() {
    inner.wakeup();
  }

  @Override
  public void clearWakeup() {
    inner.clearWakeup();
  }

  @Override
  public LinkCounters counters() {
    return inner.counters();
  }

  @Override
  public void close() {
    inner.close();
  }
}
