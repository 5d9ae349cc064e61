package org.eccp.tunnel;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.NativeException;
import org.eccp.nativ.Syscalls;
import org.eccp.nativ.WakeableFd;
import org.eccp.wire.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the ICMPv4 "destination unreachable" messages that reach this network namespace, on
 * a raw ICMP socket of its own (the kernel gives such a socket a copy of every ICMP message), and
 * hands each valid "fragmentation needed" about one of the tunnel's outer packets to
 * {@link PathMtus}. Malformed messages are counted and dropped.
 *
 * <p>NOTE: ICMPv6 "packet too big" for IPv6 outer paths is not received yet; such a path learns
 * its MTU only from EMSGSIZE and from the kernel when a flow moves.
 */
final class IcmpListener implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IcmpListener.class);
  private static final int DESTINATION_UNREACHABLE = 3;
  private static final int CAPACITY = 65536;

  private final WakeableFd socket;
  private final PathMtus pathMtus;
  private final TunnelCounters counters;
  private final int protocol;
  private final int udpPort;
  private final Bytes<?> buffer = Bytes.allocateDirect(CAPACITY);
  private volatile boolean stopping;

  private IcmpListener(WakeableFd socket, PathMtus pathMtus, TunnelCounters counters,
      int protocol, int udpPort) {
    this.socket = socket;
    this.pathMtus = pathMtus;
    this.counters = counters;
    this.protocol = protocol;
    this.udpPort = udpPort;
    buffer.singleThreadedCheckDisabled(true);
  }

  /**
   * Opens the raw ICMP socket in the calling thread's network namespace; {@code protocol} and
   * {@code udpPort} describe the outer packets as in {@link FragNeeded#parse}.
   */
  static IcmpListener open(PathMtus pathMtus, TunnelCounters counters, int protocol,
      int udpPort) throws IOException {
    int fd = Syscalls.socket(Linux.AF_INET, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC,
        Linux.IPPROTO_ICMP);
    try {
      // The filter's bits name the types to drop: every type but "destination unreachable".
      Syscalls.setsockopt(fd, Linux.SOL_RAW, Linux.ICMP_FILTER, ~(1 << DESTINATION_UNREACHABLE));
    } catch (NativeException e) {
      Syscalls.close(fd);
      throw e;
    }
    return new IcmpListener(WakeableFd.wrap(fd, "raw ICMP socket"), pathMtus, counters,
        protocol, udpPort);
  }

  @Override
  public void run() {
    try {
      while (!stopping) {
        int n = socket.recvfrom(buffer.addressForWrite(0), CAPACITY, null);
        if (n >= 0) {
          handle(n);
        }
      }
    } catch (NativeException e) {
      if (!stopping) {
        LOG.error("receiving ICMP failed: {}; path MTUs now change only on EMSGSIZE",
            e.getMessage());
      }
    } finally {
      buffer.releaseLast();
    }
  }

  /** Checks one received message and applies it; package-private for tests. */
  void handle(int length) {
    FragNeeded.Parsed p = FragNeeded.parse(buffer, 0, length, protocol, udpPort);
    if (p.problem() != null) {
      switch (p.problem()) {
        case OTHER_TYPE, NOT_ECCP -> { }
        default -> {
          counters.icmpMalformed.incrementAndGet();
          LOG.debug("dropped a {}-byte ICMP message: {}", length, p.problem());
        }
      }
      return;
    }
    IpAddress router = IpAddress.v4(MssClamp.get16(buffer, 12) << 16
        | MssClamp.get16(buffer, 14));
    if (pathMtus.onFragNeeded(p.message(), router)) {
      counters.icmpFragNeeded.incrementAndGet();
    } else {
      counters.icmpUnmatched.incrementAndGet();
      LOG.debug("ignored a fragmentation-needed from {} that matches no flow: {}", router,
          p.message());
    }
  }

  Bytes<?> buffer() {
    return buffer;
  }

  @Override
  public void close() {
    stopping = true;
    socket.close();
  }
}
