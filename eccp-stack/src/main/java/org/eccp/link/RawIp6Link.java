package org.eccp.link;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.SockAddr;
import org.eccp.nativ.Syscalls;
import org.eccp.nativ.WakeableFd;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;
import org.eccp.wire.Ipv6Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECCP directly in IPv6 under its own protocol number (253 by default), through a raw IPv6
 * socket. Sending sets IPV6_HDRINCL (Linux 4.5 and later), so the link writes the whole IPv6
 * header and each packet carries the source address the caller chose.
 *
 * <p>Unlike IPv4, a raw IPv6 socket returns only the payload. The source comes from the socket
 * address and the destination from the IPV6_PKTINFO message that IPV6_RECVPKTINFO turns on.
 * Received payloads are placed {@link #RECEIVE_OFFSET} bytes into the buffer, where the IPv6
 * header would end.
 */
public final class RawIp6Link extends SocketLink {
  private static final Logger LOG = LoggerFactory.getLogger(RawIp6Link.class);
  /** Offset of received payloads: room for an IPv6 header in front of them. */
  static final int RECEIVE_OFFSET = Ipv6Header.LENGTH;

  private final IpFraming framing;
  private final SockAddr destination = new SockAddr();

  private RawIp6Link(WakeableFd socket, int protocol, int hopLimit, LinkCounters counters) {
    super(socket, counters);
    this.framing = new IpFraming(protocol, hopLimit);
  }

  /** Opens a raw IPv6 socket for ECCP in the calling thread's network namespace. */
  public static RawIp6Link open(Encapsulation encapsulation) throws IOException {
    return open(encapsulation, new LinkCounters());
  }

  /** Opens the link like {@link #open(Encapsulation)}, counting into {@code counters}. */
  static RawIp6Link open(Encapsulation encapsulation, LinkCounters counters) throws IOException {
    int protocol = encapsulation.ipProtocol();
    int fd = Syscalls.socket(Linux.AF_INET6, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC, protocol);
    try {
      Syscalls.setsockopt(fd, Linux.IPPROTO_IPV6, Linux.IPV6_HDRINCL, 1);
      Syscalls.setReceiveBuffer(fd, Link.RECEIVE_BUFFER_BYTES);
      Syscalls.setsockopt(fd, Linux.IPPROTO_IPV6, Linux.IPV6_RECVPKTINFO, 1);
    } catch (IOException e) {
      Syscalls.close(fd);
      throw e;
    }
    WakeableFd socket = WakeableFd.wrap(fd, "raw IPv6 socket, protocol " + protocol);
    LOG.info("opened raw IPv6 link for protocol {}", protocol);
    return new RawIp6Link(socket, protocol, encapsulation.hopLimit(), counters);
  }

  @Override
  public int headroom() {
    return Ipv6Header.LENGTH;
  }

  @Override
  public void send(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException {
    if (!local.isV6() || !remote.isV6()) {
      throw new IllegalArgumentException("the raw IPv6 link sends IPv6 only, not " + remote);
    }
    long start = framing.prepend(packet, local, remote);
    destination.setInet6(remote.high(), remote.low(), 0, 0);
    countedSendto(packet.addressForRead(start), (int) (packet.readLimit() - start), destination);
  }

  @Override
  public boolean receive(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    return receiveWithPktinfo(buffer, RECEIVE_OFFSET, into);
  }

  /**
   * Receives like {@link #receive} without waiting: returns true for a packet, false when no
   * datagram is queued.
   */
  boolean receiveQueued(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    return receiveQueuedWithPktinfo(buffer, RECEIVE_OFFSET, into);
  }
}
