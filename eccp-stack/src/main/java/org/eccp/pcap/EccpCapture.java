package org.eccp.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.function.LongSupplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import org.eccp.link.Link;
import org.eccp.link.TappedLink;
import org.eccp.pcap.PacketTap.Direction;
import org.eccp.wire.IpAddress;
import org.eccp.wire.Ipv4Header;
import org.eccp.wire.Ipv6Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the ECCP packets (header and payload, without outer headers) that a link sends and
 * receives to a pcap file, each behind an IPv4 or IPv6 header built from the link's addresses.
 * {@link #capturing} wraps a link so that it captures everything it sends and receives.
 *
 * <p>The built header carries ECCP directly in IP under {@code ipProtocol}, whatever the link's
 * real encapsulation, so {@code eccp dissect}, tcpdump and tshark read every record the same way.
 * The IPv4 header checksum is valid; the hop limit is 64. Both directions share one file under a
 * lock. Capturing a packet copies it once and allocates nothing. A failed write is logged once
 * and counted, and capture stops, so the link goes on unharmed.
 */
public final class EccpCapture implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(EccpCapture.class);
  private static final int HOP_LIMIT = 64;

  private final PcapWriter writer;
  private final int ipProtocol;
  private final Bytes<Void> scratch = Bytes.allocateDirect(Ipv6Header.LENGTH);
  private final BytesStore<?, ?> scratchStore = scratch.bytesStore();
  private final long scratchAddress = scratch.addressForWrite(0);
  private final Ipv4Header ipv4 = new Ipv4Header();
  private final Ipv6Header ipv6 = new Ipv6Header();
  private long failedWrites;
  private boolean stopped;
  private boolean closed;

  /**
   * @param writer the file to write; closed by {@link #close()}
   * @param ipProtocol the IP protocol number in the built headers, normally 253
   */
  public EccpCapture(PcapWriter writer, int ipProtocol) {
    if (ipProtocol < 0 || ipProtocol > 255) {
      throw new IllegalArgumentException("invalid IP protocol number " + ipProtocol
          + ": expected 0 to 255, normally 253");
    }
    this.writer = writer;
    this.ipProtocol = ipProtocol;
    scratch.singleThreadedCheckDisabled(true);
  }

  /**
   * Returns {@code link} wrapped so that every packet it sends or receives is captured here,
   * stamped with {@code epochNanosClock}.
   */
  public Link capturing(Link link, LongSupplier epochNanosClock) {
    return new TappedLink(link, (outbound, local, remote, packet) -> capture(
        outbound ? Direction.OUTBOUND : Direction.INBOUND, local, remote, packet,
        epochNanosClock.getAsLong()));
  }

  /**
   * Returns a clock of nanoseconds since 1970-01-01 UTC that allocates nothing: the wall clock
   * read once, advanced by {@link System#nanoTime()}. It does not follow later changes of the
   * system time.
   */
  public static LongSupplier wallClock() {
    Instant start = Instant.now();
    long origin = start.getEpochSecond() * 1_000_000_000L + start.getNano() - System.nanoTime();
    return () -> origin + System.nanoTime();
  }

  /**
   * Captures the ECCP packet between the read position and read limit of {@code packet}.
   *
   * @param local the link's local address
   * @param remote the peer's address; the two must be of one family
   */
  public void capture(Direction direction, IpAddress local, IpAddress remote, Bytes<?> packet,
      long epochNanos) {
    long start = packet.readPosition();
    int length = (int) (packet.readLimit() - start);
    IpAddress source = direction == Direction.OUTBOUND ? local : remote;
    IpAddress destination = direction == Direction.OUTBOUND ? remote : local;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (stopped || source.isV6() != destination.isV6() || !packet.isDirectMemory()) {
        failedWrites++;
        return;
      }
      int headerLength = writeIpHeader(source, destination, length);
      try {
        writer.writeFromAddresses(scratchAddress, headerLength, packet.addressForRead(start),
            length, epochNanos);
      } catch (IOException | RuntimeException e) {
        stopped = true;
        failedWrites++;
        LOG.error("capture to {} stopped: writing a packet failed", writer.path(), e);
      }
    }
  }

  private int writeIpHeader(IpAddress source, IpAddress destination, int payloadLength) {
    if (source.isV6()) {
      ipv6.wrap(scratchStore, 0, Ipv6Header.LENGTH)
          .write(payloadLength, ipProtocol, HOP_LIMIT, source, destination);
      return Ipv6Header.LENGTH;
    }
    ipv4.wrap(scratchStore, 0, Ipv4Header.MIN_LENGTH).write(Ipv4Header.MIN_LENGTH + payloadLength,
        HOP_LIMIT, ipProtocol, source.v4Bits(), destination.v4Bits());
    return Ipv4Header.MIN_LENGTH;
  }

  /**
   * Returns the packets not captured: after a failed write, with addresses of two families, or
   * in on-heap buffers.
   */
  public synchronized long failedWrites() {
    return failedWrites;
  }

  /** Writes the buffered records to the file. */
  public synchronized void flush() throws IOException {
    writer.flush();
  }

  /** Closes the file; packets captured later are ignored. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
    } finally {
      scratch.releaseLast();
    }
  }
}
