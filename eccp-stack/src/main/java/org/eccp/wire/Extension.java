package org.eccp.wire;

/**
 * The extension (TLV) types of the ECCP header and their sizes. A TLV is one type byte, one
 * length byte that counts the whole TLV, then the value; PAD is a single byte without a length.
 */
public final class Extension {
  public static final int PAD = 0;
  public static final int ILIST = 1;
  public static final int NEW_ADDRESS = 2;
  public static final int SENDER_NONCE = 3;
  public static final int JOIN = 4;

  /** Bytes of type and length in front of every value but PAD's. */
  public static final int TLV_HEADER_LENGTH = 2;
  /** The largest TLV, because its length is one byte. */
  public static final int MAX_TLV_LENGTH = 255;
  public static final int SENDER_NONCE_LENGTH = TLV_HEADER_LENGTH + 8;
  public static final int JOIN_LENGTH = TLV_HEADER_LENGTH + 4;
  /** Family byte 4 or 6, in ILIST entries and NEW_ADDRESS. */
  public static final int FAMILY_V4 = 4;
  public static final int FAMILY_V6 = 6;
  /** ILIST entry: family, preference, address. */
  public static final int ILIST_ENTRY_V4_LENGTH = 2 + 4;
  public static final int ILIST_ENTRY_V6_LENGTH = 2 + 16;
  /** Most IPv4 entries in one ILIST: (255 - 2) / 6. */
  public static final int ILIST_MAX_V4_ENTRIES = 42;
  /** Most IPv6 entries in one ILIST: (255 - 2) / 18. */
  public static final int ILIST_MAX_V6_ENTRIES = 14;

  private Extension() {}

  /** Returns the type's name, or {@code unknown(N)}. */
  public static String name(int type) {
    return switch (type) {
      case PAD -> "PAD";
      case ILIST -> "ILIST";
      case NEW_ADDRESS -> "NEW_ADDRESS";
      case SENDER_NONCE -> "SENDER_NONCE";
      case JOIN -> "JOIN";
      default -> "unknown(" + type + ")";
    };
  }

  /** True when a packet of this type may carry this known extension; unknown types return true. */
  public static boolean allowedIn(int type, PacketType packetType) {
    return switch (type) {
      case ILIST -> packetType == PacketType.SYN || packetType == PacketType.SYN_ACK
          || packetType == PacketType.RSYN || packetType == PacketType.RSYN_ACK;
      case NEW_ADDRESS -> packetType == PacketType.RSYN;
      case SENDER_NONCE -> packetType == PacketType.SYN || packetType == PacketType.SYN_ACK;
      case JOIN -> packetType == PacketType.SYN;
      default -> true;
    };
  }

  /** Returns the length of an address value for a family byte, or -1 for an invalid family. */
  static int addressLength(int family) {
    if (family == FAMILY_V4) {
      return 4;
    }
    if (family == FAMILY_V6) {
      return 16;
    }
    return -1;
  }

  static int family(IpAddress address) {
    return address.isV6() ? FAMILY_V6 : FAMILY_V4;
  }
}
