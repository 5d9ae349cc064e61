package org.eccp.tcplite.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.eccp.engine.ActionSink;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.Counters;
import org.eccp.engine.Engine;
import org.eccp.engine.EngineConfig;
import org.eccp.engine.Event;
import org.eccp.engine.FlowView;
import org.eccp.engine.PreferencePolicy;
import org.eccp.engine.SeededEntropy;
import org.eccp.sim.HostEngine;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.TcpLite;
import org.eccp.tcplite.TcpLiteConfig;
import org.eccp.tcplite.TcpLiteConnection;
import org.eccp.tcplite.TcpLiteListener;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;

/**
 * A simulated host's engine with tcp-lite on top: the real ECCP engine, and a real tcp-lite
 * engine attached for next protocol {@link NextProtocol#TCP_LITE}. Work that tcp-lite does is
 * queued while the ECCP engine runs and done after it returns, so neither engine is re-entered;
 * tcp-lite's segments go out as {@link Event.SendData}. Application callbacks are queued the
 * same way and handed to {@link App} after the engines are done.
 */
final class TcpLiteHost implements HostEngine {
  /** The application of the host, called after each engine step with what happened. */
  interface App {
    default void accepted(TcpLiteConnection c, long now) {}

    default void connected(TcpLiteConnection c, long now) {}

    default void readable(TcpLiteConnection c, long now) {}

    default void writable(TcpLiteConnection c, long now) {}

    default void closed(TcpLiteConnection c, CloseReason reason, long now) {}
  }

  final Engine engine;
  final TcpLite tcp;
  private final ArrayDeque<Runnable> work = new ArrayDeque<>();
  private final ArrayDeque<Object[]> outgoing = new ArrayDeque<>();
  private final List<ConnectionEvent> events = new ArrayList<>();
  App app = new App() {};
  private long now;
  private boolean draining;
  long segmentsRefused;
  /** When set, the initial sequence number of every connection this host accepts. */
  Integer fixedIsn;

  TcpLiteHost(long seed, TcpLiteConfig config) {
    SplittableRandom rnd = new SplittableRandom(seed);
    engine = new Engine(EngineConfig.defaults(), new SeededEntropy(rnd.nextLong()),
        new PreferencePolicy());
    SplittableRandom isn = rnd.split();
    tcp = new TcpLite(config, this::usableFlows, (c, f, seg) -> outgoing.add(new Object[] {f, seg}),
        new Callbacks(), () -> fixedIsn != null ? fixedIsn : isn.nextInt());
  }

  private int[] usableFlows(int connectionId) {
    ConnectionView c = engine.connection(connectionId);
    if (c == null) {
      return new int[0];
    }
    return c.flows().stream().filter(f -> f.state().sendsData()).mapToInt(FlowView::localFlowId)
        .toArray();
  }

  /** Runs {@code action} on tcp-lite at {@code now}; the caller then ticks the host to flush. */
  void at(long now) {
    this.now = now;
  }

  @Override
  public long handle(long now, Event event, ActionSink out) {
    this.now = now;
    ActionSink sink = new Sink(out);
    long r = engine.handle(now, event, sink);
    if (event instanceof Event.Tick) {
      work.add(() -> tcp.tick(now));
    }
    if (!draining) {
      drain(sink);
    }
    return r;
  }

  private void drain(ActionSink sink) {
    draining = true;
    try {
      while (!work.isEmpty() || !outgoing.isEmpty()) {
        while (!outgoing.isEmpty()) {
          Object[] o = outgoing.poll();
          if (engine.handle(now, new Event.SendData((Integer) o[0], NextProtocol.TCP_LITE,
              (byte[]) o[1]), sink) == 0) {
            segmentsRefused++;
          }
        }
        Runnable r = work.poll();
        if (r != null) {
          r.run();
        }
      }
    } finally {
      draining = false;
    }
  }

  @Override
  public long nextDeadline() {
    return Math.min(engine.nextDeadline(), tcp.nextDeadline());
  }

  @Override
  public List<ConnectionView> connections() {
    return List.copyOf(engine.connections());
  }

  @Override
  public Counters counters() {
    return engine.counters();
  }

  @Override
  public HostEngine copy() {
    throw new UnsupportedOperationException("tcp-lite hosts are not explored");
  }

  @Override
  public long stateHash() {
    return engine.stateHash();
  }

  List<ConnectionEvent> events() {
    return List.copyOf(events);
  }

  private final class Sink implements ActionSink {
    private final ActionSink next;

    Sink(ActionSink next) {
      this.next = next;
    }

    @Override
    public void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {
      next.send(src, dst, header, payload);
    }

    @Override
    public void deliver(int connectionId, int localFlowId, int nextProtocol, byte[] payload) {
      if (nextProtocol == NextProtocol.TCP_LITE) {
        long t = now;
        work.add(() -> tcp.receive(t, connectionId, localFlowId, payload));
      } else {
        next.deliver(connectionId, localFlowId, nextProtocol, payload);
      }
    }

    @Override
    public void notify(ConnectionEvent e) {
      events.add(e);
      next.notify(e);
      long t = now;
      work.add(() -> tcp.connectionEvent(t, e));
    }
  }

  private final class Callbacks implements TcpLiteListener {
    @Override
    public void accepted(TcpLiteConnection c) {
      long t = now;
      work.add(() -> app.accepted(c, t));
    }

    @Override
    public void connected(TcpLiteConnection c) {
      long t = now;
      work.add(() -> app.connected(c, t));
    }

    @Override
    public void readable(TcpLiteConnection c) {
      long t = now;
      work.add(() -> app.readable(c, t));
    }

    @Override
    public void writable(TcpLiteConnection c) {
      long t = now;
      work.add(() -> app.writable(c, t));
    }

    @Override
    public void closed(TcpLiteConnection c, CloseReason reason) {
      long t = now;
      work.add(() -> app.closed(c, reason, t));
    }
  }
}
