package org.eccp.tunnel;

import org.eccp.nativ.Linux;
import org.eccp.nativ.NativeException;
import org.eccp.nativ.SockAddr;
import org.eccp.nativ.Syscalls;
import org.eccp.wire.IpAddress;

/**
 * Reads the MTU that the kernel has for a path: it binds a UDP socket to the local address,
 * connects it to the remote one and reads IP_MTU (IPV6_MTU). That is the route's MTU: the
 * outgoing interface's, or lower when the kernel has learned a smaller path MTU from an ICMP
 * error. Connecting a UDP socket only looks the route up and sends nothing. Runs in the network
 * namespace of the calling thread.
 */
final class KernelMtu {
  /** A port for the route lookup; no datagram is ever sent to it. */
  private static final int DISCARD_PORT = 9;

  private KernelMtu() {}

  /** Returns the kernel's MTU from {@code local} to {@code remote}, or -1 when it has no route. */
  static int of(IpAddress local, IpAddress remote) {
    boolean v6 = remote.isV6();
    int fd;
    try {
      fd = Syscalls.socket(v6 ? Linux.AF_INET6 : Linux.AF_INET,
          Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
    } catch (NativeException e) {
      return -1;
    }
    try {
      try {
        Syscalls.bind(fd, address(local, 0));
      } catch (NativeException e) {
        // The address just went away: the route without a source is the best guess left.
      }
      Syscalls.connect(fd, address(remote, DISCARD_PORT));
      return v6 ? Syscalls.getsockopt(fd, Linux.IPPROTO_IPV6, Linux.IPV6_MTU)
          : Syscalls.getsockopt(fd, Linux.IPPROTO_IP, Linux.IP_MTU);
    } catch (NativeException e) {
      return -1;
    } finally {
      Syscalls.close(fd);
    }
  }

  private static SockAddr address(IpAddress a, int port) {
    return a.isV6() ? SockAddr.inet6(a.high(), a.low(), port, 0) : SockAddr.inet4(a.v4Bits(), port);
  }
}
