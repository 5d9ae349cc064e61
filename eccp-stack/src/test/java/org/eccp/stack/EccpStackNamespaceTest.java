package org.eccp.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.Event;
import org.eccp.engine.FlowView;
import org.eccp.link.RawIpLink;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two stacks in two namespaces that the test creates, joined by a veth pair: {@code a} starts
 * with 198.18.9.1 and {@code b} has 198.18.9.2. The address changes are made with {@code ip},
 * so the stacks learn of them only through rtnetlink.
 */
class EccpStackNamespaceTest {
  private static final IpAddress A1 = IpAddress.parse("198.18.9.1");
  private static final IpAddress A3 = IpAddress.parse("198.18.9.3");
  private static final IpAddress B = IpAddress.parse("198.18.9.2");

  private NetworkNamespace a;
  private NetworkNamespace b;
  private EccpStack client;
  private EccpStack server;
  private final RecordingListener clientEvents = new RecordingListener();
  private final RecordingListener serverEvents = new RecordingListener();

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    a = NetworkNamespace.create("eccpt-" + suffix + "-a");
    b = NetworkNamespace.create("eccpt-" + suffix + "-b");
    NetworkNamespace.run("ip", "-n", a.name(), "link", "add", "v0", "type", "veth", "peer",
        "name", "v0", "netns", b.name());
    a.exec("ip", "addr", "add", "198.18.9.1/24", "dev", "v0");
    b.exec("ip", "addr", "add", "198.18.9.2/24", "dev", "v0");
    a.exec("ip", "link", "set", "v0", "up");
    b.exec("ip", "link", "set", "v0", "up");
    server = b.call(() -> EccpStack.start(StackConfig.defaults().withListen(true), serverEvents));
    client = a.call(() -> EccpStack.start(StackConfig.defaults(), clientEvents));
    assertTrue(server.awaitAddresses(5000), "server learns its addresses");
    assertTrue(client.awaitAddresses(5000), "client learns its addresses");
  }

  @AfterEach
  void tearDown() {
    for (AutoCloseable c : new AutoCloseable[] {client, server, a, b}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        e.printStackTrace();
      }
    }
  }

  private int connect() throws Exception {
    long id = client.call(s -> s.handle(new Event.Connect(A1, B)), 1000);
    assertTrue(id > 0, "connect returns a connection id");
    ConnectionEvent.Established e =
        clientEvents.await(ConnectionEvent.Established.class, x -> true);
    return e.localFlowId();
  }

  private void echo(int flow, byte[] body) throws Exception {
    long sent = client.call(s -> s.handle(new Event.SendEcho(flow, body)), 1000);
    assertEquals(1, sent, "echo request sent");
    RecordingListener.Delivery d = clientEvents.awaitDelivery();
    assertEquals(NextProtocol.ECHO, d.nextProtocol());
    assertArrayEquals(body, d.payload());
  }

  @Test
  void stack_echoesAcrossNamespaces() throws Exception {
    int flow = connect();
    echo(flow, new byte[] {1, 2, 3});
    assertTrue(server.linkCounters().received() >= 2, "server received SYN, ACK and echo");
  }

  @Test
  void stack_migratesOnAddressChangeFromNetlink() throws Exception {
    int flow = connect();
    echo(flow, new byte[] {1});

    // Without promote_secondaries, deleting the primary address would delete .3 with it.
    a.exec("sysctl", "-q", "-w", "net.ipv4.conf.v0.promote_secondaries=1");
    a.exec("ip", "addr", "add", "198.18.9.3/24", "dev", "v0");
    a.exec("ip", "addr", "del", "198.18.9.1/24", "dev", "v0");

    ConnectionEvent.FlowMigrated moved = clientEvents.await(ConnectionEvent.FlowMigrated.class,
        m -> A3.equals(m.newLocal()));
    assertEquals(A1, moved.oldLocal());
    serverEvents.await(ConnectionEvent.FlowMigrated.class, m -> A3.equals(m.newRemote()));
    echo(flow, new byte[] {2});

    List<FlowView> serverFlows = server.call(s -> s.engine().flows(), 1000);
    assertEquals(1, serverFlows.size());
    assertEquals(A3, serverFlows.get(0).remoteAddress());
    assertFalse(client.moveTimings().isEmpty(), "the RSYN after the change was timed");
  }

  @Test
  void stack_countsMalformedPacketsAndGoesOn() throws Exception {
    try (RawIpLink raw = a.call(() -> RawIpLink.open(Encapsulation.DEFAULT))) {
      Bytes<?> junk = Bytes.allocateDirect(128);
      try {
        for (int i = 0; i < 40; i++) {
          junk.writeByte((byte) (0x10 + i));
        }
        junk.readPosition(20);
        raw.send(A1, B, junk);
      } finally {
        junk.releaseLast();
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.counters().malformed() == 0 && System.nanoTime() - deadline < 0) {
      Thread.sleep(10);
    }
    assertEquals(1, server.counters().malformed(), "the junk packet is counted");
    int flow = connect();
    echo(flow, new byte[] {9});
  }

  @Test
  void close_leavesNoThread() throws Exception {
    client.close();
    server.close();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      assertFalse(t.getName().startsWith("eccp-") || t.getName().equals("address-monitor"),
          "thread " + t.getName() + " still runs");
    }
  }
}
