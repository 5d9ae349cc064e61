package org.eccp.tcplite.sim;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eccp.sim.SimHost;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.TcpLiteConnection;
import org.eccp.tcplite.socket.SocketHub;
import org.eccp.tcplite.socket.TcpLiteRuntime;
import org.eccp.wire.IpAddress;

/**
 * The socket runtime over the simulator: one driver thread runs the simulation in 1 ms steps of
 * virtual time and, between steps, the tasks that socket calls queued for each host.
 */
public final class SimRuntime implements AutoCloseable {
  private final SimLab lab;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Thread driver;
  private volatile boolean stop;
  private volatile Throwable failure;
  final Side client;
  final Side server;

  SimRuntime(SimLab lab) {
    this.lab = lab;
    client = new Side(lab.client, lab.clientTcp);
    server = new Side(lab.server, lab.serverTcp);
    driver = new Thread(this::drive, "sim-driver");
    driver.setDaemon(true);
    driver.start();
  }

  private void drive() {
    try {
      while (!stop) {
        Runnable t;
        while ((t = tasks.poll()) != null) {
          t.run();
        }
        lab.sim.runUntil(lab.sim.now() + SimLab.MS);
        if (lab.sim.failed()) {
          throw new IllegalStateException("seed " + lab.sim.seed() + ": " + lab.sim.violations());
        }
        Thread.onSpinWait();
      }
    } catch (Throwable e) {
      failure = e;
      // Keep running socket calls without the simulation, so that no caller waits forever for a
      // dead driver: their own timeouts end them, and close() reports the failure.
      while (!stop) {
        Runnable t;
        while ((t = tasks.poll()) != null) {
          runQuietly(t);
        }
        Thread.onSpinWait();
      }
    }
  }

  private static void runQuietly(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException ignored) {
      // The simulation has already failed; that failure is the one close() reports.
    }
  }

  Throwable failure() {
    return failure;
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    driver.join(5_000);
    if (failure != null) {
      throw new AssertionError("the simulation driver failed", failure);
    }
  }

  /** One host's runtime: its tasks run on the driver thread at the simulation's time. */
  final class Side implements TcpLiteRuntime {
    private final SimHost host;
    private final TcpLiteHost tcpHost;
    private final SocketHub hub = new SocketHub();

    Side(SimHost host, TcpLiteHost tcpHost) {
      this.host = host;
      this.tcpHost = tcpHost;
      tcpHost.app = new TcpLiteHost.App() {
        @Override
        public void accepted(TcpLiteConnection c, long now) {
          hub.accepted(c);
        }

        @Override
        public void connected(TcpLiteConnection c, long now) {
          hub.connected(c);
        }

        @Override
        public void readable(TcpLiteConnection c, long now) {
          hub.readable(c);
        }

        @Override
        public void writable(TcpLiteConnection c, long now) {
          hub.writable(c);
        }

        @Override
        public void closed(TcpLiteConnection c, CloseReason reason, long now) {
          hub.closed(c, reason);
        }
      };
    }

    @Override
    public void execute(Task task) {
      tasks.add(() -> lab.act(host, tcpHost, () -> task.run(tcpHost.tcp, lab.sim.now())));
    }

    @Override
    public int connectionTo(IpAddress remote, long timeoutMillis) throws IOException {
      if (!remote.equals(lab.s1)) {
        throw new IOException("no ECCP connection to " + remote + " in this simulation");
      }
      return lab.connectionId;
    }

    @Override
    public SocketHub hub() {
      return hub;
    }
  }
}
