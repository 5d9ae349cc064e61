package org.eccp.tcplite.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.TcpLiteConnection;
import org.eccp.wire.IpAddress;

/**
 * A blocking tcp-lite connection shaped like {@link java.net.Socket}: streams, a read timeout
 * and close. Reads block until bytes, the end of the stream or the timeout; writes block until
 * the send buffer takes every byte. Safe for one reader and one writer thread.
 */
public final class TcpLiteSocket implements AutoCloseable {
  private static final int EPHEMERAL_FIRST = 49152;
  private static int nextEphemeral = EPHEMERAL_FIRST;

  private final TcpLiteRuntime runtime;
  private final TcpLiteConnection connection;
  private volatile int soTimeoutMillis;
  private volatile boolean closed;

  TcpLiteSocket(TcpLiteRuntime runtime, TcpLiteConnection connection) {
    this.runtime = runtime;
    this.connection = connection;
  }

  /** Connects to {@code port} on {@code remote}; blocks up to {@code timeoutMillis} (0: none). */
  public static TcpLiteSocket connect(TcpLiteRuntime runtime, IpAddress remote, int port,
      long timeoutMillis) throws IOException {
    int eccp = runtime.connectionTo(remote, timeoutMillis);
    int local = ephemeralPort();
    TcpLiteConnection c = EngineCalls.call(runtime, (tcp, now) -> tcp.connect(now, eccp, local,
        port));
    TcpLiteSocket s = new TcpLiteSocket(runtime, c);
    s.awaitConnected(EngineCalls.deadline(timeoutMillis));
    return s;
  }

  private static synchronized int ephemeralPort() {
    int p = nextEphemeral;
    nextEphemeral = p == 65535 ? EPHEMERAL_FIRST : p + 1;
    return p;
  }

  private void awaitConnected(long deadline) throws IOException {
    SocketHub hub = runtime.hub();
    while (true) {
      long seen = hub.generation();
      if (hub.isConnected(connection)) {
        return;
      }
      CloseReason r = hub.closeReason(connection);
      if (r != null) {
        throw new SocketException("connection to port " + connection.remotePort() + " failed: "
            + r);
      }
      if (!await(seen, deadline)) {
        EngineCalls.call(runtime, (tcp, now) -> {
          connection.abort(now);
          return null;
        });
        throw new SocketTimeoutException("connect to port " + connection.remotePort()
            + " timed out");
      }
    }
  }

  private boolean await(long seen, long deadline) throws IOException {
    try {
      return runtime.hub().awaitChange(seen, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }

  /** Sets the read timeout in milliseconds; 0 waits without limit. */
  public void setSoTimeout(int millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("timeout " + millis + " is negative");
    }
    soTimeoutMillis = millis;
  }

  public int getSoTimeout() {
    return soTimeoutMillis;
  }

  public int localPort() {
    return connection.localPort();
  }

  public int remotePort() {
    return connection.remotePort();
  }

  public boolean isClosed() {
    return closed;
  }

  /** Describes the sending state (sequence numbers, and each flow's window and RTT), for logs. */
  public String describe() throws IOException {
    return EngineCalls.call(runtime, (tcp, now) -> connection.describe());
  }

  /** Reads into {@code b}; returns -1 at the end of the stream. */
  int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    long deadline = EngineCalls.deadline(soTimeoutMillis);
    while (true) {
      long seen = runtime.hub().generation();
      int n = EngineCalls.call(runtime, (tcp, now) -> connection.read(now, b, off, len));
      if (n != 0) {
        return n;
      }
      failIfClosed();
      if (!await(seen, deadline)) {
        throw new SocketTimeoutException("read timed out after " + soTimeoutMillis + " ms");
      }
    }
  }

  /** Queues every byte of {@code b}, blocking while the send buffer is full. */
  void write(byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      long seen = runtime.hub().generation();
      int from = off + done;
      int want = len - done;
      int n = EngineCalls.call(runtime, (tcp, now) -> connection.write(now, b, from, want));
      if (n < 0) {
        throw new SocketException("the socket is closed for writing");
      }
      done += n;
      if (done < len) {
        failIfClosed();
        await(seen, Long.MAX_VALUE);
      }
    }
  }

  private void failIfClosed() throws IOException {
    CloseReason r = runtime.hub().closeReason(connection);
    if (r != null && r != CloseReason.NORMAL) {
      throw new SocketException("connection closed: " + r);
    }
  }

  /** Sends FIN after the queued bytes; the peer reads to the end. */
  public void shutdownOutput() throws IOException {
    EngineCalls.call(runtime, (tcp, now) -> {
      connection.close(now);
      return null;
    });
  }

  /**
   * Waits until the peer acknowledged every byte written and the FIN, if one was sent, or the
   * connection ended normally. A process that stops its stack after this loses nothing it
   * wrote. Bytes still queued behind a full receive window count as not acknowledged. Returns
   * false when {@code timeoutMillis} (0: no limit) passed first; throws when the connection
   * ended otherwise (reset, timeout, lost) with bytes unacknowledged.
   */
  public boolean awaitAcknowledged(long timeoutMillis) throws IOException {
    long deadline = EngineCalls.deadline(timeoutMillis);
    while (true) {
      long seen = runtime.hub().generation();
      long left = EngineCalls.call(runtime, (tcp, now) -> connection.unacknowledged());
      CloseReason r = runtime.hub().closeReason(connection);
      if (left == 0 || r == CloseReason.NORMAL) {
        return true;
      }
      if (r != null) {
        throw new SocketException("connection closed (" + r + ") with " + left
            + " bytes unacknowledged");
      }
      if (!await(seen, deadline)) {
        return false;
      }
    }
  }

  /** Sends FIN; the connection finishes in the background. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      shutdownOutput();
    }
  }

  public InputStream getInputStream() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = TcpLiteSocket.this.read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return TcpLiteSocket.this.read(b, off, len);
      }
    };
  }

  public OutputStream getOutputStream() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        TcpLiteSocket.this.write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        TcpLiteSocket.this.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        shutdownOutput();
      }
    };
  }
}
