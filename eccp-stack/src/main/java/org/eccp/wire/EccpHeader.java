package org.eccp.wire;

import static org.eccp.wire.NetworkBytes.i32;
import static org.eccp.wire.NetworkBytes.i64;
import static org.eccp.wire.NetworkBytes.put32;
import static org.eccp.wire.NetworkBytes.put64;
import static org.eccp.wire.NetworkBytes.put8;
import static org.eccp.wire.NetworkBytes.u8;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * A view of an ECCP v1 header in a chronicle buffer, at an offset; it copies nothing.
 *
 * <p>Received bytes go through {@link #check()} once: after it returns an ok result no accessor
 * can fail and {@link #toPacket()} may be called. Without a check the accessors read whatever
 * bytes are there, which is right only for buffers that we wrote ourselves. Setters write
 * unchecked into a buffer that we own; {@link #emit(EccpPacket)} writes a whole header.
 *
 * <p>One view is reused for many packets: {@link #wrap} repoints it, and neither wrap, check nor
 * the fixed-field accessors allocate. Not thread-safe.
 */
public final class EccpHeader {
  /** The format version that this codec reads and writes. */
  public static final int FORMAT_VERSION = 1;
  /** Length of the fixed part, which is the whole header of a DATA packet. */
  public static final int FIXED_LENGTH = 20;
  /** Shortest control header: the fixed part and the two version fields. */
  public static final int CONTROL_MIN_LENGTH = 28;
  /** Maximum header length: 255 words. */
  public static final int MAX_LENGTH = 255 * 4;

  /** Field offsets from the first byte of the header. */
  public static final class Offsets {
    /** Format version in the high nibble; the low nibble is reserved. */
    public static final int VERSION = 0;
    public static final int FLAGS = 1;
    public static final int NEXT_PROTOCOL = 2;
    public static final int HEADER_WORDS = 3;
    public static final int SENDER_FLOW_ID = 4;
    public static final int RECEIVER_FLOW_ID = 8;
    public static final int NONCE = 12;
    public static final int CONNECTION_VERSION = 20;
    public static final int ACK_VERSION = 24;
    public static final int EXTENSIONS = 28;

    private Offsets() {}
  }

  private final CheckResult result = new CheckResult();
  private final ExtensionValidator validator = new ExtensionValidator(this);
  private BytesStore<?, ?> store;
  private long start;
  private int length;
  private boolean checked;

  /**
   * Points this view at {@code length} bytes of {@code store} from {@code start}: the header and
   * whatever follows it. The bytes must exist in the store.
   */
  public EccpHeader wrap(BytesStore<?, ?> store, long start, int length) {
    if (start < 0 || length < 0 || start + length > store.realCapacity()) {
      throw new IllegalArgumentException("range " + start + "+" + length
          + " is outside the buffer of " + store.realCapacity() + " bytes");
    }
    this.store = store;
    this.start = start;
    this.length = length;
    this.checked = false;
    validator.clear();
    return this;
  }

  /**
   * Validates untrusted bytes: the fixed fields, the header length against the bytes present,
   * the flowIDs and every extension. Returns this view's reused result (see {@link CheckResult}).
   */
  public CheckResult check() {
    checked = false;
    validator.clear();
    if (!checkFixed()) {
      return result;
    }
    PacketType type = type();
    if (type.isControl() && !validator.check(type, headerLength(), result)) {
      return result;
    }
    checked = true;
    return result.pass();
  }

  private boolean checkFixed() {
    if (length < FIXED_LENGTH) {
      result.fail(Problem.TRUNCATED, FIXED_LENGTH, length);
      return false;
    }
    if (formatVersion() != FORMAT_VERSION) {
      result.fail(Problem.UNSUPPORTED_VERSION, FORMAT_VERSION, formatVersion());
      return false;
    }
    PacketType type = type();
    if (type == null) {
      result.fail(Problem.UNKNOWN_TYPE, 0, flags());
      return false;
    }
    return checkLength(type) && checkFlowIds(type);
  }

  private boolean checkLength(PacketType type) {
    int headerLength = headerLength();
    if (type.isControl() && headerLength < CONTROL_MIN_LENGTH) {
      result.fail(Problem.BAD_LENGTH, CONTROL_MIN_LENGTH, headerLength, 0,
          "a control packet needs at least %1$d");
      return false;
    }
    if (!type.isControl() && headerLength != FIXED_LENGTH) {
      result.fail(Problem.BAD_LENGTH, FIXED_LENGTH, headerLength, 0,
          "a DATA packet has exactly %1$d");
      return false;
    }
    if (headerLength > length) {
      result.fail(Problem.TRUNCATED, headerLength, length);
      return false;
    }
    return true;
  }

  private boolean checkFlowIds(PacketType type) {
    if (senderFlowId() == 0) {
      result.fail(Problem.ZERO_FLOW_ID, 0, 0, Offsets.SENDER_FLOW_ID, "sender flowID is 0");
      return false;
    }
    if (receiverFlowId() == 0 && type != PacketType.SYN) {
      result.fail(Problem.ZERO_FLOW_ID, 0, 0, Offsets.RECEIVER_FLOW_ID,
          "receiver flowID is 0 outside a SYN");
      return false;
    }
    return true;
  }

  /** True when the last {@link #check()} since {@link #wrap} passed. */
  public boolean isChecked() {
    return checked;
  }

  /** Returns the last check's result. */
  public CheckResult lastCheck() {
    return result;
  }

  // Fixed fields. Each reads the buffer; none allocates.

  public int formatVersion() {
    return u8(store, start + Offsets.VERSION) >>> 4;
  }

  /** Returns the flag byte, the reserved bit included. */
  public int flags() {
    return u8(store, start + Offsets.FLAGS);
  }

  /** Returns the packet type, or null when the flags match none (only possible unchecked). */
  public PacketType type() {
    return PacketType.fromFlags(flags());
  }

  public int nextProtocol() {
    return u8(store, start + Offsets.NEXT_PROTOCOL);
  }

  /** Returns the header length in bytes: the header-words field times 4. */
  public int headerLength() {
    return u8(store, start + Offsets.HEADER_WORDS) * 4;
  }

  public int senderFlowId() {
    return i32(store, start + Offsets.SENDER_FLOW_ID);
  }

  public int receiverFlowId() {
    return i32(store, start + Offsets.RECEIVER_FLOW_ID);
  }

  public long nonce() {
    return i64(store, start + Offsets.NONCE);
  }

  /** Returns the connection version; only control packets have one. */
  public int connectionVersion() {
    return i32(store, start + Offsets.CONNECTION_VERSION);
  }

  /** Returns the acknowledged version; only control packets have one. */
  public int ackVersion() {
    return i32(store, start + Offsets.ACK_VERSION);
  }

  /** Returns the payload's absolute offset in the buffer, right after the header. */
  public long payloadOffset() {
    return start + headerLength();
  }

  /** Returns the bytes after the header within the wrapped range. */
  public int payloadLength() {
    return length - headerLength();
  }

  /** Returns the header's absolute offset in the buffer. */
  public long start() {
    return start;
  }

  /** Returns the wrapped length: header and payload. */
  public int length() {
    return length;
  }

  public BytesStore<?, ?> store() {
    return store;
  }

  // Extensions found by the last successful check. Each is 0, null or false when absent.

  /** Returns the SENDER_NONCE value, or 0 when absent. Requires a passed check. */
  public long senderNonce() {
    int at = validator.offsetOf(Extension.SENDER_NONCE);
    return at < 0 ? 0 : i64(store, start + at + Extension.TLV_HEADER_LENGTH);
  }

  /** Returns the JOIN value, or 0 when absent. Requires a passed check. */
  public int join() {
    int at = validator.offsetOf(Extension.JOIN);
    return at < 0 ? 0 : i32(store, start + at + Extension.TLV_HEADER_LENGTH);
  }

  /** Returns the offset from the header start of a known extension's TLV, or -1 when absent. */
  public int extensionOffset(int type) {
    return validator.offsetOf(type);
  }

  /** Returns the ILIST, or null when absent. Allocates; requires a passed check. */
  public InterfaceList interfaceList() {
    requireChecked();
    int at = validator.offsetOf(Extension.ILIST);
    return at < 0 ? null : PacketCodec.readInterfaceList(store, start + at);
  }

  /** Returns the NEW_ADDRESS, or null when absent. Allocates; requires a passed check. */
  public IpAddress newAddress() {
    requireChecked();
    int at = validator.offsetOf(Extension.NEW_ADDRESS);
    return at < 0 ? null : PacketCodec.readNewAddress(store, start + at);
  }

  /** Parses the whole header into a value. Allocates; requires a passed check. */
  public EccpPacket toPacket() {
    requireChecked();
    return PacketCodec.read(this);
  }

  /**
   * Writes {@code packet} as a header at the start of this view, extensions and padding
   * included, and returns its length. The view must wrap at least {@link #lengthOf} bytes.
   *
   * @throws IllegalArgumentException when the packet cannot be encoded (a bug of the caller)
   */
  public int emit(EccpPacket packet) {
    return PacketCodec.write(this, packet);
  }

  /** Returns the header length in bytes that {@link #emit} writes for this packet. */
  public static int lengthOf(EccpPacket packet) {
    return PacketCodec.lengthOf(packet);
  }

  // Unchecked setters, for buffers that we own.

  /** Writes the format version nibble and clears the reserved one. */
  public EccpHeader setFormatVersion(int version) {
    put8(store, start + Offsets.VERSION, version << 4);
    return this;
  }

  public EccpHeader setFlags(int flags) {
    put8(store, start + Offsets.FLAGS, flags);
    return this;
  }

  public EccpHeader setType(PacketType type) {
    return setFlags(type.flags());
  }

  public EccpHeader setNextProtocol(int nextProtocol) {
    put8(store, start + Offsets.NEXT_PROTOCOL, nextProtocol);
    return this;
  }

  /** Writes the header-words field for a header of this many bytes (a multiple of 4). */
  public EccpHeader setHeaderLength(int bytes) {
    put8(store, start + Offsets.HEADER_WORDS, bytes >>> 2);
    return this;
  }

  public EccpHeader setSenderFlowId(int flowId) {
    put32(store, start + Offsets.SENDER_FLOW_ID, flowId);
    return this;
  }

  public EccpHeader setReceiverFlowId(int flowId) {
    put32(store, start + Offsets.RECEIVER_FLOW_ID, flowId);
    return this;
  }

  public EccpHeader setNonce(long nonce) {
    put64(store, start + Offsets.NONCE, nonce);
    return this;
  }

  public EccpHeader setConnectionVersion(int version) {
    put32(store, start + Offsets.CONNECTION_VERSION, version);
    return this;
  }

  public EccpHeader setAckVersion(int version) {
    put32(store, start + Offsets.ACK_VERSION, version);
    return this;
  }

  /** Reads one byte at an offset from the header start; for the extension walkers. */
  int byteAt(int offset) {
    return u8(store, start + offset);
  }

  private void requireChecked() {
    if (!checked) {
      throw new IllegalStateException("call check() and test its result before reading extensions");
    }
  }
}
