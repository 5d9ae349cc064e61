package org.eccp.wire;

/**
 * Iterates over the extensions of a checked control header, PAD and unknown types included,
 * without allocating. Typical use:
 *
 * <pre>{@code
 * for (cursor.reset(header); cursor.next(); ) {
 *   switch (cursor.type()) { ... cursor.valueOffset() ... }
 * }
 * }</pre>
 */
public final class ExtensionCursor {
  private EccpHeader header;
  private int end;
  private int at;
  private int type;
  private int length;

  /** Starts before the first extension of a header that passed {@link EccpHeader#check()}. */
  public ExtensionCursor reset(EccpHeader header) {
    if (!header.isChecked()) {
      throw new IllegalStateException("the header must pass check() before its extensions are read");
    }
    this.header = header;
    PacketType packetType = header.type();
    this.end = packetType.isControl() ? header.headerLength() : EccpHeader.FIXED_LENGTH;
    this.at = EccpHeader.Offsets.EXTENSIONS;
    this.length = 0;
    return this;
  }

  /** Moves to the next extension; false when there is none left. */
  public boolean next() {
    at += length;
    if (at >= end) {
      length = 0;
      return false;
    }
    type = header.byteAt(at);
    length = type == Extension.PAD ? 1 : header.byteAt(at + 1);
    return true;
  }

  /** Returns the extension type, see {@link Extension}. */
  public int type() {
    return type;
  }

  /** Returns the TLV's offset from the header start. */
  public int offset() {
    return at;
  }

  /** Returns the whole TLV's length: 1 for PAD, else type and length bytes included. */
  public int length() {
    return length;
  }

  /** Returns the value's offset from the header start. */
  public int valueOffset() {
    return type == Extension.PAD ? at + 1 : at + Extension.TLV_HEADER_LENGTH;
  }

  /** Returns the value's length in bytes (0 for PAD). */
  public int valueLength() {
    return type == Extension.PAD ? 0 : length - Extension.TLV_HEADER_LENGTH;
  }
}
