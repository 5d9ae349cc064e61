package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.eccp.tools.demo.RandomFile;
import org.eccp.tools.demo.TunnelLab;
import org.eccp.tools.lab.Lab;
import org.eccp.tools.lab.LabPrefix;
import org.junit.jupiter.api.Test;

/**
 * An unmodified TCP transfer (curl from python's http.server) through the tunnel, while the
 * client moves net-a -> net-b -> net-c and then the server moves net-s -> net-t, each move after
 * a further quarter of the file has arrived. The tunnel ends
 * learn of the moves only through rtnetlink. The downloaded file must hash like the served one.
 *
 * <p>Runs in the integration-test phase of {@code mvn verify}; needs root, curl and python3.
 */
class TunnelMovesIT {
  private static final long FILE_BYTES = 48L << 20;

  @Test
  void tunnel_survivesClientAndServerMoves() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "the lab needs root for network namespaces and TUN devices; run mvn verify as root");
    assumeTrue(Files.exists(Path.of("/dev/net/tun")), "needs /dev/net/tun");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "needs curl (apt-get install curl)");
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    LabPrefix prefix = new LabPrefix(LabPrefix.TEST + "t" + HexFormat.of().formatHex(suffix)
        + "-");
    Path dir = Files.createTempDirectory("eccp-tunnel-moves");
    try (TunnelLab lab = TunnelLab.start(Lab.open(prefix))) {
      assertTrue(lab.awaitTunnel(20_000), "the tunnel did not come up");
      Path served = dir.resolve("random.bin");
      String expected = RandomFile.write(served, FILE_BYTES);
      lab.spawn("server", dir, dir.resolve("http.log"), "python3", "-m", "http.server", "8080",
          "--bind", TunnelLab.SERVER_INNER);
      Thread.sleep(1000);
      Path got = dir.resolve("download.bin");
      Process curl = lab.spawn("client", dir, dir.resolve("curl.log"), "curl", "-sS", "--fail",
          "--limit-rate", "8M", "-o", got.toString(),
          "http://" + TunnelLab.SERVER_INNER + ":8080/random.bin");
      String[][] moves = {{"client", "net-b"}, {"client", "net-c"}, {"server", "net-t"}};
      for (int i = 0; i < moves.length; i++) {
        // Each move starts when a further quarter of the file has reached the client.
        long target = FILE_BYTES * (i + 1) / 4;
        while (lab.client().counters().receivedBytes.get() < target && curl.isAlive()) {
          Thread.sleep(2);
        }
        assertTrue(curl.isAlive(), "the transfer ended before the move of " + moves[i][0]
            + " to " + moves[i][1] + "; see " + dir.resolve("curl.log"));
        lab.lab().move(moves[i][0], moves[i][1]);
      }
      assertTrue(curl.waitFor(60, TimeUnit.SECONDS), "curl did not finish within 60 s");
      assertEquals(0, curl.exitValue(), "curl failed; see " + dir.resolve("curl.log"));
      assertEquals(expected, RandomFile.sha256(got), "the downloaded file differs");
      assertEquals(0, lab.client().counters().dropLengthMismatch.get()
          + lab.server().counters().dropLengthMismatch.get(), "inner packets were mangled");
      System.out.println("tunnel moves: client " + lab.client().counters() + "; server "
          + lab.server().counters());
    } finally {
      Files.deleteIfExists(dir.resolve("random.bin"));
      Files.deleteIfExists(dir.resolve("download.bin"));
    }
  }
}
