package org.eccp.link;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.MsgHdr;
import org.eccp.nativ.NativeMemory;
import org.eccp.nativ.SockAddr;
import org.eccp.nativ.WakeableFd;
import org.eccp.wire.IpAddress;

/**
 * The parts that the socket links share: the wakeable socket, the counters, counted sends, and
 * the receive path of IPv6 sockets that report each datagram's destination in IPV6_PKTINFO.
 */
abstract class SocketLink implements Link {
  /** cmsg_len of an IPV6_PKTINFO record: struct in6_pktinfo is the address, then the ifindex. */
  static final int PKTINFO_CMSG_LEN = ControlMessages.HEADER + 20;
  /** Space of one IPV6_PKTINFO record, padded to 8 bytes. */
  static final int PKTINFO_CMSG_SPACE = 40;
  private static final long MAPPED_PREFIX = 0xffffL << 32;

  final WakeableFd socket;
  final LinkCounters counters;
  private final MsgHdr receiveHeader = new MsgHdr();
  private final SockAddr sender = new SockAddr();

  SocketLink(WakeableFd socket) {
    this(socket, new LinkCounters());
  }

  /** Uses {@code counters}, which a link that combines several sockets shares among them. */
  SocketLink(WakeableFd socket, LinkCounters counters) {
    this.socket = socket;
    this.counters = counters;
  }

  /** Sends a datagram and counts it as sent, or as dropped when the link is closed. */
  final void countedSendto(long address, int length, SockAddr to) throws IOException {
    count(socket.sendto(address, length, to));
  }

  /** Sends a prepared message and counts it like {@link #countedSendto}. */
  final void countedSendmsg(MsgHdr header) throws IOException {
    count(socket.sendmsg(header.address()));
  }

  private void count(int result) {
    if (result < 0) {
      counters.dropped.incrementAndGet();
    } else {
      counters.sent.incrementAndGet();
    }
  }

  /**
   * Receives one datagram at {@code offset} of {@code buffer} with its source from the socket
   * address and its destination from IPV6_PKTINFO; IPv4-mapped addresses become IPv4. Skips and
   * counts truncated datagrams and those without the control message.
   *
   * @return true for a datagram, false when woken or closed
   */
  final boolean receiveWithPktinfo(Bytes<?> buffer, int offset, ReceivedPacket into)
      throws IOException {
    while (true) {
      int n = socket.recvmsg(prepareReceive(buffer, offset, true));
      if (n < 0) {
        return false;
      }
      if (acceptPktinfo(n, buffer, offset, into)) {
        return true;
      }
    }
  }

  /**
   * Receives like {@link #receiveWithPktinfo} but without waiting: skips invalid datagrams and
   * returns true for a valid one, false when no datagram is queued.
   */
  final boolean receiveQueuedWithPktinfo(Bytes<?> buffer, int offset, ReceivedPacket into)
      throws IOException {
    while (true) {
      int n = socket.tryRecvmsg(prepareReceive(buffer, offset, true));
      if (n < 0) {
        return false;
      }
      if (acceptPktinfo(n, buffer, offset, into)) {
        return true;
      }
    }
  }

  /**
   * Receives one queued datagram at offset 0 of {@code buffer} without waiting, with no control
   * messages; returns its length, or -1 when none is queued.
   */
  final int receiveQueued(Bytes<?> buffer) throws IOException {
    return socket.tryRecvmsg(prepareReceive(buffer, 0, false));
  }

  private long prepareReceive(Bytes<?> buffer, int offset, boolean withControl) {
    int capacity = (int) Math.min(buffer.realCapacity() - offset, 65535);
    return receiveHeader.prepareReceive(buffer.addressForWrite(offset), capacity, sender,
        withControl).address();
  }

  /** Checks a received datagram of {@code n} bytes; on success points the buffer at it. */
  private boolean acceptPktinfo(int n, Bytes<?> buffer, int offset, ReceivedPacket into) {
    int at = ControlMessages.find(receiveHeader, Linux.IPPROTO_IPV6, Linux.IPV6_PKTINFO,
        PKTINFO_CMSG_LEN);
    if ((receiveHeader.flags() & Linux.MSG_TRUNC) != 0 || at < 0) {
      counters.malformed.incrementAndGet();
      return false;
    }
    NativeMemory m = receiveHeader.memory();
    long high = Long.reverseBytes(m.getLong(at));
    long low = Long.reverseBytes(m.getLong(at + 8));
    sender.setLengthFrom(receiveHeader);
    IpFraming.point(buffer, offset, n);
    setUnmapped(into, sender.inet6High(), sender.inet6Low(), high, low);
    counters.received.incrementAndGet();
    return true;
  }

  /** Returns the header of the last {@link #receiveWithPktinfo}, to read more control data. */
  final MsgHdr lastReceiveHeader() {
    return receiveHeader;
  }

  /** Writes an IPV6_PKTINFO record choosing {@code source} into the header's control buffer. */
  static void putPktinfo(MsgHdr header, IpAddress source) {
    NativeMemory m = header.memory();
    int c = header.control();
    m.putLong(c, PKTINFO_CMSG_LEN);
    m.putInt(c + 8, Linux.IPPROTO_IPV6);
    m.putInt(c + 12, Linux.IPV6_PKTINFO);
    m.putLong(c + ControlMessages.HEADER, Long.reverseBytes(high(source)));
    m.putLong(c + ControlMessages.HEADER + 8, Long.reverseBytes(low(source)));
    m.putInt(c + ControlMessages.HEADER + 16, 0);
    header.useControl(PKTINFO_CMSG_SPACE);
  }

  /** Returns the high 64 bits of the address as IPv6, mapping IPv4 to ::ffff:a.b.c.d. */
  static long high(IpAddress a) {
    return a.isV6() ? a.high() : 0;
  }

  /** Returns the low 64 bits of the address as IPv6, mapping IPv4 to ::ffff:a.b.c.d. */
  static long low(IpAddress a) {
    return a.isV6() ? a.low() : MAPPED_PREFIX | (a.v4Bits() & 0xffffffffL);
  }

  /** Stores the addresses like {@link #unmap} does, without allocating when they repeat. */
  private static void setUnmapped(ReceivedPacket into, long sourceHigh, long sourceLow,
      long destinationHigh, long destinationLow) {
    boolean sourceMapped = isMapped(sourceHigh, sourceLow);
    boolean destinationMapped = isMapped(destinationHigh, destinationLow);
    if (sourceMapped && destinationMapped) {
      into.setV4((int) sourceLow, (int) destinationLow);
    } else if (!sourceMapped && !destinationMapped) {
      into.setV6(sourceHigh, sourceLow, destinationHigh, destinationLow);
    } else {
      into.set(unmap(sourceHigh, sourceLow), unmap(destinationHigh, destinationLow));
    }
  }

  private static boolean isMapped(long high, long low) {
    return high == 0 && (low >>> 32) == 0xffffL;
  }

  /** Converts a socket address to an IpAddress, unmapping ::ffff:a.b.c.d to IPv4. */
  static IpAddress unmap(long high, long low) {
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
