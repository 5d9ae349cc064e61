package org.eccp.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eccp.stack.EccpStack;
import org.eccp.stack.StackConfig;
import org.eccp.tools.endpoint.HostsFile;
import org.eccp.tools.endpoint.PingOutput;
import org.eccp.tools.endpoint.PingSession;
import org.eccp.tools.endpoint.StackOptions;
import org.eccp.wire.IpAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Opens an ECCP connection and sends echo requests on every flow, like ping. */
@Command(
    name = "ping",
    mixinStandardHelpOptions = true,
    description = "Send ECCP echo requests to an endpoint on every flow of one connection.",
    footer = "Exit status: 0 when the last echo on every flow was answered, 1 otherwise, "
        + "2 for invalid arguments.")
final class PingCommand implements Callable<Integer> {

  @Parameters(paramLabel = "PEER",
      description = "The peer: an IPv4 or IPv6 address, or a name in /etc/hosts (its IPv4 "
          + "address when it has one).")
  String peer;

  @Option(names = "-4", description = "Resolve PEER to its IPv4 address.")
  boolean ipv4;

  @Option(names = "-6", description = "Resolve PEER to its IPv6 address.")
  boolean ipv6;

  @Option(names = "--count", paramLabel = "N",
      description = "Stop after N echoes per flow, N >= 1 (default: until interrupted).")
  Integer count;

  @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000",
      description = "Milliseconds between echo rounds (default: ${DEFAULT-VALUE}).")
  long intervalMillis;

  @Option(names = "--flows", paramLabel = "F", defaultValue = "1",
      description = "Flows to open, over the host's other addresses and the peer's "
          + "(default: ${DEFAULT-VALUE}).")
  int flows;

  @Option(names = "--udp", paramLabel = "PORT",
      description = "Carry ECCP in UDP on this port instead of directly in IP protocol 253.")
  Integer udpPort;

  @Option(names = "--timeout", paramLabel = "MS", defaultValue = "1000",
      description = "Milliseconds to wait for a reply before counting the echo lost "
          + "(default: ${DEFAULT-VALUE}).")
  long timeoutMillis;

  @Option(names = "--pcap", paramLabel = "FILE",
      description = "Write every ECCP packet sent and received to FILE (pcap).")
  Path pcap;

  @Option(names = "--json", description = "Print one JSON object per line instead of text.")
  boolean json;

  @Option(names = "--verbose", description = "Log the stack's events (INFO) to stderr.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    String invalid = checkOptions();
    if (invalid != null) {
      System.err.println("eccp ping: " + invalid);
      return 2;
    }
    IpAddress address;
    StackConfig config;
    try {
      address = HostsFile.resolve(peer, HostsFile.DEFAULT, family());
      config = StackOptions.config(List.of(), udpPort, StackOptions.isLoopback(address))
          .withPcap(pcap);
    } catch (IllegalArgumentException e) {
      System.err.println("eccp ping: " + e.getMessage());
      return 2;
    }
    StackOptions.configureLogging(verbose ? "info" : "warn");
    int rounds = count == null ? 0 : count;
    PingSession session = new PingSession(new PingSession.Options(peer, address, rounds,
        TimeUnit.MILLISECONDS.toNanos(intervalMillis), flows,
        TimeUnit.MILLISECONDS.toNanos(timeoutMillis)), new PingOutput(System.out, json));
    try (EccpStack stack = EccpStack.start(config, session)) {
      return run(stack, session);
    } catch (IOException e) {
      System.err.println("eccp ping: cannot start the endpoint: " + StackOptions.explain(e));
      return 1;
    }
  }

  private HostsFile.Family family() {
    if (ipv4) {
      return HostsFile.Family.IPV4;
    }
    return ipv6 ? HostsFile.Family.IPV6 : HostsFile.Family.ANY;
  }

  private String checkOptions() {
    if (ipv4 && ipv6) {
      return "-4 and -6 exclude each other: give one of them";
    }
    if (count != null && count < 1) {
      return "invalid --count " + count
          + ": use 1 or more, or leave it out to ping until interrupted";
    }
    if (intervalMillis < 1) {
      return "invalid --interval " + intervalMillis + ": use 1 or more milliseconds";
    }
    if (flows < 1 || flows > 16) {
      return "invalid --flows " + flows + ": use 1..16";
    }
    if (timeoutMillis < 1) {
      return "invalid --timeout " + timeoutMillis + ": use 1 or more milliseconds";
    }
    return null;
  }

  private static int run(EccpStack stack, PingSession session) throws Exception {
    if (!stack.awaitAddresses(5000)) {
      System.err.println("eccp ping: the host's addresses were not read within 5 s");
      return 1;
    }
    Thread stopper = new Thread(() -> {
      stack.execute(session::stop);
      try {
        int code = session.exitCode().get(2, TimeUnit.SECONDS);
        System.out.flush();
        Runtime.getRuntime().halt(code);
      } catch (Exception e) {
        Runtime.getRuntime().halt(1);
      }
    }, "eccp-ping-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    stack.execute(() -> session.begin(stack));
    int code = session.exitCode().get();
    try {
      Runtime.getRuntime().removeShutdownHook(stopper);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook prints and exits.
    }
    return code;
  }
}
