package org.eccp.link;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.MmsgVector;
import org.eccp.nativ.MsgHdr;
import org.eccp.nativ.NativeMemory;
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
 * <p>Each send also names its source address in an IP_PKTINFO control message. The kernel
 * otherwise looks the route up without a source (the socket is not bound), so a multi-homed
 * host's source-address routing rules would not apply and every flow would leave through the
 * interface of the destination's best route.
 *
 * <p>{@link #sendBatch} sends up to {@link #BATCH} packets with one sendmmsg(2), each with the
 * same IP_PKTINFO record, and {@link #receive} takes up to {@link #RECEIVE_BATCH} packets with
 * one recvmmsg(2) into buffers of its own, then copies them one per call into the caller's
 * buffer.
 *
 * <p>IPv4 only: {@link RawIp6Link} is its IPv6 counterpart.
 */
public final class RawIpLink extends SocketLink {
  private static final Logger LOG = LoggerFactory.getLogger(RawIpLink.class);
  /** cmsg_len of an IP_PKTINFO record: the header, then the 12-byte struct in_pktinfo. */
  private static final int INET4_PKTINFO_CMSG_LEN = ControlMessages.HEADER + 12;
  /** Space of one IP_PKTINFO record, padded to 8 bytes. */
  private static final int INET4_PKTINFO_CMSG_SPACE = ControlMessages.HEADER + 16;

  /** Maximum number of packets in one sendmmsg(2). */
  static final int BATCH = 64;
  /** Maximum number of packets received with one recvmmsg(2). */
  static final int RECEIVE_BATCH = 16;
  /** Room for one received packet: the longest IPv4 packet. */
  private static final int SLOT = 65536;

  private final IpFraming sendFraming;
  private final IpFraming receiveFraming;
  private final SockAddr destination = new SockAddr();
  private final MsgHdr sendHeader = new MsgHdr();
  private final MmsgVector sendVector = new MmsgVector(BATCH);
  /** Contains the IP_PKTINFO record that every entry of a batch points to. */
  private final MsgHdr batchControl = new MsgHdr();
  private final MmsgVector receiveVector = new MmsgVector(RECEIVE_BATCH);
  /** The receive slots, SLOT bytes each: allocated by the first receive, freed after close. */
  private Bytes<?> slots;
  /** Packets that the last recvmmsg received, and the index of the next to return. */
  private int receivedCount;
  private int nextReceived;

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
      Syscalls.setSendBuffer(fd, Link.SEND_BUFFER_BYTES);
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
    sendHeader.set(packet.addressForRead(start), packet.readLimit() - start, destination);
    putInet4Pktinfo(sendHeader, local);
    countedSendmsg(sendHeader);
  }

  /**
   * Writes an IP_PKTINFO record whose ipi_spec_dst is {@code source} into the header's control
   * buffer. struct in_pktinfo is ipi_ifindex (0: any), ipi_spec_dst, then ipi_addr (unused).
   */
  static void putInet4Pktinfo(MsgHdr header, IpAddress source) {
    NativeMemory m = header.memory();
    int c = header.control();
    m.putLong(c, INET4_PKTINFO_CMSG_LEN);
    m.putInt(c + 8, Linux.IPPROTO_IP);
    m.putInt(c + 12, Linux.IP_PKTINFO);
    m.putInt(c + ControlMessages.HEADER, 0);
    m.putInt(c + ControlMessages.HEADER + 4, Integer.reverseBytes(source.v4Bits()));
    m.putInt(c + ControlMessages.HEADER + 8, 0);
    header.useControl(INET4_PKTINFO_CMSG_SPACE);
  }

  @Override
  public int sendBatch(IpAddress local, IpAddress remote, Bytes<?> buffer, PacketBatch batch,
      int from) throws IOException {
    if (local.isV6() || remote.isV6()) {
      throw new IllegalArgumentException("the raw IP link sends IPv4 only, not " + remote);
    }
    int n = Math.min(batch.count() - from, BATCH);
    destination.setInet4(remote.v4Bits(), 0);
    putInet4Pktinfo(batchControl, local);
    long control = batchControl.address() + batchControl.control();
    for (int k = 0; k < n; k++) {
      buffer.readPositionRemaining(batch.offset(from + k), batch.length(from + k));
      long start = sendFraming.prepend(buffer, local, remote);
      sendVector.setSend(k, buffer.addressForRead(start), (int) (buffer.readLimit() - start),
          destination);
      sendVector.setControl(k, control, INET4_PKTINFO_CMSG_SPACE);
    }
    int sent = socket.sendmmsg(sendVector, 0, n);
    if (sent < 0) {
      counters.dropped.addAndGet(n);
      return n;
    }
    counters.sent.addAndGet(sent);
    return sent;
  }

  @Override
  public boolean receive(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    while (true) {
      if (takeBatched(buffer, into)) {
        return true;
      }
      if (!receiveBatch()) {
        return false;
      }
    }
  }

  /**
   * Receives like {@link #receive} without waiting: returns the rest of the last batch first,
   * then skips invalid and foreign datagrams; true for an ECCP packet, false when none is queued.
   */
  boolean receiveQueued(Bytes<?> buffer, ReceivedPacket into) throws IOException {
    if (takeBatched(buffer, into)) {
      return true;
    }
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

  /** Copies the next valid packet of the last batch into {@code buffer}; false when none is left. */
  private boolean takeBatched(Bytes<?> buffer, ReceivedPacket into) {
    while (nextReceived < receivedCount) {
      int i = nextReceived++;
      int n = receiveVector.length(i);
      if ((receiveVector.flags(i) & Linux.MSG_TRUNC) != 0) {
        counters.malformed.incrementAndGet();
        continue;
      }
      buffer.write(0, slots, (long) i * SLOT, n);
      if (receiveFraming.unwrap(buffer, 0, n, into, counters)) {
        counters.received.incrementAndGet();
        return true;
      }
    }
    return false;
  }

  /** Waits for packets and takes the queued ones; false when woken or closed. */
  private boolean receiveBatch() throws IOException {
    if (slots == null) {
      slots = Bytes.allocateDirect((long) RECEIVE_BATCH * SLOT);
      slots.singleThreadedCheckDisabled(true);
    }
    for (int i = 0; i < RECEIVE_BATCH; i++) {
      receiveVector.setReceive(i, slots.addressForWrite((long) i * SLOT), SLOT - 1);
    }
    int n = socket.recvmmsg(receiveVector, RECEIVE_BATCH);
    if (n < 0) {
      if (socket.isClosed()) {
        // Only the receiving thread touches the slots, so it frees them.
        slots.releaseLast();
        slots = null;
      }
      return false;
    }
    receivedCount = n;
    nextReceived = 0;
    return true;
  }
}
