package org.eccp.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * wireguard-go in the foreground at each end, keys made here with {@code wg genkey}. The
 * interface names differ per end and per run, because wireguard-go keeps its control sockets
 * in the shared /var/run/wireguard.
 */
final class WireGuardSubject implements Subject {
  private static final int PORT = 51820;
  private final String tag;
  private final String serverInner;
  private final String clientInner;
  private final List<Long> pids = new ArrayList<>();

  /** @param tag a few random characters that make the interface names unique on the machine */
  WireGuardSubject(String tag, String net) {
    this.tag = tag;
    this.serverInner = net + ".1";
    this.clientInner = net + ".2";
  }

  @Override
  public String name() {
    return "wireguard-go";
  }

  @Override
  public void start(BenchLab lab) throws IOException, InterruptedException {
    String sDev = "wg" + tag + "s";
    String cDev = "wg" + tag + "c";
    pids.add(lab.spawn("server", "wireguard-server", "wireguard-go", "-f", sDev).pid());
    pids.add(lab.spawn("client", "wireguard-client", "wireguard-go", "-f", cDev).pid());
    lab.awaitDevice("server", sDev);
    lab.awaitDevice("client", cDev);
    Path sKey = privateKey(lab, "server");
    Path cKey = privateKey(lab, "client");
    configure(lab, "server", sDev, sKey, publicKey(cKey), clientInner, lab.clientAddress(),
        serverInner);
    configure(lab, "client", cDev, cKey, publicKey(sKey), serverInner, lab.serverAddress(),
        clientInner);
  }

  private static void configure(BenchLab lab, String host, String dev, Path key, String peerKey,
      String peerInner, String peerOuter, String inner) throws IOException {
    lab.run(host, "wg", "set", dev, "listen-port", Integer.toString(PORT), "private-key",
        key.toString(), "peer", peerKey, "allowed-ips", peerInner + "/32", "endpoint",
        peerOuter + ":" + PORT);
    lab.run(host, "ip", "addr", "add", inner + "/30", "dev", dev);
    lab.run(host, "ip", "link", "set", dev, "up");
  }

  private static Path privateKey(BenchLab lab, String host) throws IOException,
      InterruptedException {
    Path file = lab.dir().resolve("wg-" + host + ".key");
    Files.createFile(file, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, filter(null, "wg", "genkey"));
    return file;
  }

  private static String publicKey(Path privateKey) throws IOException, InterruptedException {
    return filter(Files.readString(privateKey), "wg", "pubkey").trim();
  }

  /** Runs a local command with {@code input} on its standard input and returns its output. */
  private static String filter(String input, String... command) throws IOException,
      InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try (var in = p.getOutputStream()) {
      if (input != null) {
        in.write(input.getBytes(StandardCharsets.US_ASCII));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed with exit status "
          + p.exitValue());
    }
    return out;
  }

  @Override
  public String target() {
    return serverInner;
  }

  @Override
  public List<Long> pids() {
    return pids;
  }
}
