package org.eccp.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.Counter;
import org.eccp.engine.EngineConfig;
import org.eccp.engine.Event;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two ECCP programs per namespace over raw IP, so each receives the other's packets: in namespace
 * {@code a} (198.18.7.1) a listener and a client, in {@code b} (198.18.7.2) the same. Each
 * client pings the listener on the other side while the other session runs, and no stack may
 * reset the flows of its neighbour.
 */
class CoexistNamespaceTest {
  private static final IpAddress A = IpAddress.parse("198.18.7.1");
  private static final IpAddress B = IpAddress.parse("198.18.7.2");
  private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(3);

  private NetworkNamespace a;
  private NetworkNamespace b;
  private final List<EccpStack> stacks = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    a = NetworkNamespace.create("eccpt-" + suffix + "-a");
    b = NetworkNamespace.create("eccpt-" + suffix + "-b");
    NetworkNamespace.run("ip", "-n", a.name(), "link", "add", "v0", "type", "veth", "peer",
        "name", "v0", "netns", b.name());
    a.exec("ip", "addr", "add", "198.18.7.1/24", "dev", "v0");
    b.exec("ip", "addr", "add", "198.18.7.2/24", "dev", "v0");
    a.exec("ip", "link", "set", "v0", "up");
    b.exec("ip", "link", "set", "v0", "up");
  }

  @AfterEach
  void tearDown() {
    List<AutoCloseable> all = new ArrayList<>(stacks);
    all.add(a);
    all.add(b);
    for (AutoCloseable c : all) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        e.printStackTrace();
      }
    }
  }

  /** One client stack, its recorded events and its flow. */
  private record Session(EccpStack stack, RecordingListener events, int flow) {}

  private EccpStack start(NetworkNamespace ns, StackConfig config, RecordingListener events)
      throws Exception {
    EccpStack s = ns.call(() -> EccpStack.start(config, events));
    stacks.add(s);
    assertTrue(s.awaitAddresses(5000), "stack learns its addresses");
    return s;
  }

  private Session open(NetworkNamespace ns, EngineConfig engine, IpAddress local,
      IpAddress remote) throws Exception {
    RecordingListener events = new RecordingListener();
    StackConfig d = StackConfig.defaults();
    EccpStack s = start(ns, new StackConfig(d.encapsulation(), d.addresses(), engine, false, null),
        events);
    long id = s.call(x -> x.handle(new Event.Connect(local, remote)), 1000);
    assertTrue(id > 0, "connect returns a connection id");
    int flow = events.await(ConnectionEvent.Established.class, e -> true).localFlowId();
    return new Session(s, events, flow);
  }

  private static void echo(Session s, byte[] body) throws Exception {
    long sent = s.stack().call(x -> x.handle(new Event.SendEcho(s.flow(), body)), 1000);
    assertEquals(1, sent, "echo request sent");
    RecordingListener.Delivery d = s.events().awaitDelivery();
    assertEquals(NextProtocol.ECHO, d.nextProtocol());
    assertArrayEquals(body, d.payload());
  }

  private static long counter(EccpStack s, Counter c) throws Exception {
    return s.call(x -> x.engine().counters().get(c), 1000);
  }

  @Test
  void twoProgramsPerNamespace_keepFlows() throws Exception {
    StackConfig listen = StackConfig.defaults().withListen(true);
    start(a, listen, new RecordingListener());
    start(b, listen, new RecordingListener());
    // The first client draws its tag at random; the second takes another so the run cannot
    // hit the 1-in-1023 case of two equal tags.
    Session fromA = open(a, EngineConfig.defaults(), A, B);
    int tagA = EngineConfig.tagOf(fromA.flow());
    int otherTag = tagA % EngineConfig.MAX_TAG + 1;
    Session fromB = open(b, EngineConfig.defaults().withInstanceTag(otherTag), B, A);
    assertNotEquals(0, tagA, "a client over raw IP has an instance tag");
    assertEquals(otherTag, EngineConfig.tagOf(fromB.flow()));

    long end = System.nanoTime() + RUN_NANOS;
    for (int i = 0; System.nanoTime() - end < 0; i++) {
      echo(fromA, new byte[] {1, (byte) i});
      echo(fromB, new byte[] {2, (byte) i});
      Thread.sleep(20);
    }
    for (EccpStack s : stacks) {
      assertEquals(0, counter(s, Counter.RST_SENT), "a stack sent an RST");
      assertEquals(0, counter(s, Counter.FLOW_FAILURES), "a flow failed");
    }
    assertTrue(counter(fromA.stack(), Counter.OTHER_STACK) > 0,
        "the client in a saw its neighbour's packets and ignored them");
    assertTrue(counter(fromA.stack(), Counter.NOT_LISTENING) > 0,
        "the client in a saw the SYN for its neighbour and ignored it");
    int flows = fromA.stack().call(x -> x.engine().flows().size(), 1000);
    assertEquals(1, flows, "the client in a still has its one flow");
  }
}
