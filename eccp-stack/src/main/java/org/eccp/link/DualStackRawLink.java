package org.eccp.link;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.NativeException;
import org.eccp.nativ.WakeableFd;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;
import org.eccp.wire.Ipv6Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECCP directly in IPv4 and in IPv6 under its own protocol number, as one link: a
 * {@link RawIpLink} and a {@link RawIp6Link} with shared counters. A send goes out on the link of
 * the addresses' family. One receiving thread waits on both sockets with one poll(2) and takes
 * the families in turn when both have packets queued, so neither starves the other. Like the
 * single links, a woken link still returns the packets that are already queued.
 *
 * <p>When the kernel has no IPv6 (socket(2) fails with EAFNOSUPPORT), the link runs on IPv4
 * alone and rejects IPv6 sends.
 */
public final class DualStackRawLink implements Link {
  private static final Logger LOG = LoggerFactory.getLogger(DualStackRawLink.class);

  private final LinkCounters counters;
  private final RawIpLink v4;
  /** The IPv6 half, or null when the kernel has no IPv6. */
  private final RawIp6Link v6;
  /** The family that the next receive checks first (true for IPv6); receiving thread only. */
  private boolean v6First;

  private DualStackRawLink(LinkCounters counters, RawIpLink v4, RawIp6Link v6) {
    this.counters = counters;
    this.v4 = v4;
    this.v6 = v6;
  }

  /** Opens both raw sockets in the calling thread's network namespace. */
  public static DualStackRawLink open(Encapsulation encapsulation) throws IOException {
    LinkCounters counters = new LinkCounters();
    RawIpLink v4 = RawIpLink.open(encapsulation, counters);
    RawIp6Link v6;
    try {
      v6 = RawIp6Link.open(encapsulation, counters);
    } catch (NativeException e) {
      if (e.errno() != Linux.EAFNOSUPPORT) {
        v4.close();
        throw e;
      }
      LOG.warn("IPv6 is not available ({}); the raw IP link carries IPv4 only", e.getMessage());
      v6 = null;
    } catch (IOException | RuntimeException e) {
      v4.close();
      throw e;
    }
    return new DualStackRawLink(counters, v4, v6);
  }

  /** Returns whether the link can send and receive IPv6. */
  public boolean hasIpv6() {
    return v6 != null;
  }

  /** Returns the IPv6 header length, the larger of the two headers the link writes. */
  @Override
  public int headroom() {
    return Ipv6Header.LENGTH;
  }

  @Override
  public void send(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException {
    if (!remote.isV6()) {
      v4.send(local, remote, packet);
    } else if (v6 != null) {
      v6.send(local, remote, packet);
    } else {
      throw new IllegalArgumentException("cannot send to " + remote
          + ": IPv6 is not available in this network namespace");
    }
  }

  /** Sends IPv4 batches with the IPv4 link's sendmmsg(2); IPv6 packets one at a time. */
  @Override
  public int sendBatch(IpAddress local, IpAddress remote, Bytes<?> buffer, PacketBatch batch,
      int from) throws IOException {
    if (!remote.isV6()) {
      return v4.sendBatch(local, remote, buffer, batch, from);
    }
    return Link.super.sendBatch(local, remote, buffer, batch, from);
  }

  @Override
  public boolean receive(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    if (v6 == null) {
      return v4.receive(buffer, into);
    }
    while (true) {
      // Try both sockets without waiting first: while packets arrive, that is one system call
      // per packet, and poll(2) only runs when both queues are empty.
      if (receiveQueued(v6First, buffer, into)) {
        v6First = !v6First;
        return true;
      }
      if (receiveQueued(!v6First, buffer, into)) {
        return true;
      }
      if (WakeableFd.awaitReadable(v4.socket, v6.socket) < 0) {
        return false;
      }
    }
  }

  private boolean receiveQueued(boolean fromV6, Bytes<?> buffer, ReceivedPacket into)
      throws IOException {
    return fromV6 ? v6.receiveQueued(buffer, into) : v4.receiveQueued(buffer, into);
  }

  @Override
  public void wakeup() {
    v4.wakeup();
    if (v6 != null) {
      v6.wakeup();
    }
  }

  @Override
  public void clearWakeup() {
    v4.clearWakeup();
    if (v6 != null) {
      v6.clearWakeup();
    }
  }

  @Override
  public LinkCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    v4.close();
    if (v6 != null) {
      v6.close();
    }
  }
}
