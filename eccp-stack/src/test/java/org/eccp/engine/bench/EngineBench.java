package org.eccp.engine.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.eccp.engine.ActionSink;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.Engine;
import org.eccp.engine.EngineConfig;
import org.eccp.engine.Event;
import org.eccp.engine.FlowView;
import org.eccp.engine.PreferencePolicy;
import org.eccp.engine.SeededEntropy;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Costs of the engine's receive paths. Run after {@code mvn -pl eccp-stack -am test-compile}:
 * {@code java -cp <test classpath> org.openjdk.jmh.Main EngineBench -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBench {
  private static final IpAddress A = IpAddress.parse("198.18.0.1");
  private static final IpAddress B = IpAddress.parse("198.18.1.1");

  private Engine a;
  private Engine b;
  private int[] flowIds;
  private int next;
  private Event.PacketIn data;
  private final ActionSink sink = new ActionSink() {
    @Override
    public void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {}

    @Override
    public void deliver(int connectionId, int flowId, int nextProtocol, byte[] payload) {}

    @Override
    public void notify(ConnectionEvent event) {}
  };

  /** Opens 10,000 connections from A to B so lookups miss the CPU caches, as on a busy host. */
  @Setup
  public void setup() {
    EngineConfig cfg = EngineConfig.defaults();
    a = new Engine(cfg, new SeededEntropy(1), new PreferencePolicy());
    b = new Engine(cfg, new SeededEntropy(2), new PreferencePolicy());
    a.handle(0, new Event.AddressAdded(1, A), sink);
    b.handle(0, new Event.AddressAdded(1, B), sink);
    b.handle(0, new Event.Listen(), sink);
    Relay relay = new Relay();
    for (int i = 0; i < 10_000; i++) {
      a.handle(0, new Event.Connect(A, B), relay);
      relay.drain();
    }
    flowIds = b.flows().stream().mapToInt(FlowView::localFlowId).toArray();
    SplittableRandom r = new SplittableRandom(3);
    for (int i = flowIds.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = flowIds[i];
      flowIds[i] = flowIds[j];
      flowIds[j] = t;
    }
    FlowView f = b.demux(flowIds[0]);
    data = new Event.PacketIn(A, B, new EccpPacket(PacketType.DATA, NextProtocol.DATAGRAM,
        f.remoteFlowId(), f.localFlowId(), f.localNonce(), 0, 0, null, null, 0, 0), new byte[64]);
  }

  /** Measures the data fast path: flowID lookup and nonce check. */
  @Benchmark
  public boolean demuxAndNonceCheck() {
    int id = flowIds[next++ % flowIds.length];
    FlowView f = b.demux(id);
    return f != null && f.nonceMatches(0x1234L);
  }

  /** Measures one data packet through {@code handle}, delivered to the sink. */
  @Benchmark
  public long handleDataPacket() {
    return b.handle(1, data, sink);
  }

  /** Moves the packets of one engine to the other until both are quiet. */
  private final class Relay implements ActionSink {
    private final java.util.ArrayDeque<Object[]> queue = new java.util.ArrayDeque<>();

    @Override
    public void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {
      queue.add(new Object[] {src, dst, header, payload});
    }

    @Override
    public void deliver(int connectionId, int flowId, int nextProtocol, byte[] payload) {}

    @Override
    public void notify(ConnectionEvent event) {}

    void drain() {
      while (!queue.isEmpty()) {
        Object[] p = queue.poll();
        Engine to = p[1].equals(A) ? a : b;
        to.handle(0, new Event.PacketIn((IpAddress) p[0], (IpAddress) p[1], (EccpPacket) p[2],
            (byte[]) p[3]), this);
      }
    }
  }
}
