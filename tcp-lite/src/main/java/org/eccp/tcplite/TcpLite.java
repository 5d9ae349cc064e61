package org.eccp.tcplite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.eccp.engine.ConnectionEvent;
import org.eccp.tcplite.wire.Flags;
import org.eccp.tcplite.wire.Segment;
import org.eccp.tcplite.wire.SegmentHeader;
import org.eccp.tcplite.wire.SegmentProblem;
import org.eccp.tcplite.wire.Seq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tcp-lite engine of one host: every connection over every ECCP connection, keyed by ECCP
 * connection and port pair. Pure like the ECCP engine: each call takes {@code now}
 * (nanoseconds), the initial sequence numbers come from a source passed in, and the runtime
 * calls {@link #tick} when {@link #nextDeadline} is due. Segments leave through a
 * {@link SegmentOutput}; the application hears of events through a {@link TcpLiteListener}.
 * Not thread-safe: one caller at a time.
 */
public final class TcpLite {
  private static final Logger LOG = LoggerFactory.getLogger(TcpLite.class);

  private final TcpLiteConfig config;
  private final FlowDirectory directory;
  private final SegmentOutput output;
  private final TcpLiteListener listener;
  private final IntSupplier isnSource;
  private final Map<Long, Tcb> tcbs = new HashMap<>();
  private final Set<Integer> listening = new HashSet<>();
  private final TcpLiteCounters counters = new TcpLiteCounters();
  private final Segment view = new Segment();

  public TcpLite(TcpLiteConfig config, FlowDirectory directory, SegmentOutput output,
      TcpLiteListener listener, IntSupplier isnSource) {
    this.config = config;
    this.directory = directory;
    this.output = output;
    this.listener = listener;
    this.isnSource = isnSource;
  }

  /** Accepts connections to {@code port} from now on. */
  public void listen(int port) {
    checkPort(port);
    listening.add(port);
  }

  public void unlisten(int port) {
    listening.remove(port);
  }

  /** Opens a connection over ECCP connection {@code connectionId}; sends its SYN. */
  public TcpLiteConnection connect(long now, int connectionId, int localPort, int remotePort) {
    return connect(now, connectionId, localPort, remotePort, isnSource.getAsInt());
  }

  /** As {@link #connect(long, int, int, int)} with a chosen initial sequence number. */
  public TcpLiteConnection connect(long now, int connectionId, int localPort, int remotePort,
      int isn) {
    checkPort(localPort);
    checkPort(remotePort);
    long key = key(connectionId, localPort, remotePort);
    if (tcbs.containsKey(key)) {
      throw new IllegalStateException("ports " + localPort + "/" + remotePort
          + " are in use on connection " + connectionId);
    }
    Tcb t = new Tcb(this, connectionId, localPort, remotePort, isn, now, TcpLiteState.SYN_SENT);
    tcbs.put(key, t);
    LOG.debug("connection {} opens {}>{}", connectionId, localPort, remotePort);
    t.pump(now);
    return t.handle;
  }

  /** Processes a payload that arrived on a flow. Malformed ones are counted and dropped. */
  public void receive(long now, int connectionId, int flowId, byte[] payload) {
    Segment s = view.wrap(payload);
    SegmentProblem problem = s.check();
    if (problem != null) {
      counters.malformed.merge(problem, 1L, Long::sum);
      LOG.debug("drops a malformed segment on flow {}: {}", flowId, problem);
      return;
    }
    counters.segmentsIn++;
    Tcb t = tcbs.get(key(connectionId, s.dstPort(), s.srcPort()));
    if (t == null) {
      t = accept(now, connectionId, s);
    }
    if (t == null) {
      refuse(now, connectionId, flowId, s);
      return;
    }
    t.input(now, flowId, s);
  }

  private Tcb accept(long now, int connectionId, Segment s) {
    if (!s.has(Flags.SYN) || s.has(Flags.ACK) || !listening.contains(s.dstPort())) {
      return null;
    }
    Tcb t = new Tcb(this, connectionId, s.dstPort(), s.srcPort(), isnSource.getAsInt(), now,
        TcpLiteState.SYN_RCVD);
    tcbs.put(key(connectionId, t.localPort, t.remotePort), t);
    return t;
  }

  /** Replies with RST to a segment for no connection (never to an RST). */
  private void refuse(long now, int connectionId, int flowId, Segment s) {
    counters.noConnection++;
    if (s.has(Flags.RST)) {
      return;
    }
    int seq = s.has(Flags.ACK) ? s.ack() : 0;
    int ack = s.seq() + s.payloadLength() + (s.has(Flags.SYN) ? 1 : 0) + (s.has(Flags.FIN) ? 1 : 0);
    SegmentHeader h = new SegmentHeader(s.dstPort(), s.srcPort(), seq, ack, 0,
        Flags.RST | Flags.ACK, micros(now) | 1, s.tsVal(), List.of());
    counters.resetsSent++;
    output(connectionId, flowId, Segment.emit(h));
  }

  /** Reports that a flow of an ECCP connection now runs over other addresses. */
  public void flowMigrated(long now, int connectionId, int flowId) {
    for (Tcb t : tcbsOf(connectionId)) {
      t.flowMigrated(now, flowId);
    }
  }

  /** Reports that a flow of an ECCP connection failed or closed. */
  public void flowGone(long now, int connectionId, int flowId) {
    for (Tcb t : tcbsOf(connectionId)) {
      t.flowGone(now, flowId);
    }
  }

  /** Reports that a flow joined or can send again, so queued data may go out on it. */
  public void flowsChanged(long now, int connectionId) {
    for (Tcb t : tcbsOf(connectionId)) {
      t.pump(now);
    }
  }

  /**
   * Passes on what the ECCP engine reported about a connection: a move, a lost flow, a lost
   * connection, or a flow that can now carry data.
   */
  public void connectionEvent(long now, ConnectionEvent e) {
    if (e instanceof ConnectionEvent.FlowMigrated m) {
      flowMigrated(now, m.connectionId(), m.localFlowId());
    } else if (e instanceof ConnectionEvent.FlowFailed f) {
      flowGone(now, f.connectionId(), f.localFlowId());
    } else if (e instanceof ConnectionEvent.Failed f) {
      connectionGone(now, f.connectionId());
    } else {
      flowsChanged(now, e.connectionId());
    }
  }

  /** Ends the tcp-lite connections of an ECCP connection that failed. */
  public void connectionGone(long now, int connectionId) {
    for (Tcb t : tcbsOf(connectionId)) {
      finish(t, CloseReason.CONNECTION_LOST);
    }
  }

  private List<Tcb> tcbsOf(int connectionId) {
    List<Tcb> out = new ArrayList<>();
    for (Tcb t : tcbs.values()) {
      if (t.connectionId == connectionId) {
        out.add(t);
      }
    }
    return out;
  }

  /** Fires every timer due at {@code now}. */
  public void tick(long now) {
    for (Tcb t : new ArrayList<>(tcbs.values())) {
      if (t.deadline() <= now) {
        t.tick(now);
      }
    }
  }

  /** Returns the earliest timer deadline, or {@link Long#MAX_VALUE} when none is armed. */
  public long nextDeadline() {
    long d = Long.MAX_VALUE;
    for (Tcb t : tcbs.values()) {
      d = Math.min(d, t.deadline());
    }
    return d;
  }

  public TcpLiteCounters counters() {
    return counters;
  }

  /** Returns the connections that exist now (also those in TIME_WAIT). */
  public List<TcpLiteConnection> connections() {
    List<TcpLiteConnection> out = new ArrayList<>();
    for (Tcb t : tcbs.values()) {
      out.add(t.handle);
    }
    return out;
  }

  // ---- for Tcb ----

  TcpLiteConfig config() {
    return config;
  }

  FlowDirectory directory() {
    return directory;
  }

  TcpLiteListener listener() {
    return listener;
  }

  void output(int connectionId, int flowId, byte[] segment) {
    counters.segmentsOut++;
    output.send(connectionId, flowId, segment);
  }

  /** Sends RST, then ends the connection. */
  void abort(Tcb t, CloseReason reason, long now) {
    if (t.state != TcpLiteState.CLOSED) {
      t.sendReset(now);
      counters.resetsSent++;
      finish(t, reason);
    }
  }

  /** Ends the connection without sending anything. */
  void finish(Tcb t, CloseReason reason) {
    boolean wasTimeWait = t.state == TcpLiteState.TIME_WAIT;
    t.state = TcpLiteState.CLOSED;
    remove(t);
    LOG.info("connection {} {}>{} closed: {}", t.connectionId, t.localPort, t.remotePort, reason);
    if (!wasTimeWait) {
      listener.closed(t.handle, reason);
    }
  }

  void remove(Tcb t) {
    tcbs.remove(key(t.connectionId, t.localPort, t.remotePort));
  }

  /** Returns the timestamp clock: microseconds, wrapping at 2^32. */
  static int micros(long now) {
    return (int) (now / 1000);
  }

  private static long key(int connectionId, int localPort, int remotePort) {
    return ((long) connectionId << 32) | ((long) localPort << 16) | remotePort;
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
  }

  static int seqOf(int isn, long offset) {
    return Seq.wrap(isn, offset);
  }
}
