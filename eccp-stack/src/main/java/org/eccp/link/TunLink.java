package org.eccp.link;

import java.io.IOException;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.tun.TunDevice;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;

/**
 * ECCP-in-IP packets through a TUN device. A sent packet gets an IPv4 or IPv6 header and is
 * written to the device, so the kernel receives it as if it came in on that interface. Packets
 * that the kernel routes into the device are read, and those of the ECCP protocol number are
 * returned; others are counted as foreign and skipped. ICMP and ICMPv6 echo requests to one of
 * the link's own addresses are answered in the receive path: the reply is written back into the
 * device, counted in {@link LinkCounters#echoReplies()}, and not returned.
 */
public final class TunLink implements Link {
  private final TunDevice device;
  private final boolean ownsDevice;
  private final IpFraming sendFraming;
  private final IpFraming receiveFraming;
  private final LinkCounters counters = new LinkCounters();
  private final IcmpEchoResponder echo;

  /**
   * Uses {@code device}; when {@code ownsDevice} is true, {@link #close()} closes it too. Sends
   * no echo replies.
   */
  public TunLink(TunDevice device, boolean ownsDevice, Encapsulation encapsulation) {
    this(device, ownsDevice, encapsulation, List.of());
  }

  /**
   * Like {@link #TunLink(TunDevice, boolean, Encapsulation)}, and replies to ICMP and ICMPv6 echo
   * requests to {@code ownAddresses}, the stack's addresses that the kernel routes into the
   * device.
   */
  public TunLink(TunDevice device, boolean ownsDevice, Encapsulation encapsulation,
      List<IpAddress> ownAddresses) {
    this.echo = new IcmpEchoResponder(ownAddresses);
    this.device = device;
    this.ownsDevice = ownsDevice;
    this.sendFraming = new IpFraming(encapsulation.ipProtocol(), encapsulation.hopLimit());
    this.receiveFraming = new IpFraming(encapsulation.ipProtocol(), encapsulation.hopLimit());
  }

  public TunDevice device() {
    return device;
  }

  /** Returns the IPv6 header length, the larger of the two headers the link may write. */
  @Override
  public int headroom() {
    return IpFraming.headroom(true);
  }

  @Override
  public void send(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException {
    long payload = packet.readPosition();
    long start = sendFraming.prepend(packet, local, remote);
    packet.readPosition(start);
    try {
      if (device.write(packet) < 0) {
        counters.dropped.incrementAndGet();
        return;
      }
    } finally {
      packet.readPosition(payload);
    }
    counters.sent.incrementAndGet();
  }

  @Override
  public boolean receive(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    while (true) {
      int n = device.read(buffer, 0);
      if (n < 0) {
        return false;
      }
      int verdict = echo.answer(buffer, 0, n);
      if (verdict == IcmpEchoResponder.REPLY) {
        reply(buffer);
        continue;
      }
      if (verdict == IcmpEchoResponder.MALFORMED) {
        counters.malformed.incrementAndGet();
        continue;
      }
      if (receiveFraming.unwrap(buffer, 0, n, into, counters)) {
        counters.received.incrementAndGet();
        return true;
      }
    }
  }

  private void reply(Bytes<?> buffer) throws IOException {
    buffer.readPosition(0);
    buffer.readLimit(IcmpEchoResponder.replyLength(buffer, 0));
    if (device.write(buffer) < 0) {
      counters.dropped.incrementAndGet();
    } else {
      counters.echoReplies.incrementAndGet();
    }
  }

  @Override
  public void wakeup() {
    device.wakeup();
  }

  @Override
  public void clearWakeup() {
    device.clearWakeup();
  }

  @Override
  public LinkCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    if (ownsDevice) {
      device.close();
    } else {
      device.wakeup();
    }
  }
}
