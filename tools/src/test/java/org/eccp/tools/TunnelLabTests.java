package org.eccp.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.eccp.tools.lab.LabPrefix;

/** Shared set-up of the integration tests that run both tunnel ends in a lab of their own. */
final class TunnelLabTests {
  private TunnelLabTests() {}

  /** Skips the test unless it runs as root with a TUN device, and with curl when asked. */
  static void assumeLabAndTun(boolean needsCurl) {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "the lab needs root for network namespaces and TUN devices; run mvn verify as root");
    assumeTrue(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun");
    if (needsCurl) {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")),
          "needs curl (apt-get install curl)");
    }
  }

  /** Returns a test lab prefix {@code eccpt-<letter><6 random hex digits>-}. */
  static LabPrefix randomPrefix(String letter) {
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    return new LabPrefix(LabPrefix.TEST + letter + HexFormat.of().formatHex(suffix) + "-");
  }
}
