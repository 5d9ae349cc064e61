package org.eccp.tcplite.socket;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eccp.tcplite.TcpLite;

/** Runs a call on the engine thread and waits for its result. */
final class EngineCalls {
  interface Call<T> {
    T run(TcpLite tcp, long now);
  }

  private EngineCalls() {}

  static <T> T call(TcpLiteRuntime runtime, Call<T> call) throws IOException {
    CompletableFuture<T> f = new CompletableFuture<>();
    runtime.execute((tcp, now) -> {
      try {
        f.complete(call.run(tcp, now));
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the engine");
    } catch (ExecutionException e) {
      throw new IOException("tcp-lite call failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  static long deadline(long timeoutMillis) {
    return timeoutMillis <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000L;
  }
}
