package org.eccp.tunnel;

import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.NativeException;
import org.eccp.tun.TunDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles an inner packet that does not fit its flow's path MTU (one thread per instance): it is
 * dropped and counted, and the sender gets an ICMP "fragmentation needed" (IPv4 with DF) or
 * "packet too big" (IPv6) through the TUN device, at most {@link #PER_SECOND} a second, so that
 * an unmodified sender lowers its path MTU and sends again. Each drop is logged at DEBUG and a
 * summary at INFO at most every {@link #SUMMARY_NANOS}.
 */
final class TooBigReplies implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TooBigReplies.class);
  /** ICMP errors a second: enough for several senders, too few to flood the TUN device. */
  static final int PER_SECOND = 100;
  static final int BURST = 20;
  static final long SUMMARY_NANOS = 10_000_000_000L;

  private final TunDevice tun;
  private final TunnelCounters counters;
  private final RateLimit limit = new RateLimit(PER_SECOND, BURST);
  private final Bytes<?> out = Bytes.allocateDirect(TooBigMessages.MAX_LENGTH);
  private long summaryAt;
  private boolean summaryStarted;
  private long dropped;
  private long replied;

  TooBigReplies(TunDevice tun, TunnelCounters counters) {
    this.tun = tun;
    this.counters = counters;
    out.singleThreadedCheckDisabled(true);
  }

  /** Drops the inner packet of {@code length} bytes at {@code start}, too big for {@code mtu}. */
  void handle(Bytes<?> buffer, long start, int length, int mtu, int flowId, long now) {
    counters.dropTooBig.incrementAndGet();
    dropped++;
    TooBigMessages.Kind kind = TooBigMessages.classify(buffer, start, length);
    LOG.debug("dropped a {}-byte inner packet on flow {}: the path carries {} ({})", length,
        Integer.toUnsignedString(flowId), mtu, kind);
    if (kind == TooBigMessages.Kind.NO_DF) {
      counters.dropTooBigNoDf.incrementAndGet();
    } else if (kind != TooBigMessages.Kind.NO_REPLY && reply(kind, buffer, start, length, mtu,
        now)) {
      replied++;
    }
    summarize(length, mtu, flowId, now);
  }

  /**
   * Writes the ICMP error of {@code kind} for the packet at {@code start}, of which
   * {@code length} bytes are at hand, into the TUN device unless the rate limit is reached;
   * returns whether it was written.
   */
  boolean reply(TooBigMessages.Kind kind, Bytes<?> buffer, long start, int length, int mtu,
      long now) {
    if (!limit.tryTake(now)) {
      counters.icmpRateLimited.incrementAndGet();
      return false;
    }
    int n = TooBigMessages.build(kind, buffer, start, length, mtu, out, 0);
    out.readPositionRemaining(0, n);
    try {
      tun.write(out);
      counters.icmpTooBigSent.incrementAndGet();
      return true;
    } catch (NativeException e) {
      counters.dropTunWrite.incrementAndGet();
      LOG.debug("writing an ICMP error to {} failed: {}", tun.name(), e.getMessage());
      return false;
    }
  }

  /**
   * Logs the drops at INFO: at once when they start after a quiet period, then at most once
   * every {@link #SUMMARY_NANOS}.
   */
  private void summarize(int length, int mtu, int flowId, long now) {
    if (summaryStarted && now - summaryAt < SUMMARY_NANOS) {
      return;
    }
    if (dropped == 1) {
      LOG.info("tunnel {}: dropped a {}-byte inner packet larger than the path MTU of flow {} "
          + "(inner {}); such drops are answered with ICMP errors and summed up every {} s",
          tun.name(), length, Integer.toUnsignedString(flowId), mtu,
          SUMMARY_NANOS / 1_000_000_000L);
    } else {
      LOG.info("tunnel {}: dropped {} inner packets larger than the path MTU in the last {} ms, "
          + "answered {} with ICMP errors", tun.name(), dropped, (now - summaryAt) / 1_000_000,
          replied);
    }
    summaryStarted = true;
    summaryAt = now;
    dropped = 0;
    replied = 0;
  }

  @Override
  public void close() {
    out.releaseLast();
  }
}
