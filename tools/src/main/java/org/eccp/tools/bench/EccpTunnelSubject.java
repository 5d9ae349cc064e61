package org.eccp.tools.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The eccp tunnel, one end in the client and one in the server, each its own JVM. */
final class EccpTunnelSubject implements Subject {
  private final String name;
  private final Integer udpPort;
  private final String serverInner;
  private final String clientInner;
  private final List<Long> pids = new ArrayList<>();

  /**
   * @param udpPort null for ECCP directly in IP
   * @param net the first three octets of the inner /30: .1 is the server, .2 the client
   */
  EccpTunnelSubject(String name, Integer udpPort, String net) {
    this.name = name;
    this.udpPort = udpPort;
    this.serverInner = net + ".1";
    this.clientInner = net + ".2";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start(BenchLab lab) throws IOException {
    String dev = udpPort == null ? "eccpi0" : "eccpu0";
    pids.add(lab.spawn("server", name + "-server", BenchLab.eccp(args("--listen",
        "--bind", lab.serverAddress(), "--inner", serverInner + "/30", "--dev", dev))).pid());
    pids.add(lab.spawn("client", name + "-client", BenchLab.eccp(args("--peer",
        lab.serverAddress(), "--bind", lab.clientAddress(), "--inner", clientInner + "/30",
        "--dev", dev))).pid());
  }

  private String[] args(String... rest) {
    List<String> a = new ArrayList<>(List.of("tunnel"));
    a.addAll(List.of(rest));
    if (udpPort != null) {
      a.add("--udp");
      a.add(udpPort.toString());
    }
    return a.toArray(String[]::new);
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
