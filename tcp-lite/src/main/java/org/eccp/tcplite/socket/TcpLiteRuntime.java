package org.eccp.tcplite.socket;

import java.io.IOException;
import org.eccp.tcplite.TcpLite;
import org.eccp.wire.IpAddress;

/**
 * The services that the socket classes need from the stack that runs the engines: a thread
 * that owns them, and a way to reach a peer. {@code StackTcpLite} implements it over a live
 * {@code EccpStack}; the tests implement it over the simulator. The runtime must create its
 * {@link TcpLite} with {@link #hub()} as the listener.
 */
public interface TcpLiteRuntime {
  /** A piece of work for the engine thread; {@code now} is the engines' clock. */
  interface Task {
    void run(TcpLite tcp, long now);
  }

  /** Queues {@code task} to run on the engine thread; the caller does not wait for it. */
  void execute(Task task);

  /**
   * Returns the id of an established ECCP connection to {@code remote}, opening one when there is
   * none. Blocks up to {@code timeoutMillis} (0 for no limit) on a thread other than the engine's.
   */
  int connectionTo(IpAddress remote, long timeoutMillis) throws IOException;

  /** The listener that the runtime's {@link TcpLite} reports to. */
  SocketHub hub();
}
