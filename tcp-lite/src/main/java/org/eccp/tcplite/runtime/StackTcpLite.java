package org.eccp.tcplite.runtime;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.Event;
import org.eccp.engine.FlowView;
import org.eccp.engine.LocalAddress;
import org.eccp.stack.EccpStack;
import org.eccp.stack.LoopTimers;
import org.eccp.stack.StackConfig;
import org.eccp.stack.StackListener;
import org.eccp.tcplite.TcpLite;
import org.eccp.tcplite.TcpLiteConfig;
import org.eccp.tcplite.TcpLiteCounters;
import org.eccp.tcplite.socket.SocketHub;
import org.eccp.tcplite.socket.TcpLiteRuntime;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;

/**
 * tcp-lite on a live {@link EccpStack}: the engine runs on the stack's loop thread with
 * {@link System#nanoTime()} as its clock. Payloads and connection events that the ECCP engine
 * reports are handed to tcp-lite in a task of their own, after the ECCP engine's call returns,
 * and tcp-lite's segments go out as {@link Event.SendData} once tcp-lite's call returns, so
 * neither engine is re-entered.
 */
public final class StackTcpLite implements TcpLiteRuntime, StackListener, AutoCloseable {
  private final SocketHub hub = new SocketHub();
  private final TcpLite tcp;
  private final ArrayDeque<Object[]> outgoing = new ArrayDeque<>();
  private final Map<Integer, CompletableFuture<Integer>> opening = new HashMap<>();
  private volatile EccpStack stack;
  private LoopTimers.Timer timer;
  private long timerAt = Long.MAX_VALUE;

  private StackTcpLite(TcpLiteConfig config) {
    SecureRandom random = new SecureRandom();
    tcp = new TcpLite(config, this::usableFlows, (c, f, seg) -> outgoing.add(new Object[] {f, seg}),
        hub, random::nextInt);
  }

  /** Starts an ECCP stack with tcp-lite on top, in the calling thread's network namespace. */
  public static StackTcpLite start(StackConfig stackConfig, TcpLiteConfig config)
      throws IOException {
    StackTcpLite r = new StackTcpLite(config);
    r.stack = EccpStack.start(stackConfig, r);
    return r;
  }

  public EccpStack stack() {
    return stack;
  }

  private int[] usableFlows(int connectionId) {
    ConnectionView c = stack.engine().connection(connectionId);
    if (c == null) {
      return new int[0];
    }
    return c.flows().stream().filter(f -> f.state().sendsData()).mapToInt(FlowView::localFlowId)
        .toArray();
  }

  @Override
  public void execute(Task task) {
    stack.execute(() -> run(task));
  }

  /** Runs a tcp-lite call on the loop thread, then sends its segments and sets its timer. */
  private void run(Task task) {
    task.run(tcp, System.nanoTime());
    while (!outgoing.isEmpty()) {
      Object[] o = outgoing.poll();
      stack.handle(new Event.SendData((Integer) o[0], NextProtocol.TCP_LITE, (byte[]) o[1]));
    }
    long deadline = tcp.nextDeadline();
    if (deadline < timerAt) {
      if (timer != null) {
        stack.cancel(timer);
      }
      timerAt = deadline;
      timer = stack.schedule(Math.max(0, deadline - System.nanoTime()), () -> {
        timer = null;
        timerAt = Long.MAX_VALUE;
        run((t, now) -> t.tick(now));
      });
    }
  }

  @Override
  public void onDelivery(EccpStack s, int connectionId, int localFlowId, int nextProtocol,
      byte[] payload) {
    if (nextProtocol == NextProtocol.TCP_LITE) {
      s.execute(() -> run((t, now) -> t.receive(now, connectionId, localFlowId, payload)));
    }
  }

  @Override
  public void onConnectionEvent(EccpStack s, ConnectionEvent e) {
    s.execute(() -> {
      CompletableFuture<Integer> waiting = opening.remove(e.connectionId());
      if (waiting != null) {
        if (e instanceof ConnectionEvent.Established) {
          waiting.complete(e.connectionId());
        } else {
          waiting.completeExceptionally(new IOException("ECCP connection failed: " + e));
        }
      }
      run((t, now) -> t.connectionEvent(now, e));
    });
  }

  @Override
  public int connectionTo(IpAddress remote, long timeoutMillis) throws IOException {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    stack.execute(() -> open(remote, result));
    try {
      return timeoutMillis <= 0 ? result.get() : result.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while connecting to " + remote);
    } catch (TimeoutException e) {
      throw new SocketTimeoutException("ECCP connection to " + remote + " timed out");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  /** Reuses an established ECCP connection to {@code remote}, or opens one; loop thread. */
  private void open(IpAddress remote, CompletableFuture<Integer> result) {
    for (ConnectionView c : stack.engine().connections()) {
      for (FlowView f : c.flows()) {
        if (remote.equals(f.remoteAddress()) && f.state().sendsData()) {
          result.complete(c.id());
          return;
        }
      }
    }
    IpAddress local = stack.engine().localAddresses().stream().map(LocalAddress::address)
        .filter(a -> a.isV6() == remote.isV6()).findFirst().orElse(null);
    if (local == null) {
      result.completeExceptionally(new IOException("no local address of the family of " + remote
          + ": add one to an interface"));
      return;
    }
    int id = (int) stack.handle(new Event.Connect(local, remote));
    if (id == 0) {
      result.completeExceptionally(new IOException("the engine refused to open a connection to "
          + remote + " (connection limit)"));
      return;
    }
    opening.put(id, result);
  }

  /**
   * Adds flows to ECCP connection {@code connectionId}, each from a local address of the peer's
   * family that no flow of it uses yet, until it has {@code total} flows. Returns the number of
   * flows it has then; fewer than {@code total} when the host has too few addresses. The new
   * flows carry tcp-lite segments as soon as their handshake completes.
   */
  public int addFlows(int connectionId, int total) throws IOException, InterruptedException {
    try {
      return stack.call(s -> addFlowsOnLoop(connectionId, total), 5000);
    } catch (TimeoutException e) {
      throw new IOException("adding flows timed out after 5 s: the stack's loop thread is busy or stopped");
    }
  }

  private int addFlowsOnLoop(int connectionId, int total) {
    ConnectionView c = stack.engine().connection(connectionId);
    if (c == null || c.flows().isEmpty()) {
      return 0;
    }
    IpAddress remote = c.flows().get(0).remoteAddress();
    Set<IpAddress> used = new HashSet<>();
    c.flows().forEach(f -> used.add(f.localAddress()));
    int count = c.flows().size();
    for (LocalAddress l : stack.engine().localAddresses()) {
      IpAddress local = l.address();
      if (count >= total || local.isV6() != remote.isV6() || !used.add(local)) {
        continue;
      }
      if (stack.handle(new Event.AddFlow(connectionId, local, remote)) != 0) {
        count++;
      }
    }
    return count;
  }

  /** Returns the tcp-lite counters; read them after {@link #close} from another thread. */
  public TcpLiteCounters counters() {
    return tcp.counters();
  }

  @Override
  public SocketHub hub() {
    return hub;
  }

  @Override
  public void close() {
    stack.close();
  }
}
