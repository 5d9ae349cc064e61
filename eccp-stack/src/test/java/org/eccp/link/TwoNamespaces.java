package org.eccp.link;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.eccp.nativ.NetworkNamespace;

/**
 * Two network namespaces that the test creates, joined by a veth pair: {@code a} has 198.18.1.1
 * and {@code b} has 198.18.1.2, both /24 on interface {@code veth0}. Closing deletes both.
 */
final class TwoNamespaces implements AutoCloseable {
  final NetworkNamespace a;
  final NetworkNamespace b;

  private TwoNamespaces(NetworkNamespace a, NetworkNamespace b) {
    this.a = a;
    this.b = b;
  }

  static TwoNamespaces create() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    NetworkNamespace a = NetworkNamespace.create("eccpt-" + suffix + "a");
    NetworkNamespace b = null;
    try {
      b = NetworkNamespace.create("eccpt-" + suffix + "b");
      NetworkNamespace.run("ip", "-n", a.name(), "link", "add", "veth0", "type", "veth",
          "peer", "name", "veth0", "netns", b.name());
      a.exec("ip", "addr", "add", "198.18.1.1/24", "dev", "veth0");
      b.exec("ip", "addr", "add", "198.18.1.2/24", "dev", "veth0");
      a.exec("ip", "link", "set", "veth0", "up");
      b.exec("ip", "link", "set", "veth0", "up");
      return new TwoNamespaces(a, b);
    } catch (IOException | RuntimeException e) {
      a.close();
      if (b != null) {
        b.close();
      }
      throw e;
    }
  }

  @Override
  public void close() {
    a.close();
    b.close();
  }
}
