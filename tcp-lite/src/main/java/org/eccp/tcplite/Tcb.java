package org.eccp.tcplite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eccp.tcplite.wire.Flags;
import org.eccp.tcplite.wire.SackBlock;
import org.eccp.tcplite.wire.Segment;
import org.eccp.tcplite.wire.SegmentHeader;
import org.eccp.tcplite.wire.Seq;

/**
 * One tcp-lite connection: the sending half (buffer, scoreboard, flows, timers) here, the
 * receiving half in {@link ReceiveSide}. Stream offsets are 64-bit inside (offset 0 is the SYN,
 * data starts at 1); only the wire carries 32-bit sequence numbers.
 */
final class Tcb {
  static final long NONE = Path.NONE;

  final TcpLite engine;
  final TcpLiteConfig config;
  final int connectionId;
  final int localPort;
  final int remotePort;
  final TcpLiteConnection handle;
  final int isn;
  final ReceiveSide recv;
  final Scoreboard board = new Scoreboard();
  final Map<Integer, Path> paths = new LinkedHashMap<>();
  private final ByteQueue sendBuf = new ByteQueue();
  TcpLiteState state;
  /** Stream offset of the first byte in {@link #sendBuf}. */
  private long bufStart = 1;
  long sndUna;
  long sndNxt;
  /** Right edge of the peer's window, as a stream offset. */
  private long peerEdge = 1;
  boolean finQueued;
  private long finOffset = -1;
  int timeouts;
  private int roundRobin;
  long persistDeadline = NONE;
  /** Re-runs the pump when work waits and no flow could take it (no other timer is armed). */
  long stallDeadline = NONE;
  private int persistBackoff;
  private long lastHeard;
  private int keepaliveProbes;
  long timeWaitDeadline = NONE;
  private int lastWindow;
  private boolean eofReported;

  Tcb(TcpLite engine, int connectionId, int localPort, int remotePort, int isn, long now,
      TcpLiteState state) {
    this.engine = engine;
    this.config = engine.config();
    this.connectionId = connectionId;
    this.localPort = localPort;
    this.remotePort = remotePort;
    this.isn = isn;
    this.recv = new ReceiveSide(config.receiveBuffer());
    this.state = state;
    this.lastHeard = now;
    this.handle = new TcpLiteConnection(this);
  }

  // ---- application calls ----

  /** Queues bytes to send; returns how many fit in the send buffer. */
  int write(long now, byte[] b, int off, int len) {
    if (finQueued || state == TcpLiteState.CLOSED || state == TcpLiteState.TIME_WAIT) {
      return -1;
    }
    int n = Math.min(len, writable());
    sendBuf.append(b, off, n);
    pump(now);
    return n;
  }

  int writable() {
    return Math.max(0, config.sendBuffer() - sendBuf.size());
  }

  int read(long now, byte[] b, int off, int len) {
    int n = recv.read(b, off, len);
    if (n == 0 && recv.finished()) {
      return -1;
    }
    if (lastWindow < config.mss() && recv.window() >= config.mss() && recv.synced) {
      sendAck(now, bestPath(false), 0);
    }
    return n;
  }

  void close(long now) {
    if (!finQueued && state != TcpLiteState.CLOSED) {
      finQueued = true;
      finOffset = bufStart + sendBuf.size();
      pump(now);
    }
  }

  /** Counts the bytes written, and a requested FIN, that the peer has not acknowledged. */
  long unacknowledged() {
    long end = finQueued ? finOffset + 1 : bufStart + sendBuf.size();
    return Math.max(0, end - sndUna);
  }

  long finOffsetOrMax() {
    return finQueued ? finOffset : Long.MAX_VALUE;
  }

  // ---- input ----

  void input(long now, int flowId, Segment s) {
    lastHeard = now;
    keepaliveProbes = 0;
    Path p = path(flowId);
    if (s.has(Flags.RST)) {
      engine.finish(this, CloseReason.RESET_BY_PEER);
      return;
    }
    if (s.has(Flags.SYN)) {
      recv.syn(s.seq());
    }
    p.tsRecent = s.tsVal();
    if (s.has(Flags.ACK)) {
      onAck(now, p, s);
    }
    if (state == TcpLiteState.CLOSED) {
      return;
    }
    boolean answer = s.has(Flags.SYN) || s.has(Flags.PROBE);
    if (recv.synced && !s.has(Flags.SYN)) {
      answer |= onData(s);
    }
    if (answer) {
      sendAck(now, p.usable ? p : bestPath(false), 0);
    }
    afterInput(now);
  }

  /** Takes the payload and FIN of a segment; returns true when they need an acknowledgement. */
  private boolean onData(Segment s) {
    int len = s.payloadLength();
    boolean fin = s.has(Flags.FIN);
    if (len == 0 && !fin) {
      return false;
    }
    long at = recv.offset(s.seq());
    if (len > 0 && recv.data(at, s.array(), s.payloadOffset(), len)) {
      engine.listener().readable(handle);
    }
    if (fin) {
      recv.fin(at + len);
      if (!recv.finished()) {
        engine.counters().finsHeld++;
      }
    }
    return true;
  }

  private void afterInput(long now) {
    if (state == TcpLiteState.SYN_SENT && recv.synced && sndUna >= 1) {
      state = TcpLiteState.ESTABLISHED;
      engine.listener().connected(handle);
    } else if (state == TcpLiteState.SYN_RCVD && sndUna >= 1) {
      state = TcpLiteState.ESTABLISHED;
      engine.listener().accepted(handle);
    }
    if (recv.finished() && !eofReported) {
      eofReported = true;
      engine.listener().readable(handle);
    }
    if (state == TcpLiteState.ESTABLISHED && finQueued && sndUna > finOffset
        && recv.finished()) {
      state = TcpLiteState.TIME_WAIT;
      timeWaitDeadline = now + config.timeWait();
      engine.listener().closed(handle, CloseReason.NORMAL);
    }
    pump(now);
  }

  private void onAck(long now, Path arrival, Segment s) {
    long ack = Seq.unwrap(s.ack(), isn, sndUna);
    if (ack > sndNxt || ack < sndUna) {
      return;
    }
    timeouts = 0;
    long delivered = 0;
    if (ack > sndUna) {
      delivered += ackUpTo(ack);
    }
    peerEdge = Math.max(peerEdge, ack + Integer.toUnsignedLong(s.window()));
    for (int i = 0; i < s.sackCount(); i++) {
      long start = Seq.unwrap(s.sackStart(i), isn, sndUna);
      long end = start + Integer.toUnsignedLong(s.sackEnd(i) - s.sackStart(i));
      if (start >= sndUna && end <= sndNxt) {
        long[] sum = {0};
        board.sack(start, end, seg -> sum[0] += delivered(seg));
        delivered += sum[0];
      }
    }
    if (freshEcho(arrival, s.tsEcr())) {
      long rttMicros = Integer.toUnsignedLong(TcpLite.micros(now) - s.tsEcr());
      if (arrival.sample(rttMicros * 1000)) {
        engine.counters().slowStartExits++;
      }
    }
    detectLosses(now);
    restartTimers(now);
    if (peerEdge > sndNxt) {
      persistDeadline = NONE;
      persistBackoff = 0;
    }
  }

  /**
   * True when {@code tsEcr} echoes a later transmission on the flow than any echo before. Every
   * segment that takes sequence space is acknowledged at once, so such an echo times the round
   * trip of the segment that triggered it. This is true even when an acknowledgement on a faster
   * flow already reported that segment delivered.
   */
  private static boolean freshEcho(Path p, int tsEcr) {
    if (tsEcr == 0 || (p.lastEcr != 0 && tsEcr - p.lastEcr <= 0)) {
      return false;
    }
    p.lastEcr = tsEcr;
    return true;
  }

  private long ackUpTo(long ack) {
    long[] sum = {0};
    board.ackUpTo(ack, seg -> sum[0] += delivered(seg));
    sndUna = ack;
    long dataAcked = Math.min(sndUna, bufStart + sendBuf.size()) - bufStart;
    if (dataAcked > 0) {
      sendBuf.drop((int) dataAcked);
      bufStart += dataAcked;
      engine.listener().writable(handle);
    }
    return sum[0];
  }

  /**
   * Records that a segment reached the peer: frees and grows its flow's window. Returns its
   * length.
   */
  private long delivered(SentSegment seg) {
    Path p = seg.path;
    if (seg.inFlight()) {
      p.inFlight -= seg.length;
    }
    p.highestDelivered = Math.max(p.highestDelivered, seg.pathSeq);
    p.suspect = false;
    p.probed = false;
    p.grow(seg.length, config.coupled() ? Coupling.factor(paths.values(), config.mss()) : 0);
    seg.sacked = true;
    return seg.length;
  }

  /**
   * Marks lost each segment after which dupThreshold later transmissions on its flow arrived.
   * With the tail-loss probe on, it also marks lost each one after which a later one arrived and
   * which is older than a round trip plus the reordering window (RFC 8985 section 6.2). The
   * younger ones arm their flow's reordering timer.
   */
  private void detectLosses(long now) {
    for (Path p : paths.values()) {
      p.reorderDeadline = NONE;
    }
    for (SentSegment seg : board.all()) {
      Path p = seg.path;
      if (!seg.inFlight() || p.highestDelivered <= seg.pathSeq) {
        continue;
      }
      if (p.highestDelivered >= seg.pathSeq + config.dupThreshold()) {
        strand(seg);
        p.onLoss();
      } else if (config.tailLossProbe()) {
        long due = seg.sentAt + p.latestRtt + p.reorderWindow();
        if (now >= due) {
          strand(seg);
          p.onLoss();
          engine.counters().timeLosses++;
        } else {
          p.reorderDeadline = Math.min(p.reorderDeadline, due);
        }
      }
    }
  }

  /** Takes a segment out of flight so that the next pump re-sends it, on any flow. */
  private void strand(SentSegment seg) {
    if (seg.inFlight()) {
      seg.path.inFlight -= seg.length;
      board.markLost(seg);
    }
  }

  /** RFC 6298 5.2/5.3: a flow with nothing in flight has no timer; one that moved restarts. */
  private void restartTimers(long now) {
    for (Path p : paths.values()) {
      if (p.inFlight <= 0) {
        p.rtoDeadline = NONE;
        p.probeDeadline = NONE;
      } else if (p.highestDelivered > p.timerMark) {
        p.rtoDeadline = now + p.rto();
        armProbe(now, p);
      }
      p.timerMark = p.highestDelivered;
    }
  }

  /**
   * RFC 8985 section 7.2: arms the tail-loss probe of a flow with data in flight, unless the
   * retransmission timer comes first or a probe is already out.
   */
  private void armProbe(long now, Path p) {
    long at = now + p.probeTimeout();
    boolean arm = config.tailLossProbe() && p.srtt > 0 && !p.probed && !p.suspect
        && at < p.rtoDeadline;
    p.probeDeadline = arm ? at : NONE;
  }

  // ---- output ----

  /** Sends what the windows allow: retransmissions first, then new data, then the FIN. */
  void pump(long now) {
    if (state == TcpLiteState.CLOSED || state == TcpLiteState.TIME_WAIT) {
      return;
    }
    refreshPaths();
    for (int guard = 0; guard < 100_000; guard++) {
      SentSegment lost = board.firstLost();
      if (lost != null) {
        Path p = choose(lost.length, true);
        if (p == null) {
          break;
        }
        transmit(now, lost, p, 0);
        continue;
      }
      SentSegment fresh = nextNew(false);
      if (fresh == null) {
        break;
      }
      Path p = choose(fresh.length, false);
      if (p == null) {
        break;
      }
      board.add(fresh);
      sndNxt = fresh.end();
      transmit(now, fresh, p, 0);
    }
    armPersist(now);
    armStall(now);
  }

  private void armStall(long now) {
    boolean waiting = board.firstLost() != null
        || (sndUna >= 1 && sndNxt < bufStart + sendBuf.size() && sndNxt < peerEdge);
    boolean timed = persistDeadline != NONE;
    for (Path p : paths.values()) {
      timed |= p.rtoDeadline != NONE;
    }
    stallDeadline = waiting && !timed ? now + config.initialRto() : NONE;
  }

  /** Returns the next segment of new sequence space, or null when there is none or no window. */
  private SentSegment nextNew(boolean probe) {
    if (sndNxt == 0) {
      SentSegment syn = new SentSegment(0, 1);
      syn.syn = true;
      return syn;
    }
    if (sndUna < 1) {
      return null;
    }
    long bufEnd = bufStart + sendBuf.size();
    if (sndNxt < bufEnd) {
      long edge = probe ? sndNxt + 1 : peerEdge;
      long len = Math.min(Math.min(config.mss(), bufEnd - sndNxt), edge - sndNxt);
      return len <= 0 ? null : new SentSegment(sndNxt, (int) len);
    }
    if (finQueued && sndNxt == finOffset) {
      SentSegment fin = new SentSegment(finOffset, 1);
      fin.fin = true;
      return fin;
    }
    return null;
  }

  private void transmit(long now, SentSegment seg, Path p, int extraFlags) {
    board.retransmitted(seg);
    seg.path = p;
    seg.pathSeq = ++p.sent;
    seg.sentAt = now;
    seg.transmissions++;
    p.inFlight += seg.length;
    if (p.rtoDeadline == NONE) {
      p.rtoDeadline = now + p.rto();
      p.timerMark = p.highestDelivered;
    }
    armProbe(now, p);
    int flags = extraFlags | (seg.syn ? Flags.SYN : 0) | (seg.fin ? Flags.FIN : 0);
    int len = seg.payloadLength();
    byte[] data = null;
    if (len > 0) {
      data = new byte[len];
      sendBuf.peek((int) (seg.start - bufStart), data, 0, len);
    }
    send(now, p, Seq.wrap(isn, seg.start), flags, data, len);
    if (seg.transmissions > 1) {
      engine.counters().retransmitted++;
    }
  }

  /** Sends an acknowledgement with no payload on {@code p} (skipped when null). */
  void sendAck(long now, Path p, int extraFlags) {
    if (p != null) {
      send(now, p, Seq.wrap(isn, sndNxt), extraFlags, null, 0);
    }
  }

  private void send(long now, Path p, int seq, int flags, byte[] data, int len) {
    List<SackBlock> sacks = List.of();
    int ack = 0;
    int window = 0;
    if (recv.synced) {
      flags |= Flags.ACK;
      ack = recv.ackSeq();
      window = recv.window();
      sacks = recv.sackBlocks();
      lastWindow = window;
    }
    SegmentHeader h = new SegmentHeader(localPort, remotePort, seq, ack, window, flags,
        TcpLite.micros(now) | 1, p.tsRecent, sacks);
    engine.output(connectionId, p.flowId, Segment.emit(h, data, 0, len));
  }

  // ---- flows ----

  Path path(int flowId) {
    return paths.computeIfAbsent(flowId, id -> new Path(id, config));
  }

  /**
   * Syncs the flows with those the ECCP engine can use now. A flow that stopped gives up what it
   * had in flight.
   */
  void refreshPaths() {
    int[] usable = engine.directory().usableFlows(connectionId);
    for (Path p : paths.values()) {
      boolean now = contains(usable, p.flowId);
      if (p.usable && !now) {
        strandAll(p);
      }
      p.usable = now;
    }
    for (int id : usable) {
      path(id);
    }
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  /** Marks every segment in flight on {@code p} lost, to be re-sent on whatever flow has room. */
  void strandAll(Path p) {
    for (SentSegment seg : board.all()) {
      if (seg.path == p) {
        strand(seg);
      }
    }
    p.inFlight = 0;
    p.rtoDeadline = NONE;
    p.probeDeadline = NONE;
    p.reorderDeadline = NONE;
  }

  /**
   * Restarts a migrated flow: the old path may have lost what was in flight, and the estimate
   * is void.
   */
  void flowMigrated(long now, int flowId) {
    Path p = paths.get(flowId);
    if (p != null) {
      strandAll(p);
      p.reset();
    }
    pump(now);
  }

  void flowGone(long now, int flowId) {
    Path p = paths.remove(flowId);
    if (p != null) {
      strandAll(p);
    }
    pump(now);
  }

  /** Picks the flow for a segment of {@code len}, or null when no flow has room. */
  private Path choose(int len, boolean retransmission) {
    Path best = null;
    Path fallback = null;
    int n = paths.size();
    int i = 0;
    for (Path p : paths.values()) {
      int order = Math.floorMod(i++ - roundRobin, Math.max(1, n));
      if (!p.usable || !(p.inFlight == 0 || p.room() >= len)) {
        continue;
      }
      if (p.suspect) {
        fallback = p.inFlight == 0 && (fallback == null) ? p : fallback;
        continue;
      }
      if (best == null || better(p, order, best)) {
        best = p;
        best.order = order;
      }
    }
    Path chosen = best != null ? best : fallback;
    if (chosen != null && config.scheduler() == Scheduler.ROUND_ROBIN) {
      roundRobin++;
    }
    return chosen;
  }

  private boolean better(Path p, int order, Path best) {
    if (config.scheduler() == Scheduler.ROUND_ROBIN) {
      return order < best.order;
    }
    return rank(p) < rank(best);
  }

  private long rank(Path p) {
    return p.srtt == 0 ? config.initialRto() : p.srtt;
  }

  /** Returns the usable flow with the lowest round-trip time, or null. */
  Path bestPath(boolean includeSuspect) {
    Path best = null;
    for (Path p : paths.values()) {
      if (p.usable && (includeSuspect || !p.suspect) && (best == null || rank(p) < rank(best))) {
        best = p;
      }
    }
    return best != null || includeSuspect ? best : bestPath(true);
  }

  // ---- timers ----

  long deadline() {
    long d = Math.min(Math.min(persistDeadline, stallDeadline), timeWaitDeadline);
    for (Path p : paths.values()) {
      d = Math.min(d, Math.min(p.rtoDeadline, Math.min(p.probeDeadline, p.reorderDeadline)));
    }
    return Math.min(d, keepaliveDeadline());
  }

  private long keepaliveDeadline() {
    if (config.keepaliveIdle() <= 0 || state != TcpLiteState.ESTABLISHED) {
      return NONE;
    }
    return lastHeard + config.keepaliveIdle() + keepaliveProbes * config.keepaliveInterval();
  }

  void tick(long now) {
    if (now >= timeWaitDeadline) {
      engine.remove(this);
      state = TcpLiteState.CLOSED;
      return;
    }
    for (Path p : List.copyOf(paths.values())) {
      if (now >= p.rtoDeadline) {
        onTimeout(now, p);
        if (state == TcpLiteState.CLOSED) {
          return;
        }
      }
      if (now >= p.probeDeadline) {
        probeTail(now, p);
      }
      if (now >= p.reorderDeadline) {
        detectLosses(now);
        pump(now);
      }
    }
    if (now >= persistDeadline) {
      probeWindow(now);
    }
    if (now >= stallDeadline) {
      stallDeadline = NONE;
      pump(now);
    }
    if (now >= keepaliveDeadline()) {
      keepalive(now);
    }
  }

  /** RFC 6298 5.4-5.7: everything in flight on the flow is lost; back off; fail past the limit. */
  private void onTimeout(long now, Path p) {
    p.rtoDeadline = NONE;
    if (p.inFlight <= 0) {
      return;
    }
    long flight = p.inFlight;
    strandAll(p);
    p.inFlight = flight;
    p.onTimeout();
    p.inFlight = 0;
    engine.counters().timeouts++;
    if (++timeouts > config.maxRetries()) {
      engine.abort(this, CloseReason.TIMEOUT, now);
      return;
    }
    pump(now);
  }

  /**
   * RFC 8985 section 7.3: a flow went quiet with data in flight. Sends one segment on it beyond
   * its window, new data if the peer's window allows, else its last segment in flight again, so
   * that the acknowledgement shows what was lost before the timeout.
   */
  private void probeTail(long now, Path p) {
    p.probeDeadline = NONE;
    if (p.inFlight <= 0 || !p.usable) {
      return;
    }
    SentSegment seg = nextNew(false);
    if (seg != null && !seg.syn) {
      board.add(seg);
      sndNxt = seg.end();
    } else {
      seg = lastInFlight(p);
      if (seg == null) {
        return;
      }
      strand(seg);
    }
    p.probed = true;
    engine.counters().tailLossProbes++;
    transmit(now, seg, p, 0);
  }

  private SentSegment lastInFlight(Path p) {
    SentSegment last = null;
    for (SentSegment seg : board.all()) {
      if (seg.path == p && seg.inFlight() && (last == null || seg.pathSeq > last.pathSeq)) {
        last = seg;
      }
    }
    return last;
  }

  private void armPersist(long now) {
    boolean stalled = sndUna >= 1 && sndNxt < bufStart + sendBuf.size() && peerEdge <= sndNxt
        && board.isEmpty();
    if (!stalled) {
      persistDeadline = NONE;
    } else if (persistDeadline == NONE) {
      Path p = bestPath(true);
      long base = p == null ? config.initialRto() : p.rto();
      persistDeadline = now + Math.min(config.maxRto(), base << Math.min(persistBackoff, 20));
    }
  }

  /** Sends one byte beyond a zero window; the acknowledgement carries the current window. */
  private void probeWindow(long now) {
    persistDeadline = NONE;
    persistBackoff++;
    Path p = bestPath(true);
    SentSegment probe = nextNew(true);
    if (p == null || probe == null) {
      return;
    }
    board.add(probe);
    sndNxt = probe.end();
    engine.counters().windowProbes++;
    transmit(now, probe, p, Flags.PROBE);
  }

  private void keepalive(long now) {
    if (keepaliveProbes >= config.keepaliveProbes()) {
      engine.abort(this, CloseReason.TIMEOUT, now);
      return;
    }
    keepaliveProbes++;
    engine.counters().keepalives++;
    sendAck(now, bestPath(true), Flags.PROBE);
  }

  /** Sends RST on the best flow. */
  void sendReset(long now) {
    Path p = bestPath(true);
    if (p != null) {
      send(now, p, Seq.wrap(isn, sndNxt), Flags.RST, null, 0);
    }
  }

  /** Returns what breaks the bookkeeping invariants, or null: for tests and diagnostics. */
  String invariantProblem() {
    Map<Path, Long> flight = new java.util.HashMap<>();
    for (SentSegment seg : board.all()) {
      if (seg.inFlight()) {
        flight.merge(seg.path, (long) seg.length, Long::sum);
      }
      if (seg.start < sndUna || seg.end() > sndNxt) {
        return "segment " + seg.start + "+" + seg.length + " outside [" + sndUna + ", " + sndNxt
            + ")";
      }
    }
    for (Path p : paths.values()) {
      long counted = flight.getOrDefault(p, 0L);
      if (counted != p.inFlight) {
        return "flow " + Integer.toHexString(p.flowId) + " counts " + p.inFlight
            + " bytes in flight, its segments " + counted;
      }
      if (p.inFlight > 0 && p.rtoDeadline == NONE) {
        return "flow " + Integer.toHexString(p.flowId) + " has bytes in flight and no timer";
      }
    }
    return null;
  }

  /** Describes the sending state, for diagnostics. */
  String describe() {
    StringBuilder b = new StringBuilder();
    b.append(state).append(" una=").append(sndUna).append(" nxt=").append(sndNxt)
        .append(" edge=").append(peerEdge).append(" buffered=").append(sendBuf.size())
        .append(" segments=").append(board.size()).append(" timeouts=").append(timeouts)
        .append(" persist=").append(persistDeadline == NONE ? "-" : persistDeadline);
    for (Path p : paths.values()) {
      b.append(" [flow ").append(Integer.toHexString(p.flowId)).append(p.usable ? "" : " unusable")
          .append(p.suspect ? " suspect" : "").append(" cwnd=").append(p.cwnd)
          .append(" inFlight=").append(p.inFlight).append(" srtt=").append(p.srtt / 1000)
          .append("us rto=").append(p.rto() / 1000).append("us timer=")
          .append(p.rtoDeadline == NONE ? "-" : p.rtoDeadline).append(']');
    }
    SentSegment first = board.first();
    if (first != null) {
      b.append(" first=").append(first.start).append('+').append(first.length)
          .append(first.lost ? " lost" : "").append(first.sacked ? " sacked" : "")
          .append(" on ").append(Integer.toHexString(first.path.flowId));
    }
    return b.toString();
  }

  long bytesInFlight() {
    long n = 0;
    for (Path p : paths.values()) {
      n += p.inFlight;
    }
    return n;
  }
}
