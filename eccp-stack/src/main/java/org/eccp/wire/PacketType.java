package org.eccp.wire;

/** The packet types of ECCP v1, each a valid combination of header flags. */
public enum PacketType {
  SYN(Flags.SYN),
  SYN_ACK(Flags.SYN | Flags.ACK),
  ACK(Flags.ACK),
  RSYN(Flags.RSYN),
  RSYN_ACK(Flags.RSYN | Flags.ACK),
  FIN(Flags.FIN),
  FIN_ACK(Flags.FIN | Flags.ACK),
  RST(Flags.RST),
  NACK(Flags.NACK),
  DATA(Flags.DATA),
  DATA_ACK(Flags.DATA | Flags.ACK);

  private static final PacketType[] BY_FLAGS = new PacketType[256];

  static {
    for (PacketType t : values()) {
      BY_FLAGS[t.flags] = t;
    }
  }

  private final int flags;

  PacketType(int flags) {
    this.flags = flags;
  }

  /** Returns the flag bits of this type. */
  public int flags() {
    return flags;
  }

  /** Returns the type for these flag bits (the reserved bit ignored), or null when none matches. */
  public static PacketType fromFlags(int flags) {
    return BY_FLAGS[flags & 0x7f];
  }

  /** True for types that carry the version fields and extensions. */
  public boolean isControl() {
    return (flags & ~Flags.DATA) != 0;
  }

  /** True when the ACK flag is set, so the acknowledged version is meaningful. */
  public boolean acknowledges() {
    return (flags & Flags.ACK) != 0;
  }

  /** True when the packet may carry a payload. */
  public boolean carriesPayload() {
    return (flags & Flags.DATA) != 0 || this == ACK;
  }

  /** The flag bits of the header. */
  public static final class Flags {
    public static final int SYN = 0x01;
    public static final int ACK = 0x02;
    public static final int RSYN = 0x04;
    public static final int FIN = 0x08;
    public static final int RST = 0x10;
    public static final int NACK = 0x20;
    public static final int DATA = 0x40;
    public static final int RESERVED = 0x80;

    private Flags() {}
  }
}
