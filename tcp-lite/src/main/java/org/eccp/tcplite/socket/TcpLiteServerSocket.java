package org.eccp.tcplite.socket;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.eccp.tcplite.TcpLiteConnection;

/** A listening tcp-lite port shaped like {@link java.net.ServerSocket}. */
public final class TcpLiteServerSocket implements AutoCloseable {
  private final TcpLiteRuntime runtime;
  private final int port;
  private volatile int soTimeoutMillis;
  private volatile boolean closed;

  /** Listens on {@code port} from now on. */
  public TcpLiteServerSocket(TcpLiteRuntime runtime, int port) throws IOException {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 1..65535");
    }
    this.runtime = runtime;
    this.port = port;
    EngineCalls.call(runtime, (tcp, now) -> {
      tcp.listen(port);
      return null;
    });
  }

  public int port() {
    return port;
  }

  /** Sets how long {@link #accept} waits, in milliseconds; 0 waits without limit. */
  public void setSoTimeout(int millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("timeout " + millis + " is negative");
    }
    soTimeoutMillis = millis;
  }

  /** Waits for the next connection to the port. */
  public TcpLiteSocket accept() throws IOException {
    long deadline = EngineCalls.deadline(soTimeoutMillis);
    SocketHub hub = runtime.hub();
    while (true) {
      if (closed) {
        throw new SocketException("the server socket on port " + port + " is closed");
      }
      long seen = hub.generation();
      TcpLiteConnection c = hub.pollAccepted(port);
      if (c != null) {
        return new TcpLiteSocket(runtime, c);
      }
      boolean changed;
      try {
        changed = hub.awaitChange(seen, deadline);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted in accept");
      }
      if (!changed) {
        throw new SocketTimeoutException("accept on port " + port + " timed out");
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      EngineCalls.call(runtime, (tcp, now) -> {
        tcp.unlisten(port);
        return null;
      });
      runtime.hub().wake();
    }
  }
}
