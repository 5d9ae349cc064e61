package org.eccp.nativ;

/**
 * Linux constants for x86_64 and aarch64, each with the header that defines it.
 *
 * <p>The values are ABI constants of Linux and glibc; they are the same on every architecture that
 * this project runs on (x86_64, aarch64), which is why they are not looked up at run time.
 */
public final class Linux {
  private Linux() {}

  // <asm-generic/errno-base.h>, <asm-generic/errno.h>
  public static final int EINTR = 4;
  public static final int EBADF = 9;
  public static final int EAGAIN = 11;
  public static final int ENOBUFS = 105;
  /** Address family not supported, as when IPv6 is disabled in the kernel. */
  public static final int EAFNOSUPPORT = 97;
  public static final int EPERM = 1;
  public static final int EIO = 5;
  public static final int EINVAL = 22;
  public static final int EMSGSIZE = 90;
  public static final int ENOPROTOOPT = 92;
  public static final int ENOENT = 2;

  // <asm-generic/fcntl.h>
  public static final int O_RDONLY = 0;
  public static final int O_RDWR = 2;
  public static final int O_NONBLOCK = 0x800;
  public static final int O_CLOEXEC = 0x80000;
  public static final int F_GETFL = 3;
  public static final int F_SETFL = 4;

  // <sys/eventfd.h>
  public static final int EFD_NONBLOCK = O_NONBLOCK;
  public static final int EFD_CLOEXEC = O_CLOEXEC;

  // <asm-generic/poll.h>
  public static final short POLLIN = 0x1;
  public static final short POLLOUT = 0x4;
  public static final short POLLERR = 0x8;
  public static final short POLLHUP = 0x10;
  public static final short POLLNVAL = 0x20;

  // <bits/socket.h>, <linux/socket.h>
  public static final int AF_UNSPEC = 0;
  public static final int AF_INET = 2;
  public static final int AF_INET6 = 10;
  public static final int AF_NETLINK = 16;
  public static final int SOCK_STREAM = 1;
  public static final int SOCK_DGRAM = 2;
  public static final int SOCK_RAW = 3;
  public static final int SOCK_NONBLOCK = O_NONBLOCK;
  public static final int SOCK_CLOEXEC = O_CLOEXEC;
  public static final int MSG_DONTWAIT = 0x40;
  public static final int MSG_TRUNC = 0x20;

  // <asm-generic/socket.h>
  public static final int SOL_SOCKET = 1;
  public static final int SO_REUSEADDR = 2;
  public static final int SO_SNDBUF = 7;
  public static final int SO_RCVBUF = 8;
  public static final int SO_REUSEPORT = 15;
  public static final int SO_SNDBUFFORCE = 32;
  public static final int SO_RCVBUFFORCE = 33;
  public static final int SO_BINDTODEVICE = 25;

  // <netinet/in.h>, <linux/in.h>
  public static final int IPPROTO_IP = 0;
  public static final int IPPROTO_ICMP = 1;
  public static final int IPPROTO_TCP = 6;
  public static final int IPPROTO_UDP = 17;
  public static final int IPPROTO_IPV6 = 41;
  public static final int IPPROTO_ICMPV6 = 58;
  public static final int IPPROTO_RAW = 255;
  public static final int SOL_UDP = 17;
  /** UDP generic segmentation offload: a cmsg or option whose value is the segment size. */
  public static final int UDP_SEGMENT = 103;
  /** UDP receive offload: the socket accepts coalesced datagrams and reports the segment size. */
  public static final int UDP_GRO = 104;
  public static final int IP_HDRINCL = 3;
  public static final int IP_PKTINFO = 8;
  public static final int IP_RECVERR = 11;
  /** The path MTU of a connected socket's route (getsockopt only). */
  public static final int IP_MTU = 14;
  public static final int IPV6_MTU = 24;
  /** <linux/icmp.h>: a raw ICMP socket's filter, a bit mask of the ICMP types to drop. */
  public static final int SOL_RAW = 255;
  public static final int ICMP_FILTER = 1;
  public static final int IPV6_RECVPKTINFO = 49;
  public static final int IPV6_PKTINFO = 50;
  public static final int IPV6_V6ONLY = 26;
  public static final int IPV6_HDRINCL = 36;

  // <linux/if.h>
  public static final int IFNAMSIZ = 16;
  public static final short IFF_UP = 0x1;
  public static final short IFF_RUNNING = 0x40;
  public static final int IFREQ_SIZE = 40;

  // <linux/if_tun.h>
  public static final short IFF_TUN = 0x0001;
  public static final short IFF_NO_PI = 0x1000;
  public static final short IFF_VNET_HDR = 0x4000;
  public static final short IFF_MULTI_QUEUE = 0x0100;
  public static final long TUNSETIFF = 0x400454caL;
  public static final long TUNSETPERSIST = 0x400454cbL;
  public static final long TUNSETOFFLOAD = 0x400454d0L;

  // <sched.h>
  public static final int CLONE_NEWNET = 0x40000000;

  // <linux/netlink.h>
  public static final int NETLINK_ROUTE = 0;
  public static final int SOL_NETLINK = 270;
  public static final int NETLINK_NO_ENOBUFS = 5;
}
