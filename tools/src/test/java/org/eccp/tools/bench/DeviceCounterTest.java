package org.eccp.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeviceCounterTest {
  private static final String PROC_NET_DEV = """
      Inter-|   Receive                                                |  Transmit
       face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs \
      drop fifo colls carrier compressed
          lo:       0       0    0    0    0     0          0         0        0       0    0 \
         0    0     0       0          0
      eccpi0: 816491688  559282    0    0    0     0          0         0  4220174   75656    0 \
         0    0     0       0          0
      wgab12s:12345 7 0 0 0 0 0 0 0 0 0 0 0 0 0 0
      """;

  @Test
  void receivedBytes_readsFirstNumber() {
    assertEquals(816491688L, DeviceCounter.receivedBytes(PROC_NET_DEV, "eccpi0:"));
    assertEquals(12345L, DeviceCounter.receivedBytes(PROC_NET_DEV, "wgab12s:"));
    assertEquals(0L, DeviceCounter.receivedBytes(PROC_NET_DEV, "lo:"));
  }

  @Test
  void receivedBytes_missingDeviceIsMinusOne() {
    assertEquals(-1L, DeviceCounter.receivedBytes(PROC_NET_DEV, "eccp:"));
    assertEquals(-1L, DeviceCounter.receivedBytes("", "eccpi0:"));
  }
}
