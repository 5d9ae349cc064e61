package org.eccp.tools.bench;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * wireguard-go at each end, as the tunnel bench sets it up.
 *
 * <p>A client move should need nothing, as the server takes the source of each authenticated
 * packet as the client's new endpoint. But wireguard-go on Linux sends with the source address
 * and interface of the last packet it received (IP_PKTINFO) and forgets them only when a send
 * fails with EINVAL; a send through an interface that went down fails with ENETUNREACH
 * instead, so nothing leaves the moved end until its handshake timer clears them, 15 s after
 * data went unanswered. When the server moves, the client also keeps sending to the old
 * endpoint until the server's new handshake reaches it. So after a move of either end a user
 * sets the endpoint again, {@code wg set DEV peer KEY endpoint ADDR:PORT} in the client, which
 * also clears the remembered source; the bench does that right after each move.
 */
final class HandoverWireGuard implements HandoverSubject {
  private static final String NET = "198.19.253";
  private static final int PORT = 51820;
  private final String tag;
  private WireGuardSubject ends;
  private String serverKey;

  /** @param tag a few random characters that make the interface names unique on the machine */
  HandoverWireGuard(String tag) {
    this.tag = tag;
  }

  @Override
  public String name() {
    return "wireguard-go";
  }

  @Override
  public void start(BenchLab lab) throws IOException, InterruptedException {
    ends = new WireGuardSubject(tag, NET);
    ends.start(lab);
    serverKey = lab.run("client", "wg", "show", clientDevice(), "peers").strip();
    if (serverKey.isEmpty() || serverKey.contains("\n")) {
      throw new IOException("wg show " + clientDevice() + " peers listed '" + serverKey
          + "' instead of the server's one key");
    }
  }

  private String clientDevice() {
    return "wg" + tag + "c";
  }

  @Override
  public String target() {
    return NET + ".1";
  }

  @Override
  public String serverDevice() {
    return "wg" + tag + "s";
  }

  @Override
  public boolean followsMoves(String host) {
    return false;
  }

  @Override
  public String afterMove(BenchLab lab, String host, String serverAddress) throws IOException {
    String[] command = {"wg", "set", clientDevice(), "peer", serverKey, "endpoint",
        serverAddress + ":" + PORT};
    lab.run("client", command);
    return String.join(" ", command);
  }

  @Override
  public void stop() throws InterruptedException {
    if (ends == null) {
      return;
    }
    for (Long pid : ends.pids()) {
      Optional<ProcessHandle> h = ProcessHandle.of(pid);
      if (h.isPresent()) {
        h.get().destroy();
        h.get().onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
        h.get().destroyForcibly();
      }
    }
    ends = null;
  }
}
