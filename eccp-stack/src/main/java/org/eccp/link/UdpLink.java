package org.eccp.link;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.MsgHdr;
import org.eccp.nativ.NativeMemory;
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
public final class UdpLink implements Link {
  private static final Logger LOG = LoggerFactory.getLogger(UdpLink.class);
  /** Offset of received payloads: room for an IPv4 and a UDP header in front of them. */
  static final int RECEIVE_OFFSET = 28;
  /** cmsg_len of an IPV6_PKTINFO record: struct in6_pktinfo is the address, then the ifindex. */
  private static final int PKTINFO_CMSG_LEN = ControlMessages.HEADER + 20;
  private static final int PKTINFO_CMSG_SPACE = 40;
  private static final long MAPPED_PREFIX = 0xffffL << 32;

  private final WakeableFd socket;
  private final int port;
  private final MsgHdr sendHeader = new MsgHdr();
  private final MsgHdr receiveHeader = new MsgHdr();
  private final SockAddr destination = new SockAddr();
  private final SockAddr sender = new SockAddr();
  private final LinkCounters counters = new LinkCounters();

  private UdpLink(WakeableFd socket, int port) {
    this.socket = socket;
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
    NativeMemory m = sendHeader.memory();
    int c = sendHeader.control();
    m.putLong(c, PKTINFO_CMSG_LEN);
    m.putInt(c + 8, Linux.IPPROTO_IPV6);
    m.putInt(c + 12, Linux.IPV6_PKTINFO);
    m.putLong(c + ControlMessages.HEADER, Long.reverseBytes(high(local)));
    m.putLong(c + ControlMessages.HEADER + 8, Long.reverseBytes(low(local)));
    m.putInt(c + ControlMessages.HEADER + 16, 0);
    sendHeader.useControl(PKTINFO_CMSG_SPACE);
    if (socket.sendmsg(sendHeader.address()) < 0) {
      counters.dropped.incrementAndGet();
      return;
    }
    counters.sent.incrementAndGet();
  }

  @Override
  public boolean receive(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    int capacity = (int) Math.min(buffer.realCapacity() - RECEIVE_OFFSET, 65535);
    while (true) {
      receiveHeader.prepareReceive(buffer.addressForWrite(RECEIVE_OFFSET), capacity, sender, true);
      int n = socket.recvmsg(receiveHeader.address());
      if (n < 0) {
        return false;
      }
      int at = pktinfo();
      if ((receiveHeader.flags() & Linux.MSG_TRUNC) != 0 || at < 0) {
        counters.malformed.incrementAndGet();
        continue;
      }
      NativeMemory m = receiveHeader.memory();
      IpAddress local = address(Long.reverseBytes(m.getLong(at)), Long.reverseBytes(m.getLong(at + 8)));
      IpAddress remote = address(sender.inet6High(), sender.inet6Low());
      IpFraming.point(buffer, RECEIVE_OFFSET, n);
      into.set(remote, local);
      counters.received.incrementAndGet();
      return true;
    }
  }

  /** Returns the offset of the in6_pktinfo data in the control buffer, or -1 if absent. */
  private int pktinfo() {
    return ControlMessages.find(receiveHeader, Linux.IPPROTO_IPV6, Linux.IPV6_PKTINFO,
        PKTINFO_CMSG_LEN);
  }

  private static long high(IpAddress a) {
    return a.isV6() ? a.high() : 0;
  }

  private static long low(IpAddress a) {
    return a.isV6() ? a.low() : MAPPED_PREFIX | (a.v4Bits() & 0xffffffffL);
  }

  /** Converts a socket address to an IpAddress, unmapping ::ffff:a.b.c.d to IPv4. */
  private static IpAddress address(long high, long low) {
    if (high == 0 && (low >>> 32) == 0xffffL) {
      return IpAddress.v4((int) low);
    }
    return IpAddress.v6(high, low);
  }

  @Override
  public void wakeup() {
    socket.wakeup();
  }

  @Override
  public void clearWakeup() {
    socket.clearWakeup();
  }

  @Override
  public LinkCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    socket.close();
  }
}
