package org.eccp.wire;

import static org.eccp.wire.NetworkBytes.put16;
import static org.eccp.wire.NetworkBytes.u16;

import net.openhft.chronicle.bytes.BytesStore;

/** A view of a UDP header (RFC 768) in a chronicle buffer. */
public final class UdpHeader {
  public static final int LENGTH = 8;

  /** Field offsets from the first byte of the header. */
  public static final class Offsets {
    public static final int SOURCE_PORT = 0;
    public static final int DESTINATION_PORT = 2;
    public static final int LENGTH = 4;
    public static final int CHECKSUM = 6;

    private Offsets() {}
  }

  private final CheckResult result = new CheckResult();
  private BytesStore<?, ?> store;
  private long start;
  private int length;

  /** Points this view at the IP payload: {@code length} bytes from {@code start}. */
  public UdpHeader wrap(BytesStore<?, ?> store, long start, int length) {
    this.store = store;
    this.start = start;
    this.length = length;
    return this;
  }

  /**
   * Validates the length field against the IP payload length and the checksum with its
   * pseudo-header. A zero checksum means "none" over IPv4 and is invalid over IPv6 (RFC 8200).
   *
   * @param addressSum the unfolded sum of the source and destination addresses, from
   *     {@link InternetChecksum#addressSum} or summed straight from the IP header's bytes
   * @param overIpv6 true when the enclosing header is IPv6
   */
  public CheckResult check(long addressSum, boolean overIpv6) {
    if (length < LENGTH) {
      return result.fail(Problem.TRUNCATED_UDP, LENGTH, length);
    }
    if (datagramLength() < LENGTH || datagramLength() > length) {
      return result.fail(Problem.BAD_UDP_LENGTH, length, datagramLength());
    }
    if (checksum() == 0 && !overIpv6) {
      return result.pass();
    }
    int computed = computeChecksum(addressSum);
    if (checksum() != computed) {
      return result.fail(Problem.BAD_UDP_CHECKSUM, computed, checksum());
    }
    return result.pass();
  }

  public int sourcePort() {
    return u16(store, start + Offsets.SOURCE_PORT);
  }

  public int destinationPort() {
    return u16(store, start + Offsets.DESTINATION_PORT);
  }

  /** Returns the length field: header and data. */
  public int datagramLength() {
    return u16(store, start + Offsets.LENGTH);
  }

  public int checksum() {
    return u16(store, start + Offsets.CHECKSUM);
  }

  public long payloadOffset() {
    return start + LENGTH;
  }

  public int payloadLength() {
    return datagramLength() - LENGTH;
  }

  /**
   * Computes the checksum over pseudo-header, header and data, treating the checksum field as 0;
   * a computed 0 is sent as 0xffff.
   */
  public int computeChecksum(long addressSum) {
    int datagramLength = datagramLength();
    long sum = addressSum + Encapsulation.UDP_PROTOCOL + datagramLength;
    sum = InternetChecksum.add(sum, store, start, datagramLength) + (~checksum() & 0xffff);
    int checksum = InternetChecksum.finish(sum);
    return checksum == 0 ? 0xffff : checksum;
  }

  /** Writes the header for {@code datagramLength} bytes of header and data, checksum included. */
  public void write(int sourcePort, int destinationPort, int datagramLength, IpAddress source,
      IpAddress destination) {
    put16(store, start + Offsets.SOURCE_PORT, sourcePort);
    put16(store, start + Offsets.DESTINATION_PORT, destinationPort);
    put16(store, start + Offsets.LENGTH, datagramLength);
    put16(store, start + Offsets.CHECKSUM, 0);
    long addressSum = InternetChecksum.addressSum(source) + InternetChecksum.addressSum(destination);
    put16(store, start + Offsets.CHECKSUM, computeChecksum(addressSum));
  }
}
