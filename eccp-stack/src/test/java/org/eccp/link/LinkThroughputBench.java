package org.eccp.link;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * Measures how many 1400-byte ECCP packets per second one sending thread pushes through each
 * link between two namespaces, and how many arrive. Runs only with
 * {@code -Deccp.bench.links=true}; prints the results and asserts nothing about them.
 */
class LinkThroughputBench {
  private static final long SECONDS = Long.getLong("eccp.bench.links.seconds", 3);
  private static final IpAddress A = IpAddress.parse("198.18.1.1");
  private static final IpAddress B = IpAddress.parse("198.18.1.2");

  @Test
  void linkThroughput() throws Exception {
    assumeTrue(Boolean.getBoolean("eccp.bench.links"), "set -Deccp.bench.links=true to run");
    try (TwoNamespaces net = TwoNamespaces.create()) {
      try (Link a = net.a.call(() -> RawIpLink.open(Encapsulation.DEFAULT));
          Link b = net.b.call(() -> RawIpLink.open(Encapsulation.DEFAULT))) {
        run("raw IPv4", a, b);
      }
      try (Link a = net.a.call(() -> UdpLink.open(7400));
          Link b = net.b.call(() -> UdpLink.open(7400))) {
        run("UDP over IPv4", a, b);
      }
    }
  }

  private static void run(String name, Link sender, Link receiver) throws Exception {
    AtomicLong received = new AtomicLong();
    Thread reader = new Thread(() -> {
      Bytes<?> in = Bytes.allocateDirect(4096);
      ReceivedPacket meta = new ReceivedPacket();
      try {
        while (receiver.receive(in, meta)) {
          received.incrementAndGet();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "bench-reader");
    reader.start();
    Bytes<?> packet = LinkNamespaceTest.eccpData(1, new byte[1400 - 20]);
    long end = System.nanoTime() + SECONDS * 1_000_000_000L;
    long sent = 0;
    long start = System.nanoTime();
    while (System.nanoTime() < end) {
      sender.send(A, B, packet);
      sent++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Thread.sleep(200);
    receiver.wakeup();
    reader.join();
    System.out.printf("%s: sent %.0f packets/s (%.2f Gbit/s of ECCP packets), received %.0f/s"
        + " (%.1f %%)%n", name, sent / elapsed, sent * 1400 * 8 / elapsed / 1e9,
        received.get() / elapsed, 100.0 * received.get() / sent);
  }
}
