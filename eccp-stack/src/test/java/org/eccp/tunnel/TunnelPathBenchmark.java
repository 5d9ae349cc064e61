package org.eccp.tunnel;

import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.link.ReceivedPacket;
import org.eccp.link.SimLink;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The tunnel's per-packet work between the system calls, on off-heap buffers: encapsulating an
 * inner packet read from the TUN device and decapsulating a received DATA packet before its
 * write to the TUN device. The flows come from two real engines that completed a handshake.
 * Run with tools/bench-micro; results are in docs/benchmarks.md. Not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TunnelPathBenchmark {
  /** An inner IPv4 TCP segment of a full 1460-byte inner MTU, as a bulk transfer sends. */
  private static final int INNER = 1460;
  private static final int HEADROOM = 64;

  private final TunnelPackets packets = new TunnelPackets(new TunnelCounters(), INNER);
  private final EccpHeader view = new EccpHeader();
  private final ReceivedPacket addresses = new ReceivedPacket();
  private Routes routes;
  private Routes.Route route;
  private Bytes<?> outbound;
  private Bytes<?> inbound;

  @Setup
  public void setup() {
    routes = EstablishedRoutes.serverSide(1, 2);
    route = routes.all[0];

    outbound = Bytes.allocateDirect(4096);
    outbound.singleThreadedCheckDisabled(true);
    writeInnerTcp(outbound, HEADROOM);

    inbound = Bytes.allocateDirect(4096);
    inbound.singleThreadedCheckDisabled(true);
    EccpPacket data = new EccpPacket(PacketType.DATA, NextProtocol.TUNNELLED_IP,
        route.dataHeader().receiverFlowId(), route.localFlowId(), route.localNonce(), 0, 0,
        null, null, 0, 0);
    new EccpHeader().wrap(inbound, HEADROOM, EccpHeader.FIXED_LENGTH).emit(data);
    writeInnerTcp(inbound, HEADROOM + EccpHeader.FIXED_LENGTH);
    receiveAddresses();
  }

  @TearDown
  public void tearDown() {
    outbound.releaseLast();
    inbound.releaseLast();
  }

  /** Fills {@link #addresses} as a link does for a packet from the client to the server. */
  private void receiveAddresses() {
    SimLink link = new SimLink((s, d, p) -> { });
    link.enqueue(EstablishedRoutes.CLIENT, EstablishedRoutes.SERVER, new byte[] {0});
    Bytes<?> scratch = Bytes.allocateElasticDirect(64);
    link.receive(scratch, addresses);
    scratch.releaseLast();
  }

  /** Writes an IPv4 TCP ACK segment of INNER bytes at {@code at}. */
  private static void writeInnerTcp(Bytes<?> b, long at) {
    b.writeByte(at, (byte) 0x45);
    b.writeShort(at + 2, Short.reverseBytes((short) INNER));
    b.writeByte(at + 8, (byte) 64);
    b.writeByte(at + 9, (byte) 6);
    b.writeInt(at + 12, Integer.reverseBytes(0xc6130002));
    b.writeInt(at + 16, Integer.reverseBytes(0xc6130001));
    b.writeByte(at + 20 + 12, (byte) 0x50);
    b.writeByte(at + 20 + 13, (byte) 0x10);
  }

  /**
   * The outbound work on an inner packet read from the TUN device: check it, clamp a SYN's MSS
   * (this one is no SYN) and write the DATA header of its flow in front of it.
   */
  @Benchmark
  public long encapsulate() {
    if (!packets.checkInner(outbound, HEADROOM, INNER)) {
      return -1;
    }
    return packets.encapsulate(outbound, HEADROOM, route);
  }

  /**
   * The inbound work on a received DATA packet: validate its ECCP header, match its flow, nonce
   * and destination, then check the inner packet and clamp a SYN's MSS.
   */
  @Benchmark
  public boolean decapsulate() {
    int length = EccpHeader.FIXED_LENGTH + INNER;
    if (!view.wrap(inbound, HEADROOM, length).check().ok()) {
      return false;
    }
    Routes.Route r = TunnelPackets.accept(view, addresses, routes);
    return r != null && packets.checkInner(inbound, view.payloadOffset(), view.payloadLength());
  }
}
