package org.eccp.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eccp.stack.StackConfig;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.junit.jupiter.api.Test;

/** What a tunnel end does with deliveries it does not serve; no TUN device is needed for it. */
class TunnelDeliveryTest {
  private final Tunnel tunnel = new Tunnel(new TunnelConfig(StackConfig.defaults(),
      IpAddress.parse("198.18.1.10"), "eccpt0", TunnelConfig.CLIENT_INNER, 1460, false), null);

  @Test
  void onDelivery_countsTcpLiteAndDatagramAsNotServed() {
    tunnel.onDelivery(null, 0, 7, NextProtocol.TCP_LITE, new byte[7]);
    tunnel.onDelivery(null, 0, 7, NextProtocol.DATAGRAM, new byte[7]);
    assertEquals(2, tunnel.counters().dropNotServed.get());
    assertEquals(2L, tunnel.counters().snapshot().get("drop_protocol_not_served"));
    assertEquals(0, tunnel.counters().receivedPackets.get());
  }

  @Test
  void onDelivery_countsTunnelledIpOnAnotherConnectionAsNotServed() {
    tunnel.onDelivery(null, 42, 7, NextProtocol.TUNNELLED_IP, new byte[40]);
    assertEquals(1, tunnel.counters().dropNotServed.get());
    assertEquals(0, tunnel.counters().slowPath.get());
  }

  @Test
  void onDelivery_doesNotCountEchoReplies() {
    tunnel.onDelivery(null, 0, 7, NextProtocol.ECHO, new byte[8]);
    assertEquals(0, tunnel.counters().dropNotServed.get());
  }
}
