package org.eccp.tcplite;

/**
 * The application's handle on one tcp-lite connection. Every call runs inside the engine and
 * takes {@code now}, like the engine's own entry points; not thread-safe.
 */
public final class TcpLiteConnection {
  private final Tcb tcb;

  TcpLiteConnection(Tcb tcb) {
    this.tcb = tcb;
  }

  public int connectionId() {
    return tcb.connectionId;
  }

  public int localPort() {
    return tcb.localPort;
  }

  public int remotePort() {
    return tcb.remotePort;
  }

  public TcpLiteState state() {
    return tcb.state;
  }

  /** Queues bytes; returns how many fit (0 when the send buffer is full, -1 after close). */
  public int write(long now, byte[] b, int off, int len) {
    return tcb.write(now, b, off, len);
  }

  /** Free room in the send buffer. */
  public int writable() {
    return tcb.writable();
  }

  /** Reads up to {@code len} bytes; 0 when none is there yet, -1 at the end of the stream. */
  public int read(long now, byte[] b, int off, int len) {
    return tcb.read(now, b, off, len);
  }

  /** Bytes that can be read now. */
  public int available() {
    return tcb.recv.available();
  }

  /** True once the peer's FIN and every byte before it arrived. */
  public boolean endOfStream() {
    return tcb.recv.finished();
  }

  /** Sends FIN after the queued bytes; the connection can still read. */
  public void close(long now) {
    tcb.close(now);
  }

  /** Sends RST and drops the connection. */
  public void abort(long now) {
    tcb.engine.abort(tcb, CloseReason.ABORTED, now);
  }

  /** Data bytes sent at least once so far. */
  public long bytesSent() {
    return Math.max(0, Math.min(tcb.sndNxt - 1, tcb.finOffsetOrMax() - 1));
  }

  /**
   * Returns the bytes written and not yet acknowledged, sent or still queued, plus one for a
   * requested FIN not yet acknowledged.
   */
  public long unacknowledged() {
    return tcb.unacknowledged();
  }

  /** Returns the flow's current retransmission timeout in nanoseconds, or -1 if unknown. */
  public long rto(int flowId) {
    Path p = tcb.paths.get(flowId);
    return p == null ? -1 : p.rto();
  }

  /** Smoothed round-trip time of the flow, nanoseconds; 0 before the first sample. */
  public long srtt(int flowId) {
    Path p = tcb.paths.get(flowId);
    return p == null ? 0 : p.srtt;
  }

  /** Consecutive timeouts with no acknowledgement from the peer. */
  public int timeouts() {
    return tcb.timeouts;
  }

  /** Returns what breaks the engine's bookkeeping invariants, or null; for tests. */
  public String invariantProblem() {
    return tcb.invariantProblem();
  }

  /** Describes the sending state (sequence offsets, each flow's window and timer). */
  public String describe() {
    return tcb.describe();
  }

  @Override
  public String toString() {
    return "tcp-lite " + tcb.connectionId + " " + tcb.localPort + ">" + tcb.remotePort + " "
        + tcb.state;
  }
}
