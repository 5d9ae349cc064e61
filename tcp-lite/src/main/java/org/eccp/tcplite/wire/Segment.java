package org.eccp.tcplite.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * A view of a tcp-lite segment in a byte array; it copies nothing. Received bytes go through
 * {@link #check()} once: after it returns null no accessor can fail. Without a check the
 * accessors read whatever bytes are there, which is right only for arrays that we wrote.
 * {@link #emit} writes a whole segment. One view is reused for many segments; not thread-safe.
 */
public final class Segment {
  /** Length of the fixed header, which is the whole header without SACK blocks. */
  public static final int FIXED_LENGTH = 28;
  public static final int SACK_BLOCK_LENGTH = 8;
  /** At most this many SACK blocks; more would not add much and would lengthen the header. */
  public static final int MAX_SACK_BLOCKS = 4;

  /** Field offsets from the first byte of the segment. */
  public static final class Offsets {
    public static final int SRC_PORT = 0;
    public static final int DST_PORT = 2;
    public static final int SEQ = 4;
    public static final int ACK = 8;
    public static final int WINDOW = 12;
    public static final int FLAGS = 16;
    public static final int SACK_COUNT = 17;
    /** Two bytes sent as zero and ignored on receipt. */
    public static final int RESERVED = 18;
    public static final int TS_VAL = 20;
    public static final int TS_ECR = 24;
    public static final int SACKS = 28;

    private Offsets() {}
  }

  private byte[] buf;
  private int start;
  private int length;

  /** Points this view at {@code length} bytes of {@code buf} from {@code start}. */
  public Segment wrap(byte[] buf, int start, int length) {
    if (start < 0 || length < 0 || start + length > buf.length) {
      throw new IllegalArgumentException("range " + start + "+" + length
          + " is outside the array of " + buf.length + " bytes");
    }
    this.buf = buf;
    this.start = start;
    this.length = length;
    return this;
  }

  /** Points this view at the whole array. */
  public Segment wrap(byte[] buf) {
    return wrap(buf, 0, buf.length);
  }

  /** Returns the wrapped array. */
  public byte[] array() {
    return buf;
  }

  /** Validates untrusted bytes; returns null when the segment is well formed, else why not. */
  public SegmentProblem check() {
    if (length < FIXED_LENGTH) {
      return SegmentProblem.TRUNCATED;
    }
    int count = sackCount();
    if (count > MAX_SACK_BLOCKS) {
      return SegmentProblem.TOO_MANY_SACK_BLOCKS;
    }
    if (length < headerLength()) {
      return SegmentProblem.SACK_TRUNCATED;
    }
    for (int i = 0; i < count; i++) {
      int span = sackEnd(i) - sackStart(i);
      if (span <= 0) {
        return SegmentProblem.BAD_SACK_BLOCK;
      }
    }
    int f = flags();
    if ((f & Flags.SYN) != 0 && ((f & Flags.RST) != 0 || payloadLength() > 0)) {
      return SegmentProblem.BAD_FLAGS;
    }
    return null;
  }

  public int srcPort() {
    return u16(Offsets.SRC_PORT);
  }

  public int dstPort() {
    return u16(Offsets.DST_PORT);
  }

  public int seq() {
    return i32(Offsets.SEQ);
  }

  public int ack() {
    return i32(Offsets.ACK);
  }

  public int window() {
    return i32(Offsets.WINDOW);
  }

  public int flags() {
    return buf[start + Offsets.FLAGS] & 0xff;
  }

  public boolean has(int flag) {
    return (flags() & flag) == flag;
  }

  public int sackCount() {
    return buf[start + Offsets.SACK_COUNT] & 0xff;
  }

  public int tsVal() {
    return i32(Offsets.TS_VAL);
  }

  public int tsEcr() {
    return i32(Offsets.TS_ECR);
  }

  public int sackStart(int i) {
    return i32(Offsets.SACKS + i * SACK_BLOCK_LENGTH);
  }

  public int sackEnd(int i) {
    return i32(Offsets.SACKS + i * SACK_BLOCK_LENGTH + 4);
  }

  public int headerLength() {
    return FIXED_LENGTH + sackCount() * SACK_BLOCK_LENGTH;
  }

  /** Offset of the payload in the wrapped array. */
  public int payloadOffset() {
    return start + headerLength();
  }

  public int payloadLength() {
    return length - headerLength();
  }

  /** Returns the header as a value; call only after a passing {@link #check()}. */
  public SegmentHeader toHeader() {
    List<SackBlock> sacks = new ArrayList<>(sackCount());
    for (int i = 0; i < sackCount(); i++) {
      sacks.add(new SackBlock(sackStart(i), sackEnd(i)));
    }
    return new SegmentHeader(srcPort(), dstPort(), seq(), ack(), window(), flags(), tsVal(),
        tsEcr(), sacks);
  }

  /** Returns a new array holding {@code h} followed by {@code len} bytes of {@code data}. */
  public static byte[] emit(SegmentHeader h, byte[] data, int off, int len) {
    byte[] out = new byte[h.length() + len];
    put16(out, Offsets.SRC_PORT, h.srcPort());
    put16(out, Offsets.DST_PORT, h.dstPort());
    put32(out, Offsets.SEQ, h.seq());
    put32(out, Offsets.ACK, h.ack());
    put32(out, Offsets.WINDOW, h.window());
    out[Offsets.FLAGS] = (byte) h.flags();
    out[Offsets.SACK_COUNT] = (byte) h.sacks().size();
    put32(out, Offsets.TS_VAL, h.tsVal());
    put32(out, Offsets.TS_ECR, h.tsEcr());
    int p = Offsets.SACKS;
    for (SackBlock b : h.sacks()) {
      put32(out, p, b.start());
      put32(out, p + 4, b.end());
      p += SACK_BLOCK_LENGTH;
    }
    if (len > 0) {
      System.arraycopy(data, off, out, p, len);
    }
    return out;
  }

  /** Returns a new array holding {@code h} and no payload. */
  public static byte[] emit(SegmentHeader h) {
    return emit(h, null, 0, 0);
  }

  private int u16(int off) {
    return ((buf[start + off] & 0xff) << 8) | (buf[start + off + 1] & 0xff);
  }

  private int i32(int off) {
    int p = start + off;
    return ((buf[p] & 0xff) << 24) | ((buf[p + 1] & 0xff) << 16) | ((buf[p + 2] & 0xff) << 8)
        | (buf[p + 3] & 0xff);
  }

  private static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  private static void put32(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }
}
