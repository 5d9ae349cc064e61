package org.eccp.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * Two stacks in two namespaces that the test creates ({@link VethNamespaces}): {@code a} starts
 * with 198.18.9.1 and fd00:9::1, {@code b} has 198.18.9.2 and fd00:9::2. The address changes
 * are made with {@code ip}, so the stacks learn of them only through rtnetlink.
 */
class EccpStackNamespaceTest {
  private static final IpAddress A1 = VethNamespaces.A4;
  private static final IpAddress A3 = IpAddress.parse("198.18.9.3");
  private static final IpAddress B = VethNamespaces.B4;
  private static final IpAddress A6_MOVED = IpAddress.parse("fd00:9::3");

  private Path pcap;
  private VethNamespaces net;
  private NetworkNamespace a;
  private NetworkNamespace b;
  private EccpStack client;
  private EccpStack server;
  private final RecordingListener clientEvents = new RecordingListener();
  private final RecordingListener serverEvents = new RecordingListener();

  @BeforeEach
  void setUp() throws Exception {
    net = VethNamespaces.create();
    a = net.a();
    b = net.b();
    pcap = Files.createTempFile("eccp-stack-test", ".pcap");
    server = b.call(() -> EccpStack.start(
        StackConfig.defaults().withListen(true).withPcap(pcap), serverEvents));
    client = a.call(() -> EccpStack.start(StackConfig.defaults(), clientEvents));
    assertTrue(server.awaitAddresses(5000), "server learns its addresses");
    assertTrue(client.awaitAddresses(5000), "client learns its addresses");
  }

  @AfterEach
  void tearDown() {
    for (AutoCloseable c : new AutoCloseable[] {client, server, net}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        e.printStackTrace();
      }
    }
    if (pcap != null) {
      pcap.toFile().delete();
    }
  }

  private int connect() throws Exception {
    return connect(A1, B);
  }

  private int connect(IpAddress local, IpAddress remote) throws Exception {
    long id = client.call(s -> s.handle(new Event.Connect(local, remote)), 1000);
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

    server.close();
    byte[] file = Files.readAllBytes(pcap);
    // The pcap header is 24 bytes and each record header 16, then the built IPv4 header.
    assertTrue(file.length > 24 + 4 * (16 + 20 + 20), "SYN, SYN-ACK, ACK, echo and reply captured");
    assertEquals(253, file[24 + 16 + 9] & 0xff, "first record is ECCP in IP protocol 253");
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
  void stack_echoesOverIpv6() throws Exception {
    int flow = connect(VethNamespaces.A6, VethNamespaces.B6);
    echo(flow, new byte[] {6, 6});

    List<FlowView> serverFlows = server.call(s -> s.engine().flows(), 1000);
    assertEquals(VethNamespaces.B6, serverFlows.get(0).localAddress());
    assertEquals(VethNamespaces.A6, serverFlows.get(0).remoteAddress());
  }

  @Test
  void stack_migratesIpv6FlowOnAddressChange() throws Exception {
    int flow = connect(VethNamespaces.A6, VethNamespaces.B6);
    echo(flow, new byte[] {1});

    a.exec("ip", "addr", "add", "fd00:9::3/64", "dev", VethNamespaces.DEVICE, "nodad");
    a.exec("ip", "addr", "del", "fd00:9::1/64", "dev", VethNamespaces.DEVICE);

    ConnectionEvent.FlowMigrated moved = clientEvents.await(ConnectionEvent.FlowMigrated.class,
        m -> A6_MOVED.equals(m.newLocal()));
    assertEquals(VethNamespaces.A6, moved.oldLocal());
    serverEvents.await(ConnectionEvent.FlowMigrated.class, m -> A6_MOVED.equals(m.newRemote()));
    echo(flow, new byte[] {2});
  }

  @Test
  void stack_movesFlowToIpv6() throws Exception {
    int flow = connect();
    echo(flow, new byte[] {4});

    a.exec("ip", "addr", "del", "198.18.9.1/24", "dev", VethNamespaces.DEVICE);

    ConnectionEvent.FlowMigrated moved = clientEvents.await(ConnectionEvent.FlowMigrated.class,
        m -> VethNamespaces.A6.equals(m.newLocal()));
    assertEquals(VethNamespaces.B6, moved.newRemote(), "the server's IPv6 address from its IList");
    serverEvents.await(ConnectionEvent.FlowMigrated.class,
        m -> VethNamespaces.B6.equals(m.newLocal()) && VethNamespaces.A6.equals(m.newRemote()));
    echo(flow, new byte[] {6});
  }

  @Test
  void stack_ignoresTentativeIpv6AddressUntilUsable() throws Exception {
    String dev = VethNamespaces.DEVICE;
    // One probe 300 ms long: detection ends well within the test, but late enough to be seen.
    a.exec("sysctl", "-q", "-w", "net.ipv6.conf." + dev + ".accept_dad=1");
    a.exec("sysctl", "-q", "-w", "net.ipv6.conf." + dev + ".dad_transmits=1");
    a.exec("sysctl", "-q", "-w", "net.ipv6.neigh." + dev + ".retrans_time_ms=300");
    IpAddress fresh = IpAddress.parse("fd00:9::5");

    a.exec("ip", "addr", "add", "fd00:9::5/64", "dev", dev);
    String flags = a.exec("ip", "-6", "addr", "show", "dev", dev);

    assertTrue(flags.contains("fd00:9::5/64"), flags);
    assertTrue(flags.contains("tentative"), flags);
    // Gives the stack time to read the notification, then checks that detection still runs.
    Thread.sleep(100);
    boolean known = client.call(s -> s.engine().localAddresses().stream()
        .anyMatch(l -> l.address().equals(fresh)), 1000);
    String stillTentative = a.exec("ip", "-6", "addr", "show", "dev", dev, "tentative");
    assertTrue(stillTentative.contains("fd00:9::5"), "detection still runs: " + stillTentative);
    assertFalse(known, "a tentative address does not reach the engine");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!known && System.nanoTime() - deadline < 0) {
      Thread.sleep(20);
      known = client.call(s -> s.engine().localAddresses().stream()
          .anyMatch(l -> l.address().equals(fresh)), 1000);
    }
    assertTrue(known, "the address reaches the engine once detection succeeded");
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
