package org.eccp.netlink;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eccp.nativ.NetworkNamespace;
import org.junit.jupiter.api.Test;

/**
 * Measures how long an address event takes to reach Java: from {@code ip addr add} starting and
 * returning to the listener's call. Runs only with {@code -Deccp.bench.netlink=true}; prints the
 * results. Not a test: it asserts nothing about the numbers.
 */
class AddressEventLatencyBench {
  private static final int ROUNDS = Integer.getInteger("eccp.bench.netlink.rounds", 50);

  @Test
  void addressEventLatency() throws Exception {
    assumeTrue(Boolean.getBoolean("eccp.bench.netlink"), "set -Deccp.bench.netlink=true to run");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    try (NetworkNamespace ns = NetworkNamespace.create("eccpt-" + Integer.toHexString(
        ThreadLocalRandom.current().nextInt(0x100000, 0xffffff)))) {
      ns.exec("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1");
      try (AddressMonitor monitor = ns.call(() -> AddressMonitor.start(e -> {
        if (e instanceof NetlinkEvent.AddressAdded) {
          arrivals.add(System.nanoTime());
        }
      }))) {
        monitor.awaitDump(5, TimeUnit.SECONDS);
        arrivals.clear();
        long[] fromStart = new long[ROUNDS];
        long[] fromReturn = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
          String address = "198.18.6." + (i + 1) + "/32";
          long start = System.nanoTime();
          NetworkNamespace.run("ip", "-n", ns.name(), "addr", "add", address, "dev", "v0");
          long returned = System.nanoTime();
          Long arrived = arrivals.poll(5, TimeUnit.SECONDS);
          if (arrived == null) {
            throw new AssertionError("no event for " + address);
          }
          fromStart[i] = arrived - start;
          fromReturn[i] = arrived - returned;
        }
        report("from ip start", fromStart);
        report("from ip return", fromReturn);
      }
    }
  }

  private static void report(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf("address event latency %s over %d rounds: median %.1f us, p10 %.1f us,"
        + " p90 %.1f us, min %.1f us, max %.1f us%n", what, sorted.length,
        sorted[sorted.length / 2] / 1e3, sorted[sorted.length / 10] / 1e3,
        sorted[sorted.length * 9 / 10] / 1e3, sorted[0] / 1e3, sorted[sorted.length - 1] / 1e3);
  }
}
