package org.eccp.wire;

import static org.eccp.wire.NetworkBytes.i32;
import static org.eccp.wire.NetworkBytes.put16;
import static org.eccp.wire.NetworkBytes.put32;
import static org.eccp.wire.NetworkBytes.put8;
import static org.eccp.wire.NetworkBytes.u16;
import static org.eccp.wire.NetworkBytes.u8;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * A view of an IPv4 header (RFC 791) in a chronicle buffer. {@link #check()} validates received
 * bytes, lengths and header checksum included; the setters write unchecked.
 */
public final class Ipv4Header {
  /** Length of a header without options. */
  public static final int MIN_LENGTH = 20;
  /** Flag bits of the flags and fragment-offset field. */
  public static final int DONT_FRAGMENT = 0x4000;
  public static final int MORE_FRAGMENTS = 0x2000;
  public static final int FRAGMENT_OFFSET_MASK = 0x1fff;

  /** Field offsets from the first byte of the header. */
  public static final class Offsets {
    public static final int VERSION_IHL = 0;
    public static final int TOS = 1;
    public static final int TOTAL_LENGTH = 2;
    public static final int IDENTIFICATION = 4;
    public static final int FLAGS_FRAGMENT = 6;
    public static final int TTL = 8;
    public static final int PROTOCOL = 9;
    public static final int CHECKSUM = 10;
    public static final int SOURCE = 12;
    public static final int DESTINATION = 16;

    private Offsets() {}
  }

  private final CheckResult result = new CheckResult();
  private BytesStore<?, ?> store;
  private long start;
  private int length;

  /** Points this view at {@code length} received or owned bytes from {@code start}. */
  public Ipv4Header wrap(BytesStore<?, ?> store, long start, int length) {
    this.store = store;
    this.start = start;
    this.length = length;
    return this;
  }

  /** Validates the header: version, lengths, header checksum, and that it is not a fragment. */
  public CheckResult check() {
    if (length < MIN_LENGTH) {
      return result.fail(Problem.TRUNCATED_IP, MIN_LENGTH, length);
    }

    int version = u8(store, start) >>> 4;
    if (version != 4) {
      return result.fail(Problem.NOT_IP, 4, version);
    }
    int headerLength = headerLength();
    if (headerLength < MIN_LENGTH) {
      return result.fail(Problem.BAD_IP_LENGTH, MIN_LENGTH, headerLength, 0,
          "IPv4 header length %2$d is below %1$d");
    }
    if (headerLength > length) {
      return result.fail(Problem.TRUNCATED_IP, headerLength, length);
    }

    int totalLength = totalLength();
    if (totalLength < headerLength) {
      return result.fail(Problem.BAD_IP_LENGTH, headerLength, totalLength, 0,
          "IPv4 total length %2$d is below the header length %1$d");
    }
    if (totalLength > length) {
      return result.fail(Problem.TRUNCATED_IP, totalLength, length);
    }

    if (InternetChecksum.of(store, start, headerLength) != 0) {
      return result.fail(Problem.BAD_IP_CHECKSUM, computeChecksum(), checksum());
    }
    if ((flagsAndFragment() & (MORE_FRAGMENTS | FRAGMENT_OFFSET_MASK)) != 0) {
      return result.fail(Problem.FRAGMENT, 0, flagsAndFragment());
    }
    return result.pass();
  }

  public int version() {
    return u8(store, start) >>> 4;
  }

  /** Returns the header length in bytes (IHL times 4). */
  public int headerLength() {
    return (u8(store, start) & 0x0f) * 4;
  }

  public int totalLength() {
    return u16(store, start + Offsets.TOTAL_LENGTH);
  }

  public int flagsAndFragment() {
    return u16(store, start + Offsets.FLAGS_FRAGMENT);
  }

  public int ttl() {
    return u8(store, start + Offsets.TTL);
  }

  public int protocol() {
    return u8(store, start + Offsets.PROTOCOL);
  }

  public int checksum() {
    return u16(store, start + Offsets.CHECKSUM);
  }

  /** Returns the source address bits, most significant byte first. */
  public int source() {
    return i32(store, start + Offsets.SOURCE);
  }

  public int destination() {
    return i32(store, start + Offsets.DESTINATION);
  }

  public long payloadOffset() {
    return start + headerLength();
  }

  /** Returns the payload length that the total-length field declares. */
  public int payloadLength() {
    return totalLength() - headerLength();
  }

  /** Computes the checksum that the header should carry, treating its checksum field as 0. */
  public int computeChecksum() {
    long sum = InternetChecksum.add(0, store, start, headerLength());
    return InternetChecksum.finish(sum + (~checksum() & 0xffff));
  }

  /**
   * Writes a 20-byte header without options, Don't Fragment set, identification 0 (RFC 6864
   * allows any value in packets that are never fragmented), checksum included.
   */
  public void write(int totalLength, int ttl, int protocol, int source, int destination) {
    put8(store, start + Offsets.VERSION_IHL, 0x45);
    put8(store, start + Offsets.TOS, 0);
    put16(store, start + Offsets.TOTAL_LENGTH, totalLength);
    put16(store, start + Offsets.IDENTIFICATION, 0);
    put16(store, start + Offsets.FLAGS_FRAGMENT, DONT_FRAGMENT);
    put8(store, start + Offsets.TTL, ttl);
    put8(store, start + Offsets.PROTOCOL, protocol);
    put16(store, start + Offsets.CHECKSUM, 0);
    put32(store, start + Offsets.SOURCE, source);
    put32(store, start + Offsets.DESTINATION, destination);
    put16(store, start + Offsets.CHECKSUM, InternetChecksum.of(store, start, MIN_LENGTH));
  }
}
