package org.eccp.tools.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.Event;
import org.eccp.engine.LocalAddress;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.stack.EccpStack;
import org.eccp.stack.StackConfig;
import org.eccp.stack.StackListener;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.junit.jupiter.api.Test;

/**
 * Two live stacks in a lab (a listening one in the server, a client one in the client), then
 * {@code impair net-a} with a delay, with duplication and cleared, as {@code eccp lab impair}
 * does it: the client's stack must pick each change up from the lab's file while it runs. The
 * timing bounds are loose (a 50 ms delay must add at least 40 ms to the median round trip), so
 * a busy machine does not fail it. Runs in 4 to 14 s here; needs root.
 */
class LabImpairStackTest {
  private static final double DELAY_MS = 50;
  /** Time for the stack to see a changed file: its check interval is 100 ms. */
  private static final long SETTLE_MILLIS = 400;

  /** Collects what the client stack reports. */
  private static final class Recorder implements StackListener {
    final BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> echoes = new LinkedBlockingQueue<>();

    @Override
    public void onConnectionEvent(EccpStack stack, ConnectionEvent event) {
      events.add(event);
    }

    @Override
    public void onDelivery(EccpStack stack, int connectionId, int localFlowId, int nextProtocol,
        byte[] payload) {
      if (nextProtocol == NextProtocol.ECHO) {
        echoes.add(payload);
      }
    }
  }

  private final Recorder recorder = new Recorder();
  private long nextSeq;

  @Test
  void impair_reachesRunningStack() throws Exception {
    LabFixture.assumeLabPossible();
    Lab lab = Lab.open(new LabPrefix(new LabFixture().prefix));
    try {
      lab.up(Topology.byName("default").orElseThrow());
      try (NetworkNamespace serverNs = NetworkNamespace.open(lab.namespace("server"));
          NetworkNamespace clientNs = NetworkNamespace.open(lab.namespace("client"));
          EccpStack server = serverNs.call(() -> EccpStack.start(
              StackConfig.defaults().withListen(true), new StackListener() {}));
          EccpStack client = clientNs.call(() -> EccpStack.start(StackConfig.defaults(),
              recorder))) {
        assertNotNull(client.labImpairment(), "the client stack knows it runs in the lab");
        int flow = connect(client, server);
        run(lab, client, server, flow);
      }
    } finally {
      lab.down();
    }
  }

  private void run(Lab lab, EccpStack client, EccpStack server, int flow) throws Exception {
    double before = medianRtt(client, flow, 15);

    lab.impair("net-a", new Impairment(DELAY_MS, 0, 0, 0, 0, 0, 1));
    Thread.sleep(SETTLE_MILLIS);
    double delayed = medianRtt(client, flow, 10);
    System.out.printf("median RTT %.2f ms, with --delay %.0f: %.2f ms%n", before, DELAY_MS,
        delayed);
    assertTrue(delayed >= before + 0.8 * DELAY_MS,
        "median RTT " + delayed + " ms with the delay, " + before + " ms without");

    lab.impair("net-a", new Impairment(0, 0, 0, 0.5, 0, 0, 1));
    Thread.sleep(SETTLE_MILLIS);
    long receivedBefore = server.linkCounters().received();
    int echoes = 40;
    medianRtt(client, flow, echoes);
    Thread.sleep(100);
    long received = server.linkCounters().received() - receivedBefore;
    long duplicated = client.labImpairment().duplicated();
    System.out.printf("with --dup 0.5: %d echo requests sent, %d received by the server, "
        + "%d duplicated by the client%n", echoes, received, duplicated);
    assertTrue(duplicated >= 5, "the client duplicated some packets: " + duplicated);
    assertTrue(received >= echoes + 5, "the server received the duplicates: " + received);

    lab.impair("net-a", Impairment.NONE);
    Thread.sleep(SETTLE_MILLIS);
    recorder.echoes.clear();
    double after = medianRtt(client, flow, 15);
    System.out.printf("median RTT after --clear: %.2f ms%n", after);
    assertTrue(after < before + 0.4 * DELAY_MS,
        "median RTT " + after + " ms after clearing, " + before + " ms at first");
  }

  /** Connects the client to the server's first IPv4 address; returns the client's flow. */
  private int connect(EccpStack client, EccpStack server) throws Exception {
    assertTrue(server.awaitAddresses(5000), "server addresses known");
    assertTrue(client.awaitAddresses(5000), "client addresses known");
    IpAddress remote = firstV4(server);
    IpAddress local = firstV4(client);
    assertTrue(client.call(s -> s.handle(new Event.Connect(local, remote)), 1000) > 0);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() - deadline < 0) {
      ConnectionEvent e = recorder.events.poll(50, TimeUnit.MILLISECONDS);
      if (e instanceof ConnectionEvent.Established est) {
        return est.localFlowId();
      }
    }
    throw new AssertionError("no connection from " + local + " to " + remote + " within 5 s");
  }

  private static IpAddress firstV4(EccpStack stack) throws Exception {
    return stack.call(s -> s.engine().localAddresses().stream().map(LocalAddress::address)
        .filter(a -> !a.isV6()).findFirst().orElseThrow(), 1000);
  }

  /** Sends {@code count} echoes one after the other and returns the median round trip in ms. */
  private double medianRtt(EccpStack client, int flow, int count) throws Exception {
    double[] rtts = new double[count];
    for (int i = 0; i < count; i++) {
      byte[] body = ByteBuffer.allocate(8).putLong(nextSeq++).array();
      long start = System.nanoTime();
      long sent = client.call(s -> s.handle(new Event.SendEcho(flow, body)), 1000);
      assertEquals(1, sent, "echo request sent");
      awaitEcho(body);
      rtts[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(rtts);
    return rtts[count / 2];
  }

  /** Waits for the reply that carries {@code body}, skipping duplicates of earlier ones. */
  private void awaitEcho(byte[] body) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() - deadline < 0) {
      byte[] got = recorder.echoes.poll(50, TimeUnit.MILLISECONDS);
      if (got != null && Arrays.equals(got, body)) {
        return;
      }
    }
    throw new AssertionError("no echo reply within 2 s");
  }
}
