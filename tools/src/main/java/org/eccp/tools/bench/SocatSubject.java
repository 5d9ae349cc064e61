package org.eccp.tools.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** socat joining a TUN device at each end over UDP: the simplest user-space tunnel. */
final class SocatSubject implements Subject {
  private static final int PORT = 7401;
  /** 1500 minus the outer IPv4 and UDP headers, so that no outer packet is fragmented. */
  private static final int MTU = 1472;
  private static final String DEV = "socat0";
  private final String serverInner;
  private final String clientInner;
  private final List<Long> pids = new ArrayList<>();

  SocatSubject(String net) {
    this.serverInner = net + ".1";
    this.clientInner = net + ".2";
  }

  @Override
  public String name() {
    return "socat";
  }

  @Override
  public void start(BenchLab lab) throws IOException, InterruptedException {
    pids.add(end(lab, "server", serverInner, lab.clientAddress()));
    pids.add(end(lab, "client", clientInner, lab.serverAddress()));
    for (String host : List.of("server", "client")) {
      lab.awaitDevice(host, DEV);
      lab.run(host, "ip", "link", "set", "dev", DEV, "mtu", Integer.toString(MTU));
    }
  }

  private static long end(BenchLab lab, String host, String inner, String peer)
      throws IOException {
    return lab.spawn(host, "socat-" + host, "socat",
        "TUN:" + inner + "/30,tun-name=" + DEV + ",iff-up",
        "UDP-DATAGRAM:" + peer + ":" + PORT + ",bind=:" + PORT).pid();
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
