package org.eccp.link;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.tun.TunDevice;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;

/**
 * ECCP-in-IP packets through a TUN device: a sent packet gets an IPv4 or IPv6 header and is
 * written to the device, so the kernel receives it as if it came in on that interface; packets
 * the kernel routes into the device are read, and those of the ECCP protocol number are
 * returned. Other packets read from the device are counted as foreign and skipped.
 */
public final class TunLink implements Link {
  private final TunDevice device;
  private final boolean ownsDevice;
  private final IpFraming sendFraming;
  private final IpFraming receiveFraming;
  private final LinkCounters counters = new LinkCounters();

  /**
   * Uses {@code device}; when {@code ownsDevice} is true, {@link #close()} closes it too.
   */
  public TunLink(TunDevice device, boolean ownsDevice, Encapsulation encapsulation) {
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
      if (receiveFraming.unwrap(buffer, 0, n, into, counters)) {
        counters.received.incrementAndGet();
        return true;
      }
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
