package org.eccp.tools.dissect;

/**
 * Finds the IP packet inside a captured frame for the link types that captures of ECCP traffic
 * use: raw IP, Ethernet (with up to two VLAN tags), Linux cooked capture v1 and v2, and BSD
 * loopback. Values are DLT_ numbers as libpcap reports them.
 */
public final class LinkLayer {
  public static final int DLT_NULL = 0;
  public static final int DLT_EN10MB = 1;
  public static final int DLT_RAW = 12;
  public static final int DLT_RAW_OPENBSD = 14;
  public static final int LINKTYPE_RAW = 101;
  public static final int DLT_LOOP = 108;
  public static final int DLT_LINUX_SLL = 113;
  public static final int DLT_IPV4 = 228;
  public static final int DLT_IPV6 = 229;
  public static final int DLT_LINUX_SLL2 = 276;

  static final int ETHERTYPE_IPV4 = 0x0800;
  static final int ETHERTYPE_IPV6 = 0x86dd;
  private static final int ETHERTYPE_VLAN = 0x8100;
  private static final int ETHERTYPE_QINQ = 0x88a8;
  private static final int MAX_VLAN_TAGS = 2;

  /** Marks a frame without an IP packet. {@link #reason()} returns why. */
  public static final int NOT_IP = -1;

  private final int linkType;
  private String reason;

  public LinkLayer(int linkType) {
    if (!isSupported(linkType)) {
      throw new IllegalArgumentException("unsupported link type " + linkType);
    }
    this.linkType = linkType;
  }

  /** True when {@link #ipOffset} can decode frames of this link type. */
  public static boolean isSupported(int linkType) {
    return switch (linkType) {
      case DLT_NULL, DLT_EN10MB, DLT_RAW, DLT_RAW_OPENBSD, LINKTYPE_RAW, DLT_LOOP, DLT_LINUX_SLL,
          DLT_IPV4, DLT_IPV6, DLT_LINUX_SLL2 -> true;
      default -> false;
    };
  }

  /** Returns a name for a link type, such as "Ethernet" or "Linux cooked v2". */
  public static String name(int linkType) {
    return switch (linkType) {
      case DLT_NULL -> "BSD loopback";
      case DLT_EN10MB -> "Ethernet";
      case DLT_RAW, DLT_RAW_OPENBSD, LINKTYPE_RAW -> "raw IP";
      case DLT_LOOP -> "OpenBSD loopback";
      case DLT_LINUX_SLL -> "Linux cooked v1";
      case DLT_IPV4 -> "raw IPv4";
      case DLT_IPV6 -> "raw IPv6";
      case DLT_LINUX_SLL2 -> "Linux cooked v2";
      default -> "link type " + linkType;
    };
  }

  /** Returns where the IP packet starts in the first {@code length} bytes of {@code frame}, or {@link #NOT_IP}. */
  public int ipOffset(byte[] frame, int length) {
    reason = null;
    return switch (linkType) {
      case DLT_RAW, DLT_RAW_OPENBSD, LINKTYPE_RAW, DLT_IPV4, DLT_IPV6 -> 0;
      case DLT_NULL, DLT_LOOP -> loopback(length);
      case DLT_EN10MB -> ethernet(frame, length, 12, 14, "Ethernet");
      case DLT_LINUX_SLL -> ethernet(frame, length, 14, 16, "Linux cooked v1");
      case DLT_LINUX_SLL2 -> ethernet(frame, length, 0, 20, "Linux cooked v2");
      default -> throw new AssertionError("checked in the constructor");
    };
  }

  /** Returns why the last frame held no IP packet. */
  public String reason() {
    return reason;
  }

  /** Skips the 4-byte address family, because the IP version nibble distinguishes v4 from v6. */
  private int loopback(int length) {
    if (length < 4) {
      return notIp("truncated loopback header, " + length + " of 4 bytes");
    }
    return 4;
  }

  /**
   * Reads the protocol type at {@code typeAt}, skipping VLAN tags that follow a header of
   * {@code headerLength} bytes (Ethernet's type field is its last; cooked v2's is its first).
   */
  private int ethernet(byte[] frame, int length, int typeAt, int headerLength, String header) {
    if (length < headerLength) {
      return notIp("truncated " + header + " header, " + length + " of " + headerLength + " bytes");
    }
    int type = u16(frame, typeAt);
    int payload = headerLength;
    for (int tags = 0; (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ) && tags < MAX_VLAN_TAGS;
        tags++) {
      if (length < payload + 4) {
        return notIp("truncated VLAN tag");
      }
      type = u16(frame, payload + 2);
      payload += 4;
    }
    if (type != ETHERTYPE_IPV4 && type != ETHERTYPE_IPV6) {
      return notIp(String.format("not IP: protocol type 0x%04x", type));
    }
    return payload;
  }

  private int notIp(String why) {
    reason = why;
    return NOT_IP;
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}
