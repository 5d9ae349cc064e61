package org.eccp.bench;

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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The engine's flowID demux ({@link Engine#demux}) and nonce check, the first step for every
 * received DATA packet, with 1 flow and with 1,000,000. Each flow is opened with a real
 * Connect, so the table contains real flows; the lookups visit the flows in a seeded random order,
 * so with a million flows most of them miss the CPU caches. Run with tools/bench-micro; results
 * are in docs/benchmarks.md. Not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DemuxBenchmark {
  private static final IpAddress A = IpAddress.parse("198.18.0.1");
  private static final IpAddress B = IpAddress.parse("198.18.1.1");

  @Param({"1", "1000000"})
  public int flows;

  private Engine engine;
  /** The flowIDs to look up, a power of two of them, in a seeded random order. */
  private int[] lookups;
  private long[] nonces;
  private int next;

  @Setup
  public void setup() {
    EngineConfig config = EngineConfig.defaults().withLimits(flows + 16, 1024, 16);
    engine = new Engine(config, new SeededEntropy(1), new PreferencePolicy());
    ActionSink discard = new ActionSink() {
      @Override
      public void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {}

      @Override
      public void deliver(int connectionId, int flowId, int nextProtocol, byte[] payload) {}

      @Override
      public void notify(ConnectionEvent event) {}
    };
    engine.handle(0, new Event.AddressAdded(1, A), discard);
    for (int i = 0; i < flows; i++) {
      engine.handle(0, new Event.Connect(A, B), discard);
    }
    int[] ids = engine.flows().stream().mapToInt(FlowView::localFlowId).toArray();
    if (ids.length != flows) {
      throw new IllegalStateException("opened " + ids.length + " flows, expected " + flows);
    }
    int size = Integer.highestOneBit(Math.max(1, flows * 2 - 1));
    lookups = new int[size];
    nonces = new long[size];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < size; i++) {
      lookups[i] = ids[random.nextInt(ids.length)];
      nonces[i] = engine.demux(lookups[i]).localNonce();
    }
  }

  /** Looks up one flow by its flowID and checks a packet's nonce against it. */
  @Benchmark
  public boolean demuxAndCheckNonce() {
    int i = next++ & (lookups.length - 1);
    FlowView f = engine.demux(lookups[i]);
    return f != null && f.nonceMatches(nonces[i]);
  }
}
