package org.eccp.wire;

import static org.eccp.wire.NetworkBytes.i64;
import static org.eccp.wire.NetworkBytes.put16;
import static org.eccp.wire.NetworkBytes.put32;
import static org.eccp.wire.NetworkBytes.put64;
import static org.eccp.wire.NetworkBytes.put8;
import static org.eccp.wire.NetworkBytes.u16;
import static org.eccp.wire.NetworkBytes.u8;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * A view of the fixed IPv6 header (RFC 8200) in a chronicle buffer. Extension headers are not
 * walked: the next-header field must name the payload itself.
 */
public final class Ipv6Header {
  public static final int LENGTH = 40;
  /** Next-header value of the fragment header. */
  public static final int FRAGMENT_HEADER = 44;

  /** Field offsets from the first byte of the header. */
  public static final class Offsets {
    public static final int VERSION_CLASS_FLOW = 0;
    public static final int PAYLOAD_LENGTH = 4;
    public static final int NEXT_HEADER = 6;
    public static final int HOP_LIMIT = 7;
    public static final int SOURCE = 8;
    public static final int DESTINATION = 24;

    private Offsets() {}
  }

  private final CheckResult result = new CheckResult();
  private BytesStore<?, ?> store;
  private long start;
  private int length;

  /** Points this view at {@code length} received or owned bytes from {@code start}. */
  public Ipv6Header wrap(BytesStore<?, ?> store, long start, int length) {
    this.store = store;
    this.start = start;
    this.length = length;
    return this;
  }

  /** Validates the version, the payload length against the bytes present, and no fragment. */
  public CheckResult check() {
    if (length < LENGTH) {
      return result.fail(Problem.TRUNCATED_IP, LENGTH, length);
    }
    int version = u8(store, start) >>> 4;
    if (version != 6) {
      return result.fail(Problem.NOT_IP, 6, version);
    }
    if (LENGTH + payloadLength() > length) {
      return result.fail(Problem.TRUNCATED_IP, LENGTH + payloadLength(), length);
    }
    if (nextHeader() == FRAGMENT_HEADER) {
      return result.fail(Problem.FRAGMENT, 0, FRAGMENT_HEADER);
    }
    return result.pass();
  }

  /** Returns the payload length field: bytes after this 40-byte header. */
  public int payloadLength() {
    return u16(store, start + Offsets.PAYLOAD_LENGTH);
  }

  public int nextHeader() {
    return u8(store, start + Offsets.NEXT_HEADER);
  }

  public int hopLimit() {
    return u8(store, start + Offsets.HOP_LIMIT);
  }

  public long sourceHigh() {
    return i64(store, start + Offsets.SOURCE);
  }

  public long sourceLow() {
    return i64(store, start + Offsets.SOURCE + 8);
  }

  public long destinationHigh() {
    return i64(store, start + Offsets.DESTINATION);
  }

  public long destinationLow() {
    return i64(store, start + Offsets.DESTINATION + 8);
  }

  public long payloadOffset() {
    return start + LENGTH;
  }

  /** Writes the header: traffic class and flow label 0. */
  public void write(int payloadLength, int nextHeader, int hopLimit, IpAddress source,
      IpAddress destination) {
    put32(store, start + Offsets.VERSION_CLASS_FLOW, 6 << 28);
    put16(store, start + Offsets.PAYLOAD_LENGTH, payloadLength);
    put8(store, start + Offsets.NEXT_HEADER, nextHeader);
    put8(store, start + Offsets.HOP_LIMIT, hopLimit);
    put64(store, start + Offsets.SOURCE, source.high());
    put64(store, start + Offsets.SOURCE + 8, source.low());
    put64(store, start + Offsets.DESTINATION, destination.high());
    put64(store, start + Offsets.DESTINATION + 8, destination.low());
  }
}
