package org.eccp.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.BytesStore;
import org.eccp.wire.CheckResult;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpLocator;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketFramer;
import org.eccp.wire.PacketType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Micro-benchmarks of the ECCP codec on off-heap chronicle buffers. Run with tools/bench-micro;
 * results are recorded in docs/benchmarks.md. Not a test: Maven does not run it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
  private static final int PAYLOAD = 1400;
  private static final IpAddress SOURCE = IpAddress.parse("198.18.0.1");
  private static final IpAddress DESTINATION = IpAddress.parse("198.19.0.2");

  private final EccpPacket data = new EccpPacket(PacketType.DATA, NextProtocol.TUNNELLED_IP,
      0xa1, 0xb2, 0xb2b2b2b2b2b2b2b2L, 0, 0, null, null, 0, 0);
  private final EccpPacket ack = new EccpPacket(PacketType.ACK, NextProtocol.NONE,
      0xa1, 0xb2, 0xb2b2b2b2b2b2b2b2L, 1, 1, null, null, 0, 0);
  private final EccpPacket syn = new EccpPacket(PacketType.SYN, NextProtocol.NONE, 0xa1, 0, 0,
      1, 0, new InterfaceList(List.of(new InterfaceList.Entry(SOURCE, 0),
          new InterfaceList.Entry(IpAddress.parse("198.18.1.1"), 1))),
      null, 0xa1a1a1a1a1a1a1a1L, 0);

  private final EccpHeader view = new EccpHeader();
  private final PacketFramer rawFramer = new PacketFramer(Encapsulation.DEFAULT);
  private final PacketFramer udpFramer = new PacketFramer(Encapsulation.DEFAULT.withUdp(7400));
  private final EccpLocator locator = new EccpLocator(Encapsulation.DEFAULT);

  /** Scratch buffer that the emit and frame benchmarks write into. */
  private BytesStore<?, Void> out;
  /** A DATA packet: 20-byte header and payload. */
  private BytesStore<?, Void> dataPacket;
  /** The SYN above, as bytes. */
  private BytesStore<?, Void> synPacket;
  private int synLength;
  /** An IPv4 packet carrying the DATA packet, as the locator receives it. */
  private BytesStore<?, Void> ipPacket;
  private int ipLength;

  @Setup(Level.Trial)
  public void setUp() {
    out = BytesStore.nativeStoreWithFixedCapacity(PacketFramer.MAX_HEADROOM + PAYLOAD);
    dataPacket = BytesStore.nativeStoreWithFixedCapacity(EccpHeader.FIXED_LENGTH + PAYLOAD);
    new EccpHeader().wrap(dataPacket, 0, EccpHeader.FIXED_LENGTH + PAYLOAD).emit(data);
    synLength = EccpHeader.lengthOf(syn);
    synPacket = BytesStore.nativeStoreWithFixedCapacity(synLength);
    new EccpHeader().wrap(synPacket, 0, synLength).emit(syn);
    ipPacket = BytesStore.nativeStoreWithFixedCapacity(PacketFramer.MAX_HEADROOM + PAYLOAD);
    long start = rawFramer.frame(ipPacket, PacketFramer.MAX_HEADROOM, PAYLOAD, data, SOURCE,
        DESTINATION);
    ipLength = (int) (PacketFramer.MAX_HEADROOM + PAYLOAD - start);
    ipPacket = copyFrom(ipPacket, start, ipLength);
  }

  private static BytesStore<?, Void> copyFrom(BytesStore<?, Void> from, long start, int length) {
    BytesStore<?, Void> copy = BytesStore.nativeStoreWithFixedCapacity(length);
    for (int i = 0; i < length; i++) {
      copy.writeByte(i, from.readByte(start + i));
    }
    from.releaseLast();
    return copy;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    out.releaseLast();
    dataPacket.releaseLast();
    synPacket.releaseLast();
    ipPacket.releaseLast();
  }

  /** Check and read the fixed fields of a DATA header: the receive data path. */
  @Benchmark
  public long parseFixedHeader() {
    CheckResult result = view.wrap(dataPacket, 0, EccpHeader.FIXED_LENGTH + PAYLOAD).check();
    if (!result.ok()) {
      return -1;
    }
    return view.senderFlowId() + view.receiverFlowId() + view.nonce() + view.nextProtocol()
        + view.payloadOffset();
  }

  /** Check a SYN with ILIST and SENDER_NONCE and parse it into an EccpPacket. */
  @Benchmark
  public EccpPacket parseControlPacket() {
    view.wrap(synPacket, 0, synLength).check();
    return view.toPacket();
  }

  /** Emit a DATA header from a value cached per flow. */
  @Benchmark
  public int emitDataHeader() {
    return view.wrap(out, 0, EccpHeader.FIXED_LENGTH).emit(data);
  }

  /** Emit an ACK header (28 bytes, no extensions). */
  @Benchmark
  public int emitAckHeader() {
    return view.wrap(out, 0, EccpHeader.CONTROL_MIN_LENGTH).emit(ack);
  }

  /** Emit the SYN with a two-entry ILIST and SENDER_NONCE. */
  @Benchmark
  public int emitSynHeader() {
    return view.wrap(out, 0, synLength).emit(syn);
  }

  /** Write ECCP and IPv4 headers in front of a 1400-byte payload, IPv4 checksum included. */
  @Benchmark
  public long frameInPlaceIpv4() {
    return rawFramer.frame(out, PacketFramer.MAX_HEADROOM, PAYLOAD, data, SOURCE, DESTINATION);
  }

  /** As frameInPlaceIpv4 with UDP, whose checksum covers the 1400-byte payload. */
  @Benchmark
  public long frameInPlaceIpv4Udp() {
    return udpFramer.frame(out, PacketFramer.MAX_HEADROOM, PAYLOAD, data, SOURCE, DESTINATION);
  }

  /** Locate and check the ECCP header inside a received IPv4 packet. */
  @Benchmark
  public long locateAndCheckIpv4() {
    if (!locator.locate(ipPacket, 0, ipLength).ok() || !locator.header().check().ok()) {
      return -1;
    }
    return locator.header().senderFlowId();
  }
}
