package org.eccp.tools.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The eccp tunnel with no {@code --bind}, so that each end uses whatever addresses it has, as
 * they come and go: one {@code eccp tunnel} JVM in the client and one in the server.
 */
final class HandoverEccp implements HandoverSubject {
  private static final String NET = "198.19.255";
  private final String name;
  private final Integer udpPort;
  private final List<Process> ends = new ArrayList<>();

  /** @param udpPort null for ECCP directly in IP */
  HandoverEccp(String name, Integer udpPort) {
    this.name = name;
    this.udpPort = udpPort;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start(BenchLab lab) throws IOException {
    ends.add(lab.spawn("server", name + "-server", BenchLab.eccp(tunnel("--listen",
        "--inner", NET + ".1/30"))));
    ends.add(lab.spawn("client", name + "-client", BenchLab.eccp(tunnel("--peer",
        lab.serverAddress(), "--inner", NET + ".2/30"))));
  }

  private String[] tunnel(String... options) {
    List<String> a = new ArrayList<>(List.of("tunnel", "--dev", serverDevice()));
    a.addAll(List.of(options));
    if (udpPort != null) {
      a.addAll(List.of("--udp", udpPort.toString()));
    }
    return a.toArray(String[]::new);
  }

  @Override
  public String target() {
    return NET + ".1";
  }

  @Override
  public String serverDevice() {
    return udpPort == null ? "eccpi0" : "eccpu0";
  }

  @Override
  public boolean followsMoves(String host) {
    return true;
  }

  @Override
  public String afterMove(BenchLab lab, String host, String serverAddress) {
    return null;
  }

  @Override
  public void stop() throws InterruptedException {
    for (Process p : ends) {
      p.destroy();
    }
    for (Process p : ends) {
      if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    ends.clear();
  }
}
