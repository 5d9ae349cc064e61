package org.eccp.tunnel;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.NativeException;
import org.eccp.nativ.Syscalls;
import org.eccp.nativ.WakeableFd;
import org.eccp.tun.TunDevice;
import org.eccp.wire.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the ICMPv4 "destination unreachable" messages that reach this network namespace, on
 * a raw ICMP socket of its own (the kernel gives such a socket a copy of every ICMP message), and
 * hands each valid "fragmentation needed" about one of the tunnel's outer packets to
 * {@link PathMtus}. When the router quoted the start of the inner packet, the inner sender gets
 * its ICMP error at once, from the quote, rather than when it sends its next large packet.
 * Malformed messages are counted and dropped.
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
  /** Replies of its own, with their own rate limit: the outbound thread's are not shared. */
  private final TooBigReplies replies;
  private volatile boolean stopping;

  private IcmpListener(WakeableFd socket, TunDevice tun, PathMtus pathMtus,
      TunnelCounters counters, int protocol, int udpPort) {
    this.socket = socket;
    this.replies = new TooBigReplies(tun, counters);
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
  static IcmpListener open(TunDevice tun, PathMtus pathMtus, TunnelCounters counters,
      int protocol, int udpPort) throws IOException {
    int fd = Syscalls.socket(Linux.AF_INET, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC,
        Linux.IPPROTO_ICMP);
    try {
      // The filter's bits name the types to drop: every type but "destination unreachable".
      Syscalls.setsockopt(fd, Linux.SOL_RAW, Linux.ICMP_FILTER, ~(1 << DESTINATION_UNREACHABLE));
    } catch (NativeException e) {
      Syscalls.close(fd);
      throw e;
    }
    return new IcmpListener(WakeableFd.wrap(fd, "raw ICMP socket"), tun, pathMtus, counters,
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
      replies.close();
    }
  }

  /** Checks one received message and applies it. */
  private void handle(int length) {
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
    PathMtu pmtu = pathMtus.onFragNeeded(p.message(), router);
    if (pmtu != null) {
      counters.icmpFragNeeded.incrementAndGet();
      answerQuotedInner(p.message(), pmtu.inner());
    } else {
      counters.icmpUnmatched.incrementAndGet();
      LOG.debug("ignored a fragmentation-needed from {} that matches no flow: {}", router,
          p.message());
    }
  }

  /**
   * Sends the ICMP error for the inner packet that the router quoted, when the quote contains its
   * IP header and 8 more bytes (what the sender's kernel needs to find the socket).
   */
  private void answerQuotedInner(FragNeeded m, int innerMtu) {
    long start = m.innerStart();
    int quoted = m.innerQuoted();
    if (quoted < 28) {
      return;
    }
    int version = buffer.readUnsignedByte(start) >>> 4;
    int header = version == 4 ? (buffer.readUnsignedByte(start) & 0x0f) * 4 : 40;
    if ((version != 4 && version != 6) || header < 20 || quoted < header + 8) {
      return;
    }
    TooBigMessages.Kind kind = TooBigMessages.classify(buffer, start, quoted);
    if (kind == TooBigMessages.Kind.NO_DF || kind == TooBigMessages.Kind.NO_REPLY) {
      return;
    }
    replies.reply(kind, buffer, start, quoted, innerMtu, System.nanoTime());
  }

  @Override
  public void close() {
    stopping = true;
    socket.close();
  }
}
