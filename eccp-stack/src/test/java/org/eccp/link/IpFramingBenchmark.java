package org.eccp.link;

import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.IpAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The raw IP link's per-packet work besides the system call, on an off-heap buffer: writing the
 * outer IPv4 header in front of a 1480-byte ECCP packet, and validating a received one and
 * reading its addresses. Run with tools/bench-micro; results are in docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IpFramingBenchmark {
  private static final IpAddress LOCAL = IpAddress.parse("198.18.0.1");
  private static final IpAddress REMOTE = IpAddress.parse("198.18.1.1");
  private static final int ECCP = 1480;
  private static final int HEADROOM = 64;

  private final IpFraming framing = new IpFraming(253, 64);
  private final LinkCounters counters = new LinkCounters();
  private final ReceivedPacket addresses = new ReceivedPacket();
  private Bytes<?> buffer;
  private Bytes<?> received;

  @Setup
  public void setup() {
    buffer = Bytes.allocateDirect(4096);
    buffer.singleThreadedCheckDisabled(true);
    received = Bytes.allocateDirect(4096);
    received.singleThreadedCheckDisabled(true);
    received.readPositionRemaining(HEADROOM, ECCP);
    long start = framing.prepend(received, LOCAL, REMOTE);
    received.readPositionRemaining(start, ECCP + 20);
  }

  @TearDown
  public void tearDown() {
    buffer.releaseLast();
    received.releaseLast();
  }

  /** Writes the IPv4 header, checksum included, as {@link RawIpLink#send} does. */
  @Benchmark
  public long prependIpv4() {
    buffer.readPositionRemaining(HEADROOM, ECCP);
    return framing.prepend(buffer, LOCAL, REMOTE);
  }

  /** Validates the IPv4 header and stores the addresses, as {@link RawIpLink#receive} does. */
  @Benchmark
  public boolean unwrapIpv4() {
    return framing.unwrap(received, HEADROOM - 20, ECCP + 20, addresses, counters);
  }
}
