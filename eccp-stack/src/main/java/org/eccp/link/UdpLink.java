package org.eccp.link;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.MsgHdr;
import org.eccp.nativ.SockAddr;
import org.eccp.nativ.Syscalls;
import org.eccp.nativ.WakeableFd;
import org.eccp.wire.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECCP in UDP on one port (7400 by default) on both ends, through one dual-stack IPv6 socket
 * bound to the wildcard address, so one link serves every local IPv4 and IPv6 address. IPv4
 * peers appear to the socket as IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}), which the
 * link converts both ways.
 *
 * <p>The kernel writes the IP and UDP headers. The source address of each packet is chosen per
 * send with an IPV6_PKTINFO control message (Linux accepts a mapped IPv4 source there), and the
 * destination address of each received packet is read from the IPV6_PKTINFO message that the
 * kernel adds.
 */
public final class UdpLink extends SocketLink {
  private static final Logger LOG = LoggerFactory.getLogger(UdpLink.class);
  /** Offset of received payloads: room for an IPv4 and a UDP header in front of them. */
  static final int RECEIVE_OFFSET = 28;

  private final int port;
  private final MsgHdr sendHeader = new MsgHdr();
  private final SockAddr destination = new SockAddr();

  private UdpLink(WakeableFd socket, int port) {
    super(socket);
    this.port = port;
  }

  /** Opens a UDP socket on {@code port} of every address of the calling thread's namespace. */
  public static UdpLink open(int port) throws IOException {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("invalid UDP port " + port + ": use 1..65535, e.g. 7400");
    }
    int fd = Syscalls.socket(Linux.AF_INET6, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
    try {
      Syscalls.setsockopt(fd, Linux.SOL_SOCKET, Linux.SO_REUSEADDR, 1);
      Syscalls.setReceiveBuffer(fd, Link.RECEIVE_BUFFER_BYTES);
      Syscalls.setsockopt(fd, Linux.IPPROTO_IPV6, Linux.IPV6_V6ONLY, 0);
      Syscalls.setsockopt(fd, Linux.IPPROTO_IPV6, Linux.IPV6_RECVPKTINFO, 1);
      Syscalls.bind(fd, SockAddr.inet6(0, 0, port, 0));
    } catch (IOException e) {
      Syscalls.close(fd);
      throw e;
    }
    LOG.info("opened UDP link on port {}", port);
    return new UdpLink(WakeableFd.wrap(fd, "UDP socket, port " + port), port);
  }

  public int port() {
    return port;
  }

  @Override
  public int headroom() {
    return 0;
  }

  @Override
  public void send(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException {
    if (local.isV6() != remote.isV6()) {
      throw new IllegalArgumentException(
          "local " + local + " and remote " + remote + " differ in address family");
    }
    long start = packet.readPosition();
    destination.setInet6(high(remote), low(remote), port, 0);
    sendHeader.set(packet.addressForRead(start), packet.readLimit() - start, destination);
    putPktinfo(sendHeader, local);
    countedSendmsg(sendHeader);
  }

  @Override
  public boolean receive(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    return receiveWithPktinfo(buffer, RECEIVE_OFFSET, into);
  }
}
