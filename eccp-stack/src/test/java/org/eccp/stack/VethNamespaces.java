package org.eccp.stack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.wire.IpAddress;

/**
 * Two network namespaces that a test creates, {@code eccpt-<random>-a} and {@code -b}, joined by
 * a veth pair named {@code v0} on both sides. {@code a} has 198.18.9.1/24 and fd00:9::1/64,
 * {@code b} has 198.18.9.2/24 and fd00:9::2/64. The IPv6 addresses are added without duplicate
 * address detection, so both families work at once. Closing deletes both namespaces, and with
 * them the veth pair. Skips the test (JUnit assumption) when not run as root.
 */
public final class VethNamespaces implements AutoCloseable {
  public static final IpAddress A4 = IpAddress.parse("198.18.9.1");
  public static final IpAddress B4 = IpAddress.parse("198.18.9.2");
  public static final IpAddress A6 = IpAddress.parse("fd00:9::1");
  public static final IpAddress B6 = IpAddress.parse("fd00:9::2");
  /** The interface name on both sides. */
  public static final String DEVICE = "v0";

  private final NetworkNamespace a;
  private final NetworkNamespace b;

  private VethNamespaces(NetworkNamespace a, NetworkNamespace b) {
    this.a = a;
    this.b = b;
  }

  /** Creates both namespaces, the veth pair and the addresses; removes what it made on failure. */
  public static VethNamespaces create() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    NetworkNamespace a = NetworkNamespace.create("eccpt-" + suffix + "-a");
    NetworkNamespace b = null;
    try {
      b = NetworkNamespace.create("eccpt-" + suffix + "-b");
      NetworkNamespace.run("ip", "-n", a.name(), "link", "add", DEVICE, "type", "veth", "peer",
          "name", DEVICE, "netns", b.name());
      configure(a, "198.18.9.1/24", "fd00:9::1/64");
      configure(b, "198.18.9.2/24", "fd00:9::2/64");
      return new VethNamespaces(a, b);
    } catch (IOException | RuntimeException e) {
      a.close();
      if (b != null) {
        b.close();
      }
      throw e;
    }
  }

  private static void configure(NetworkNamespace ns, String v4, String v6) throws IOException {
    ns.exec("ip", "addr", "add", v4, "dev", DEVICE);
    ns.exec("ip", "addr", "add", v6, "dev", DEVICE, "nodad");
    ns.exec("ip", "link", "set", DEVICE, "up");
  }

  public NetworkNamespace a() {
    return a;
  }

  public NetworkNamespace b() {
    return b;
  }

  @Override
  public void close() {
    a.close();
    b.close();
  }
}
