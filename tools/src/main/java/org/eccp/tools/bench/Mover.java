package org.eccp.tools.bench;

import java.util.List;
import org.eccp.tools.lab.Lab;
import org.eccp.tools.lab.LabException;
import org.eccp.tools.lab.LabState;

/**
 * Moves the lab's client round net-a, net-b, net-c and its server between net-s and net-t,
 * and remembers where each is. Every move gives the host a new address.
 */
final class Mover {
  private static final List<String> CLIENT_NETS = List.of("net-a", "net-b", "net-c");
  private static final List<String> SERVER_NETS = List.of("net-s", "net-t");

  private final Lab lab;
  private String client = CLIENT_NETS.get(0);
  private String server = SERVER_NETS.get(0);
  private String serverAddress;

  /** @param serverAddress the server's address on net-s */
  Mover(Lab lab, String serverAddress) {
    this.lab = lab;
    this.serverAddress = serverAddress;
  }

  /** Returns the server's current address. */
  String serverAddress() {
    return serverAddress;
  }

  /** Returns the network {@code host} is on. */
  String where(String host) {
    return host.equals("client") ? client : server;
  }

  /** Returns the network {@code host} moves to next. */
  String next(String host) {
    List<String> nets = host.equals("client") ? CLIENT_NETS : SERVER_NETS;
    return nets.get((nets.indexOf(where(host)) + 1) % nets.size());
  }

  /** Moves {@code host} to its next network and returns the new assignment. */
  LabState.Assignment move(String host) throws LabException {
    return moveTo(host, next(host));
  }

  /** Moves the client back to net-a and the server to net-s, where each subject starts. */
  void home() throws LabException {
    if (!client.equals(CLIENT_NETS.get(0))) {
      moveTo("client", CLIENT_NETS.get(0));
    }
    if (!server.equals(SERVER_NETS.get(0))) {
      moveTo("server", SERVER_NETS.get(0));
    }
  }

  private LabState.Assignment moveTo(String host, String net) throws LabException {
    LabState.Assignment a = lab.move(host, net);
    if (host.equals("client")) {
      client = net;
    } else {
      server = net;
      serverAddress = a.ipv4();
    }
    return a;
  }
}
