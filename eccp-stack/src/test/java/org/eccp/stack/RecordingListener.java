package org.eccp.stack;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eccp.engine.ConnectionEvent;

/** Records what a stack reports, for tests to wait on. */
final class RecordingListener implements StackListener {
  record Delivery(int connectionId, int localFlowId, int nextProtocol, byte[] payload) {}

  final BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
  final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();

  @Override
  public void onConnectionEvent(EccpStack stack, ConnectionEvent event) {
    events.add(event);
  }

  @Override
  public void onDelivery(EccpStack stack, int connectionId, int localFlowId, int nextProtocol,
      byte[] payload) {
    deliveries.add(new Delivery(connectionId, localFlowId, nextProtocol, payload));
  }

  /** Waits up to 5 s for an event that matches; fails with the events seen otherwise. */
  <T extends ConnectionEvent> T await(Class<T> type, Predicate<T> match)
      throws InterruptedException {
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() - deadline < 0) {
      ConnectionEvent e = events.poll(50, TimeUnit.MILLISECONDS);
      if (e == null) {
        continue;
      }
      if (type.isInstance(e) && match.test(type.cast(e))) {
        return type.cast(e);
      }
      seen.append(e).append('\n');
    }
    throw new AssertionError("no " + type.getSimpleName() + " within 5 s; saw:\n" + seen);
  }

  Delivery awaitDelivery() throws InterruptedException {
    Delivery d = deliveries.poll(5, TimeUnit.SECONDS);
    if (d == null) {
      throw new AssertionError("nothing delivered within 5 s");
    }
    return d;
  }
}
