package org.eccp.tcplite.socket;

import java.io.IOException;
import java.net.SocketException;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.TcpLiteConnection;
import org.eccp.wire.IpAddress;

/**
 * A non-blocking tcp-lite connection for tools that serve several at once: {@link #read} and
 * {@link #write} take what is there and return at once, and {@link #awaitEvent} waits for the
 * next event of any connection of the runtime (a select without a selector). Each call still
 * hands the work to the engine thread and waits for that, so "non-blocking" means that no call
 * waits for the network.
 */
public final class TcpLiteChannel implements AutoCloseable {
  private final TcpLiteRuntime runtime;
  private final TcpLiteConnection connection;
  private final boolean accepted;

  private TcpLiteChannel(TcpLiteRuntime runtime, TcpLiteConnection connection, boolean accepted) {
    this.runtime = runtime;
    this.connection = connection;
    this.accepted = accepted;
  }

  /**
   * Starts a connection to {@code port} on {@code remote} and returns without waiting for the
   * handshake; {@link #isConnected} reports when it is done. Opening the ECCP connection to the
   * peer, when there is none, still blocks up to {@code timeoutMillis}.
   */
  public static TcpLiteChannel open(TcpLiteRuntime runtime, IpAddress remote, int port,
      int localPort, long timeoutMillis) throws IOException {
    int eccp = runtime.connectionTo(remote, timeoutMillis);
    TcpLiteConnection c = EngineCalls.call(runtime, (tcp, now) -> tcp.connect(now, eccp,
        localPort, port));
    return new TcpLiteChannel(runtime, c, false);
  }

  /** Takes the next connection accepted on {@code port}, or returns null when none waits. */
  public static TcpLiteChannel accept(TcpLiteRuntime runtime, int port) {
    TcpLiteConnection c = runtime.hub().pollAccepted(port);
    return c == null ? null : new TcpLiteChannel(runtime, c, true);
  }

  /** Starts accepting connections on {@code port}. */
  public static void listen(TcpLiteRuntime runtime, int port) throws IOException {
    EngineCalls.call(runtime, (tcp, now) -> {
      tcp.listen(port);
      return null;
    });
  }

  /** True once the handshake finished (at once for an accepted connection). */
  public boolean isConnected() {
    return accepted || runtime.hub().isConnected(connection);
  }

  /** Returns the reason the connection ended, or null while it is open. */
  public CloseReason closeReason() {
    return runtime.hub().closeReason(connection);
  }

  /** Reads what is there: 0 when nothing is, -1 at the end of the stream. */
  public int read(byte[] b, int off, int len) throws IOException {
    failIfReset();
    return EngineCalls.call(runtime, (tcp, now) -> connection.read(now, b, off, len));
  }

  /** Queues what fits in the send buffer; returns how many bytes that was (maybe 0). */
  public int write(byte[] b, int off, int len) throws IOException {
    failIfReset();
    int n = EngineCalls.call(runtime, (tcp, now) -> connection.write(now, b, off, len));
    if (n < 0) {
      throw new SocketException("the channel is closed for writing");
    }
    return n;
  }

  private void failIfReset() throws IOException {
    CloseReason r = closeReason();
    if (r != null && r != CloseReason.NORMAL) {
      throw new SocketException("connection closed: " + r);
    }
  }

  /** Returns the event count to pass to {@link #awaitEvent}. */
  public static long events(TcpLiteRuntime runtime) {
    return runtime.hub().generation();
  }

  /**
   * Waits until some connection of the runtime has an event after {@code seen}, or
   * {@code timeoutMillis} pass; returns false on timeout.
   */
  public static boolean awaitEvent(TcpLiteRuntime runtime, long seen, long timeoutMillis)
      throws InterruptedException {
    return runtime.hub().awaitChange(seen, EngineCalls.deadline(timeoutMillis));
  }

  /** Sends FIN after the queued bytes. */
  @Override
  public void close() throws IOException {
    EngineCalls.call(runtime, (tcp, now) -> {
      connection.close(now);
      return null;
    });
  }
}
