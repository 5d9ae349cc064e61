package org.eccp.link;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.SockAddr;
import org.eccp.nativ.Syscalls;
import org.eccp.nativ.WakeableFd;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECCP directly in IPv4 under its own protocol number (253 by default), through a raw socket
 * with IP_HDRINCL: the link writes the whole IPv4 header, so each packet carries the source
 * address the caller chose.
 *
 * <p>The raw socket receives every packet of that protocol that reaches the calling thread's
 * network namespace, with its IPv4 header, so one link serves all local addresses.
 *
 * <p>IPv4 only: {@link RawIp6Link} is its IPv6 counterpart.
 */
public final class RawIpLink extends SocketLink {
  private static final Logger LOG = LoggerFactory.getLogger(RawIpLink.class);

  private final IpFraming sendFraming;
  private final IpFraming receiveFraming;
  private final SockAddr destination = new SockAddr();

  private RawIpLink(WakeableFd socket, int protocol, int hopLimit, LinkCounters counters) {
    super(socket, counters);
    this.sendFraming = new IpFraming(protocol, hopLimit);
    this.receiveFraming = new IpFraming(protocol, hopLimit);
  }

  /** Opens a raw IPv4 socket for ECCP in the calling thread's network namespace. */
  public static RawIpLink open(Encapsulation encapsulation) throws IOException {
    return open(encapsulation, new LinkCounters());
  }

  /** Opens the link like {@link #open(Encapsulation)}, counting into {@code counters}. */
  static RawIpLink open(Encapsulation encapsulation, LinkCounters counters) throws IOException {
    int protocol = encapsulation.ipProtocol();
    int fd = Syscalls.socket(Linux.AF_INET, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, protocol);
    try {
      Syscalls.setsockopt(fd, Linux.IPPROTO_IP, Linux.IP_HDRINCL, 1);
      Syscalls.setReceiveBuffer(fd, Link.RECEIVE_BUFFER_BYTES);
    } catch (IOException e) {
      Syscalls.close(fd);
      throw e;
    }
    WakeableFd socket = WakeableFd.wrap(fd, "raw IP socket, protocol " + protocol);
    LOG.info("opened raw IP link for protocol {}", protocol);
    return new RawIpLink(socket, protocol, encapsulation.hopLimit(), counters);
  }

  @Override
  public int headroom() {
    return IpFraming.headroom(false);
  }

  @Override
  public void send(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException {
    if (local.isV6() || remote.isV6()) {
      throw new IllegalArgumentException("the raw IP link sends IPv4 only, not " + remote);
    }
    long start = sendFraming.prepend(packet, local, remote);
    destination.setInet4(remote.v4Bits(), 0);
    countedSendto(packet.addressForRead(start), (int) (packet.readLimit() - start), destination);
  }

  @Override
  public boolean receive(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    int capacity = (int) Math.min(buffer.realCapacity(), 65535);
    while (true) {
      int n = socket.recvfrom(buffer.addressForWrite(0), capacity, null);
      if (n < 0) {
        return false;
      }
      if (receiveFraming.unwrap(buffer, 0, n, into, counters)) {
        counters.received.incrementAndGet();
        return true;
      }
    }
  }

  /**
   * Receives like {@link #receive} without waiting: skips invalid and foreign datagrams and
   * returns true for an ECCP packet, false when no datagram is queued.
   */
  boolean receiveQueued(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    while (true) {
      int n = receiveQueued(buffer);
      if (n < 0) {
        return false;
      }
      if (receiveFraming.unwrap(buffer, 0, n, into, counters)) {
        counters.received.incrementAndGet();
        return true;
      }
    }
  }
}
