package org.eccp.netlink;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.BytesStore;
import org.eccp.wire.IpAddress;

/**
 * Parses the rtnetlink messages of one datagram into {@link NetlinkEvent}s.
 *
 * <p>Netlink is in host byte order; chronicle reads native order, so fields are read directly.
 * Every length is checked against the bytes present before a field is read: a message that does
 * not fit is counted as malformed and ends the datagram, and no exception escapes.
 *
 * <p>Layouts are from {@code <linux/netlink.h>}, {@code <linux/rtnetlink.h>},
 * {@code <linux/if_addr.h>} and {@code <linux/if_link.h>}.
 */
public final class RtnetlinkParser {
  static final int NLMSG_HDRLEN = 16;
  static final int NLMSG_ERROR = 2;
  static final int NLMSG_DONE = 3;
  static final int RTM_NEWLINK = 16;
  static final int RTM_DELLINK = 17;
  static final int RTM_NEWADDR = 20;
  static final int RTM_DELADDR = 21;
  static final int IFADDRMSG_LEN = 8;
  static final int IFINFOMSG_LEN = 16;
  static final int IFA_ADDRESS = 1;
  static final int IFA_LOCAL = 2;
  static final int IFA_FLAGS = 8;
  static final int IFA_F_DADFAILED = 0x08;
  static final int IFA_F_TENTATIVE = 0x40;
  static final int IFLA_IFNAME = 3;
  static final int IFF_UP = 0x1;
  static final int IFF_RUNNING = 0x40;
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;

  private static final boolean LITTLE_ENDIAN =
      java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;

  private long malformed;
  private long ignored;

  /** Returns the messages that did not fit their declared lengths. */
  public long malformed() {
    return malformed;
  }

  /** Returns the well-formed messages of types that produce no event. */
  public long ignored() {
    return ignored;
  }

  /**
   * Parses {@code length} bytes at {@code start} and passes each event to {@code out}. Returns
   * the sequence number of the NLMSG_DONE that ends a dump, when the datagram contains one, or 0
   * (the sequence number of the kernel's own notifications).
   */
  public int parse(BytesStore<?, ?> in, long start, int length, Consumer<NetlinkEvent> out) {
    int dumpDone = 0;
    long at = start;
    long end = start + length;
    while (end - at >= NLMSG_HDRLEN) {
      int messageLength = in.readInt(at);
      if (messageLength < NLMSG_HDRLEN || messageLength > end - at) {
        malformed++;
        return dumpDone;
      }
      int type = in.readUnsignedShort(at + 4);
      int sequence = in.readInt(at + 8);
      long body = at + NLMSG_HDRLEN;
      int bodyLength = messageLength - NLMSG_HDRLEN;
      if (type == NLMSG_DONE) {
        dumpDone = sequence;
      } else if (type == RTM_NEWADDR || type == RTM_DELADDR) {
        parseAddress(in, body, bodyLength, type == RTM_NEWADDR, out);
      } else if (type == RTM_NEWLINK || type == RTM_DELLINK) {
        parseLink(in, body, bodyLength, type == RTM_NEWLINK, out);
      } else {
        ignored++;
      }
      at += align(messageLength);
    }
    if (at != end && at < end) {
      malformed++;
    }
    return dumpDone;
  }

  private void parseAddress(BytesStore<?, ?> in, long body, int length, boolean added,
      Consumer<NetlinkEvent> out) {
    if (length < IFADDRMSG_LEN) {
      malformed++;
      return;
    }
    int family = in.readUnsignedByte(body);
    int prefix = in.readUnsignedByte(body + 1);
    int flags = in.readUnsignedByte(body + 2);
    int ifindex = in.readInt(body + 4);
    int size;
    if (family == AF_INET) {
      size = 4;
    } else if (family == AF_INET6) {
      size = 16;
    } else {
      ignored++;
      return;
    }
    IpAddress local = null;
    IpAddress address = null;
    long at = body + IFADDRMSG_LEN;
    long end = body + length;
    while (end - at >= 4) {
      int attrLength = in.readUnsignedShort(at);
      int attrType = in.readUnsignedShort(at + 2) & 0x3fff;
      if (attrLength < 4 || attrLength > end - at) {
        malformed++;
        return;
      }
      if (attrType == IFA_FLAGS && attrLength == 8) {
        // The 32-bit IFA_FLAGS (Linux 3.14 and later) contains all flags, ifa_flags the low 8.
        flags = in.readInt(at + 4);
      } else if (attrLength == 4 + size
          && (attrType == IFA_LOCAL || attrType == IFA_ADDRESS)) {
        IpAddress a = readAddress(in, at + 4, size);
        if (attrType == IFA_LOCAL) {
          local = a;
        } else {
          address = a;
        }
      }
      at += align(attrLength);
    }
    // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links.
    IpAddress own = local != null ? local : address;
    if (own == null) {
      malformed++;
      return;
    }
    boolean tentative = (flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED)) != 0;
    out.accept(added ? new NetlinkEvent.AddressAdded(ifindex, own, prefix, tentative)
        : new NetlinkEvent.AddressRemoved(ifindex, own, prefix));
  }

  private void parseLink(BytesStore<?, ?> in, long body, int length, boolean changed,
      Consumer<NetlinkEvent> out) {
    if (length < IFINFOMSG_LEN) {
      malformed++;
      return;
    }
    int ifindex = in.readInt(body + 4);
    int flags = in.readInt(body + 8);
    String name = null;
    long at = body + IFINFOMSG_LEN;
    long end = body + length;
    while (end - at >= 4) {
      int attrLength = in.readUnsignedShort(at);
      int attrType = in.readUnsignedShort(at + 2) & 0x3fff;
      if (attrLength < 4 || attrLength > end - at) {
        malformed++;
        return;
      }
      if (attrType == IFLA_IFNAME) {
        name = readString(in, at + 4, attrLength - 4);
      }
      at += align(attrLength);
    }
    out.accept(changed
        ? new NetlinkEvent.LinkChanged(ifindex, name, (flags & IFF_UP) != 0,
            (flags & IFF_RUNNING) != 0)
        : new NetlinkEvent.LinkRemoved(ifindex, name));
  }

  /** Reads an address, which netlink keeps in network order unlike the other fields. */
  private static IpAddress readAddress(BytesStore<?, ?> in, long at, int size) {
    if (size == 4) {
      int raw = in.readInt(at);
      return IpAddress.v4(LITTLE_ENDIAN ? Integer.reverseBytes(raw) : raw);
    }
    long high = in.readLong(at);
    long low = in.readLong(at + 8);
    return LITTLE_ENDIAN ? IpAddress.v6(Long.reverseBytes(high), Long.reverseBytes(low))
        : IpAddress.v6(high, low);
  }

  private static String readString(BytesStore<?, ?> in, long at, int max) {
    byte[] bytes = new byte[Math.min(max, 64)];
    int n = 0;
    while (n < bytes.length) {
      byte b = in.readByte(at + n);
      if (b == 0) {
        break;
      }
      bytes[n++] = b;
    }
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  static int align(int length) {
    return (length + 3) & ~3;
  }
}
