package org.eccp.tun;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import org.eccp.nativ.Linux;
import org.eccp.nativ.NativeException;
import org.eccp.nativ.NativeMemory;
import org.eccp.nativ.SockAddr;
import org.eccp.nativ.Syscalls;

/**
 * Sends interface configuration requests (MTU, up, addresses) over a NETLINK_ROUTE socket and
 * waits for the kernel's acknowledgement, like {@code ip link set} and {@code ip addr add}.
 *
 * <p>The socket belongs to the network namespace of the thread that opened it, so requests act
 * there whichever thread sends them later. Calls are serialized. Layouts are from
 * {@code <linux/netlink.h>}, {@code <linux/rtnetlink.h>}, {@code <linux/if_addr.h>} and
 * {@code <linux/if_link.h>}; netlink fields are in host order, addresses in network order.
 */
final class RtnetlinkClient implements AutoCloseable {
  private static final int RTM_NEWLINK = 16;
  private static final int RTM_NEWADDR = 20;
  private static final int NLMSG_ERROR = 2;
  private static final int NLM_F_REQUEST = 0x1;
  private static final int NLM_F_ACK = 0x4;
  private static final int NLM_F_EXCL = 0x200;
  private static final int NLM_F_CREATE = 0x400;
  private static final int IFLA_MTU = 4;
  private static final int IFA_ADDRESS = 1;
  private static final int IFA_LOCAL = 2;
  /** Skips duplicate address detection, so an IPv6 address is usable at once. */
  private static final int IFA_F_NODAD = 0x02;
  private static final int HEADER = 16;
  private static final int BUFFER = 4096;

  private final int fd;
  private final SockAddr kernel = SockAddr.netlink(0, 0);
  private final NativeMemory request = new NativeMemory(BUFFER);
  private final NativeMemory reply = new NativeMemory(BUFFER);
  private int sequence;

  private RtnetlinkClient(int fd) {
    this.fd = fd;
  }

  /** Opens a socket in the calling thread's network namespace. */
  static RtnetlinkClient open() throws NativeException {
    int fd = Syscalls.socket(Linux.AF_NETLINK, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC,
        Linux.NETLINK_ROUTE);
    try {
      Syscalls.bind(fd, SockAddr.netlink(0, 0));
    } catch (NativeException e) {
      Syscalls.close(fd);
      throw e;
    }
    return new RtnetlinkClient(fd);
  }

  /** Sets the MTU of interface {@code ifindex} and brings it up. */
  synchronized void setUp(int ifindex, int mtu) throws IOException {
    request.clear();
    int length = header(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK);
    // struct ifinfomsg: family, pad, type, index, flags, change
    request.putInt(length + 4, ifindex);
    request.putInt(length + 8, Linux.IFF_UP);
    request.putInt(length + 12, Linux.IFF_UP);
    length += 16;
    length = attribute(length, IFLA_MTU, intBytes(mtu));
    transact(length, "set MTU " + mtu + " and up on interface " + ifindex);
  }

  /** Adds {@code address}/{@code prefix} to interface {@code ifindex}. */
  synchronized void addAddress(int ifindex, InetAddress address, int prefix) throws IOException {
    boolean v4 = address instanceof Inet4Address;
    int max = v4 ? 32 : 128;
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("invalid prefix length " + prefix + " for "
          + address.getHostAddress() + ": use 0.." + max);
    }
    request.clear();
    int length = header(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL);
    // struct ifaddrmsg: family, prefixlen, flags, scope, index
    request.putByte(length, v4 ? Linux.AF_INET : Linux.AF_INET6);
    request.putByte(length + 1, prefix);
    request.putByte(length + 2, v4 ? 0 : IFA_F_NODAD);
    request.putInt(length + 4, ifindex);
    length += 8;
    length = attribute(length, IFA_LOCAL, address.getAddress());
    length = attribute(length, IFA_ADDRESS, address.getAddress());
    transact(length, "add " + address.getHostAddress() + "/" + prefix + " to interface " + ifindex);
  }

  private int header(int type, int flags) {
    request.putShort(4, type);
    request.putShort(6, flags);
    request.putInt(8, ++sequence);
    return HEADER;
  }

  private int attribute(int at, int type, byte[] value) {
    request.putShort(at, 4 + value.length);
    request.putShort(at + 2, type);
    request.putBytes(at + 4, value);
    return at + ((4 + value.length + 3) & ~3);
  }

  private static byte[] intBytes(int value) {
    NativeMemory m = new NativeMemory(4);
    m.putInt(0, value);
    return m.getBytes(0, 4);
  }

  /** Sends the request and reads until its acknowledgement; a kernel error becomes an exception. */
  private void transact(int length, String what) throws IOException {
    request.putInt(0, length);
    Syscalls.sendto(fd, request.address(), length, 0, kernel);
    while (true) {
      int n = Syscalls.recvfrom(fd, reply.address(), BUFFER, 0, null);
      int at = 0;
      while (n - at >= HEADER) {
        int messageLength = reply.getInt(at);
        if (messageLength < HEADER || messageLength > n - at) {
          throw new IOException(what + ": malformed netlink reply");
        }
        if (reply.getShort(at + 4) == NLMSG_ERROR && reply.getInt(at + 8) == sequence
            && messageLength >= HEADER + 4) {
          int error = -reply.getInt(at + HEADER);
          if (error == 0) {
            return;
          }
          throw Syscalls.error(what, error);
        }
        at += (messageLength + 3) & ~3;
      }
    }
  }

  @Override
  public void close() {
    Syscalls.close(fd);
  }
}
