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
 * ECCP in UDP on one port (7400 by default) on both ends, through one socket bound to the
 * wildcard address, so one link serves every local address.
 *
 * <p>The kernel writes the IP and UDP headers. The source address of each packet is chosen per
 * send with an IP_PKTINFO control message, and the destination address of each received packet
 * is read from the IP_PKTINFO message that the kernel adds.
 *
 * <p>NOTE: IPv4 only; an IPv6 socket with IPV6_PKTINFO is not written yet, and {@link #send}
 * rejects IPv6.
 */
public final class UdpLink implements Link {
  private static final Logger LOG = LoggerFactory.getLogger(UdpLink.class);
  /** Where received payloads start: room for an IPv4 and a UDP header in front of them. */
  static final int RECEIVE_OFFSET = 28;
  // struct cmsghdr is 16 bytes (LP64); struct in_pktinfo has ifindex, spec_dst, addr (12 bytes).
  private static final int CMSG_HEADER = 16;
  private static final int PKTINFO_CMSG_LEN = CMSG_HEADER + 12;
  private static final int PKTINFO_CMSG_SPACE = 32;

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

  /** Opens a UDP socket on {@code port} of every IPv4 address of the calling thread's namespace. */
  public static UdpLink open(int port) throws IOException {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("invalid UDP port " + port + ": use 1..65535, e.g. 7400");
    }
    int fd = Syscalls.socket(Linux.AF_INET, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
    try {
      Syscalls.setsockopt(fd, Linux.SOL_SOCKET, Linux.SO_REUSEADDR, 1);
      Syscalls.setsockopt(fd, Linux.IPPROTO_IP, Linux.IP_PKTINFO, 1);
      Syscalls.bind(fd, SockAddr.inet4(0, port));
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
    if (local.isV6() || remote.isV6()) {
      throw new IllegalArgumentException("the UDP link sends IPv4 only, not " + remote);
    }
    long start = packet.readPosition();
    destination.setInet4(remote.v4Bits(), port);
    sendHeader.set(packet.addressForRead(start), packet.readLimit() - start, destination);
    NativeMemory m = sendHeader.memory();
    int c = sendHeader.control();
    m.putLong(c, PKTINFO_CMSG_LEN);
    m.putInt(c + 8, Linux.IPPROTO_IP);
    m.putInt(c + 12, Linux.IP_PKTINFO);
    m.putInt(c + CMSG_HEADER, 0);
    m.putInt(c + CMSG_HEADER + 4, Integer.reverseBytes(local.v4Bits()));
    m.putInt(c + CMSG_HEADER + 8, 0);
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
      int local = pktinfoDestination();
      if ((receiveHeader.flags() & Linux.MSG_TRUNC) != 0 || local == 0) {
        counters.malformed.incrementAndGet();
        continue;
      }
      sender.setLengthFrom(receiveHeader);
      IpFraming.point(buffer, RECEIVE_OFFSET, n);
      into.set(IpAddress.v4(sender.inet4Address()), IpAddress.v4(local));
      counters.received.incrementAndGet();
      return true;
    }
  }

  /** Returns the header destination address from the IP_PKTINFO message, or 0 if absent. */
  private int pktinfoDestination() {
    NativeMemory m = receiveHeader.memory();
    int base = receiveHeader.control();
    int length = receiveHeader.controlLength();
    int at = 0;
    while (at + CMSG_HEADER <= length) {
      long cmsgLength = m.getLong(base + at);
      if (cmsgLength < CMSG_HEADER || at + cmsgLength > length) {
        return 0;
      }
      if (m.getInt(base + at + 8) == Linux.IPPROTO_IP && m.getInt(base + at + 12) == Linux.IP_PKTINFO
          && cmsgLength >= PKTINFO_CMSG_LEN) {
        return Integer.reverseBytes(m.getInt(base + at + CMSG_HEADER + 8));
      }
      at += (int) ((cmsgLength + 7) & ~7L);
    }
    return 0;
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
