package org.eccp.tools.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eccp.tools.demo.TunnelLab;
import org.eccp.tools.json.Json;
import org.eccp.tools.lab.Impairment;
import org.eccp.tools.lab.Lab;
import org.eccp.tools.lab.LabException;

/**
 * The multipath bench's lab and the programs it runs there: the client attached to net-a and
 * net-b, both rate-limited, an iperf3 server that reports every {@link Throughput#BIN_MILLIS}
 * ms, and a tunnel in stripe mode.
 */
final class MultipathSetup {
  static final int STRIPE_UDP_PORT = 7400;
  private final BenchLab lab;
  private String addressA;
  private String addressB;

  MultipathSetup(BenchLab lab) {
    this.lab = lab;
  }

  /** Attaches the client to net-b as well, limits both networks and starts the iperf3 server. */
  void build(Impairment rateLimit) throws IOException, LabException {
    Lab l = lab.lab().lab();
    l.link("client", "net-b", true);
    l.impair("net-a", rateLimit);
    l.impair("net-b", rateLimit);
    addressA = lab.lab().address("client", "a0");
    addressB = lab.lab().address("client", "b0");
    if (addressA == null || addressB == null) {
      throw new IOException("the client has no IPv4 address on net-a or net-b");
    }
    lab.spawn("server", "iperf3-server", "iperf3", "-s", "-J", "-i",
        Double.toString(Throughput.BIN_MILLIS / 1000.0));
  }

  String addressA() {
    return addressA;
  }

  String addressB() {
    return addressB;
  }

  /**
   * Starts {@code eccp tunnel --paths stripe} in the client (every client address, so a flow
   * on each network) and its server end, and returns whether a ping through it was answered.
   * The tunnel carries ECCP in UDP, because {@code eccp nc} runs ECCP directly in IP: a raw
   * socket receives every packet of its protocol in the namespace, so the stack of each program
   * would see the other's packets and answer them with RST.
   */
  boolean startStripeTunnel() throws IOException, InterruptedException {
    String port = Integer.toString(STRIPE_UDP_PORT);
    lab.spawn("server", "stripe-server", BenchLab.eccp("tunnel", "--listen", "--bind",
        lab.serverAddress(), "--dev", "eccpm0", "--udp", port));
    lab.spawn("client", "stripe-client", BenchLab.eccp("tunnel", "--peer", lab.serverAddress(),
        "--paths", "stripe", "--dev", "eccpm0", "--udp", port));
    return lab.lab().awaitTunnel(20_000);
  }

  /**
   * Runs iperf3 from the client to {@code target}, from {@code source} when not null, and
   * returns what the server received, per bin from the server's own report.
   */
  Throughput iperf(String target, String source, int seconds)
      throws IOException, InterruptedException {
    List<String> options = new ArrayList<>(List.of("-i",
        Double.toString(Throughput.BIN_MILLIS / 1000.0), "--get-server-output"));
    if (source != null) {
      options.addAll(List.of("-B", source));
    }
    return parseServerReport(Iperf.runJson(lab, target, seconds, options), target);
  }

  /** Reads the mean and the intervals that the iperf3 server reported as received. */
  static Throughput parseServerReport(String json, String target) throws IOException {
    Iperf.Outcome total = Iperf.parse(json, target);
    Map<?, ?> server = (Map<?, ?>) ((Map<?, ?>) Json.parse(json)).get("server_output_json");
    if (server == null || !(server.get("intervals") instanceof List<?> intervals)) {
      throw new IOException("iperf3 to " + target + " returned no server report");
    }
    double[] mbps = new double[intervals.size()];
    for (int i = 0; i < mbps.length; i++) {
      Map<?, ?> sum = (Map<?, ?>) ((Map<?, ?>) intervals.get(i)).get("sum");
      mbps[i] = ((Number) sum.get("bits_per_second")).doubleValue() / 1e6;
    }
    return new Throughput(total.bitsPerSecond() / 1e6, mbps);
  }

  /** Sends zeros with {@code eccp nc --flows F} for {@code seconds} and counts what arrives. */
  Throughput nc(int flows, int port, int seconds) throws IOException, InterruptedException {
    String p = Integer.toString(port);
    String name = "tcp-lite-" + flows + "-" + port;
    Process receiver = lab.lab().spawnReading("server", lab.dir().resolve(name + "-receiver.log"),
        BenchLab.eccp("nc", "--listen", p, "--timeout", "60000"));
    Process sender = lab.spawn("client", name + "-sender", BenchLab.eccp("nc", "--flows",
        Integer.toString(flows), lab.serverAddress(), p, "--timeout", "60000"));
    return TimedTransfer.run(receiver, sender, seconds, name);
  }

  /** Returns the bytes that the client has sent so far on a0 (net-a) and b0 (net-b). */
  long[] clientSentBytes() throws IOException {
    return new long[] {sent("a0"), sent("b0")};
  }

  private long sent(String device) throws IOException {
    String text = lab.run("client", "cat", "/sys/class/net/" + device + "/statistics/tx_bytes");
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IOException("cannot read the sent bytes of " + device + ": '" + text.trim() + "'");
    }
  }
}
