package org.eccp.link;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.MsgHdr;
import org.eccp.nativ.NativeMemory;
import org.eccp.nativ.NativeException;
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
 *
 * <p>Batches: {@link #sendBatch} sends a run of back-to-back packets of equal length as one UDP
 * GSO datagram (UDP_SEGMENT), which the kernel carries as one buffer as far as it can. The
 * socket sets UDP_GRO, so such a run can also arrive as one datagram; {@link #receive} then
 * returns its packets one per call from the caller's buffer.
 */
public final class UdpLink extends SocketLink {
  private static final Logger LOG = LoggerFactory.getLogger(UdpLink.class);
  /** Offset of received payloads: room for an IPv4 and a UDP header in front of them. */
  static final int RECEIVE_OFFSET = 28;
  /** Maximum packets in one GSO send: Linux takes up to 64 segments (UDP_MAX_SEGMENTS). */
  static final int MAX_SEGMENTS = 64;
  /** Maximum bytes in one GSO send, below the 65,507 that a UDP datagram over IPv4 can carry. */
  static final int MAX_GSO_BYTES = 65_000;
  /** cmsg_len of a UDP_SEGMENT record: the header, then a 16-bit segment size. */
  private static final int SEGMENT_CMSG_LEN = ControlMessages.HEADER + 2;
  /** cmsg_len of a UDP_GRO record: the header, then a 32-bit segment size. */
  private static final int GRO_CMSG_LEN = ControlMessages.HEADER + 4;

  private final int port;
  private final MsgHdr sendHeader = new MsgHdr();
  private final SockAddr destination = new SockAddr();
  private final boolean gro;
  /** False once the kernel refused a GSO send in a way that will not change. */
  private boolean gso = true;
  /** The packets of a coalesced datagram not yet returned: in this buffer, from next to end. */
  private Bytes<?> groBuffer;
  private long groNext;
  private long groEnd;
  private int groSegment;
  private IpAddress groSource;
  private IpAddress groDestination;
  /** Datagrams received that carried several packets (read only by the receiving thread). */
  private long coalesced;

  private UdpLink(WakeableFd socket, int port, boolean gro) {
    super(socket);
    this.port = port;
    this.gro = gro;
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
    boolean gro = enableGro(fd);
    LOG.info("opened UDP link on port {} (receive offload {})", port, gro ? "on" : "off");
    return new UdpLink(WakeableFd.wrap(fd, "UDP socket, port " + port), port, gro);
  }

  private static boolean enableGro(int fd) {
    try {
      Syscalls.setsockopt(fd, Linux.SOL_UDP, Linux.UDP_GRO, 1);
      return true;
    } catch (NativeException e) {
      LOG.info("UDP_GRO is not available, receiving one datagram per packet: {}", e.getMessage());
      return false;
    }
  }

  public int port() {
    return port;
  }

  /** Returns how many received datagrams carried several packets; for the receiving thread. */
  long coalescedDatagrams() {
    return coalesced;
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
  public int sendBatch(IpAddress local, IpAddress remote, Bytes<?> buffer, PacketBatch batch,
      int from) throws IOException {
    int count = gso ? segmentRun(batch, from) : 1;
    if (count == 1) {
      buffer.readPositionRemaining(batch.offset(from), batch.length(from));
      send(local, remote, buffer);
      return 1;
    }
    if (local.isV6() != remote.isV6()) {
      throw new IllegalArgumentException(
          "local " + local + " and remote " + remote + " differ in address family");
    }
    long start = batch.offset(from);
    int last = from + count - 1;
    long length = batch.offset(last) + batch.length(last) - start;
    destination.setInet6(high(remote), low(remote), port, 0);
    sendHeader.set(buffer.addressForRead(start), length, destination);
    putPktinfo(sendHeader, local);
    putSegmentSize(sendHeader, batch.length(from));
    try {
      if (socket.sendmsg(sendHeader.address()) < 0) {
        counters.dropped.addAndGet(count);
      } else {
        counters.sent.addAndGet(count);
      }
      return count;
    } catch (NativeException e) {
      return sendAfterGsoFailed(local, remote, buffer, batch, from, e);
    }
  }

  /**
   * Sends the first packet alone after the kernel refused a GSO send. EIO and ENOPROTOOPT mean
   * the path or kernel cannot segment UDP at all, so GSO stays off; EINVAL (for example a
   * segment over the path MTU) and others leave it on for the next run.
   */
  private int sendAfterGsoFailed(IpAddress local, IpAddress remote, Bytes<?> buffer,
      PacketBatch batch, int from, NativeException e) throws IOException {
    if (e.errno() == Linux.EIO || e.errno() == Linux.ENOPROTOOPT) {
      gso = false;
      LOG.info("UDP GSO send failed ({}); sending one datagram per packet from now on",
          e.getMessage());
    } else {
      LOG.debug("UDP GSO send of {}-byte segments failed: {}", batch.length(from),
          e.getMessage());
    }
    buffer.readPositionRemaining(batch.offset(from), batch.length(from));
    send(local, remote, buffer);
    return 1;
  }

  /**
   * Returns how many packets from {@code from} on can leave as one GSO datagram: back to back,
   * none longer than the first, a shorter one only last, within the kernel's limits.
   */
  static int segmentRun(PacketBatch batch, int from) {
    int segment = batch.length(from);
    long end = batch.offset(from) + segment;
    int total = segment;
    int n = 1;
    while (from + n < batch.count() && n < MAX_SEGMENTS) {
      int length = batch.length(from + n);
      if (batch.offset(from + n) != end || length > segment || total + length > MAX_GSO_BYTES) {
        break;
      }
      n++;
      total += length;
      end += length;
      if (length < segment) {
        break;
      }
    }
    return n;
  }

  /** Appends a UDP_SEGMENT record behind the IPV6_PKTINFO record that putPktinfo wrote. */
  private static void putSegmentSize(MsgHdr header, int segment) {
    NativeMemory m = header.memory();
    int c = header.control() + PKTINFO_CMSG_SPACE;
    m.putLong(c, SEGMENT_CMSG_LEN);
    m.putInt(c + 8, Linux.SOL_UDP);
    m.putInt(c + 12, Linux.UDP_SEGMENT);
    m.putShort(c + ControlMessages.HEADER, (short) segment);
    header.useControl(PKTINFO_CMSG_SPACE + ((SEGMENT_CMSG_LEN + 7) & ~7));
  }

  /**
   * Receives the next packet. A coalesced datagram stays in {@code buffer}, and the next calls
   * return its other packets from there without a system call. So the caller passes the same
   * buffer each time and changes no bytes outside the packet it was given; with another buffer
   * the packet is copied into it.
   */
  @Override
  public boolean receive(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    if (groNext < groEnd) {
      nextSegment(buffer, into);
      return true;
    }
    if (!receiveWithPktinfo(buffer, RECEIVE_OFFSET, into)) {
      return false;
    }
    if (gro) {
      splitIfCoalesced(buffer, into);
    }
    return true;
  }

  /** Leaves the first packet of a coalesced datagram in the buffer and keeps the rest. */
  private void splitIfCoalesced(Bytes<?> buffer, ReceivedPacket into) {
    MsgHdr header = lastReceiveHeader();
    int at = ControlMessages.find(header, Linux.SOL_UDP, Linux.UDP_GRO, GRO_CMSG_LEN);
    if (at < 0) {
      return;
    }
    int segment = header.memory().getInt(at);
    long start = buffer.readPosition();
    long end = buffer.readLimit();
    if (segment <= 0 || end - start <= segment) {
      return;
    }
    coalesced++;
    groBuffer = buffer;
    groNext = start + segment;
    groEnd = end;
    groSegment = segment;
    groSource = into.source();
    groDestination = into.destination();
    IpFraming.point(buffer, start, segment);
  }

  private void nextSegment(Bytes<?> buffer, ReceivedPacket into) {
    int length = (int) Math.min(groSegment, groEnd - groNext);
    if (buffer == groBuffer) {
      IpFraming.point(buffer, groNext, length);
    } else {
      buffer.write(RECEIVE_OFFSET, groBuffer, groNext, length);
      IpFraming.point(buffer, RECEIVE_OFFSET, length);
    }
    groNext += length;
    into.set(groSource, groDestination);
    counters.received.incrementAndGet();
  }
}
