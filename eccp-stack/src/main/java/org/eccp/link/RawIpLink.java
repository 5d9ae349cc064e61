package org.eccp.link;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.MmsgVector;
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
 * <p>{@link #sendBatch} sends up to {@link #BATCH} packets with one sendmmsg(2).
 *
 * <p>IPv4 only: {@link RawIp6Link} is its IPv6 counterpart.
 */
public final class RawIpLink extends SocketLink {
  private static final Logger LOG = LoggerFactory.getLogger(RawIpLink.class);

  private final IpFraming sendFraming;
  private final IpFraming receiveFraming;
  /** Most packets in one sendmmsg(2). */
  static final int BATCH = 64;

  private final SockAddr destination = new SockAddr();
  private final MmsgVector sendVector = new MmsgVector(BATCH);

  private RawIpLink(WakeableFd socket, int protocol, int hopLimit) {
    super(socket);
    this.sendFraming = new IpFraming(protocol, hopLimit);
    this.receiveFraming = new IpFraming(protocol, hopLimit);
  }

  /** Opens a raw IPv4 socket for ECCP in the calling thread's network namespace. */
  public static RawIpLink open(Encapsulation encapsulation) throws IOException {
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
    return new RawIpLink(socket, protocol, encapsulation.hopLimit());
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
  public int sendBatch(IpAddress local, IpAddress remote, Bytes<?> buffer, PacketBatch batch,
      int from) throws IOException {
    if (local.isV6() || remote.isV6()) {
      throw new IllegalArgumentException("the raw IP link sends IPv4 only, not " + remote);
    }
    int n = Math.min(batch.count() - from, BATCH);
    destination.setInet4(remote.v4Bits(), 0);
    for (int k = 0; k < n; k++) {
      buffer.readPositionRemaining(batch.offset(from + k), batch.length(from + k));
      long start = sendFraming.prepend(buffer, local, remote);
      sendVector.setSend(k, buffer.addressForRead(start), (int) (buffer.readLimit() - start),
          destination);
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
}
