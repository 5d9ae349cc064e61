package org.eccp.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.eccp.stack.StackConfig;
import org.eccp.tcplite.TcpLiteConfig;
import org.eccp.tcplite.TcpLiteCounters;
import org.eccp.tcplite.runtime.StackTcpLite;
import org.eccp.tcplite.socket.TcpLiteServerSocket;
import org.eccp.tcplite.socket.TcpLiteSocket;
import org.eccp.tools.endpoint.HostsFile;
import org.eccp.tools.endpoint.StackOptions;
import org.eccp.wire.IpAddress;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Copies standard input to a tcp-lite connection and the connection to standard output. */
@Command(
    name = "nc",
    mixinStandardHelpOptions = true,
    description = "Send standard input over a tcp-lite connection and print what comes back.",
    footer = "Exit status: 0 when both directions reached their end, 1 when the connection "
        + "failed, 2 for invalid arguments.")
final class NcCommand implements Callable<Integer> {
  /** The tcp-lite counters of the last run (malformed segments included), or null before it. */
  TcpLiteCounters counters;


  @Option(names = {"-l", "--listen"},
      description = "Listen on PORT and serve one connection instead of connecting.")
  boolean listen;

  @Parameters(paramLabel = "ARG", arity = "1..2",
      description = "PEER PORT to connect (PEER: an IPv4 or IPv6 address or a name in /etc/hosts), "
          + "or PORT with --listen.")
  List<String> args;

  @Option(names = "--udp", paramLabel = "PORT",
      description = "Carry ECCP in UDP on this port instead of directly in IP protocol 253.")
  Integer udpPort;

  @Option(names = "--timeout", paramLabel = "MS", defaultValue = "10000",
      description = "Milliseconds to wait for the connection; 0 waits without limit "
          + "(default: ${DEFAULT-VALUE}).")
  long timeoutMillis;

  @Option(names = "--flows", paramLabel = "F", defaultValue = "1",
      description = "ECCP flows to open when connecting, each from another local address; "
          + "tcp-lite spreads its segments over them (1..16, default: ${DEFAULT-VALUE}).")
  int flows = 1;

  @Option(names = "--verbose", description = "Log the stack's events (INFO) to stderr.")
  boolean verbose;

  /** The streams copied; tests replace them. */
  InputStream in = System.in;
  OutputStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (listen != (args.size() == 1)) {
      System.err.println("eccp nc: give PEER PORT to connect, or --listen PORT to listen");
      return 2;
    }
    int port;
    IpAddress peer = null;
    StackConfig config;
    try {
      port = port(args.get(args.size() - 1));
      if (!listen) {
        peer = HostsFile.resolve(args.get(0), HostsFile.DEFAULT);
      }
      boolean loopback = peer == null ? udpPort != null : StackOptions.isLoopback(peer);
      config = StackOptions.config(List.of(), udpPort, loopback).withListen(listen);
    } catch (IllegalArgumentException e) {
      System.err.println("eccp nc: " + e.getMessage());
      return 2;
    }
    if (timeoutMillis < 0) {
      System.err.println("eccp nc: invalid --timeout " + timeoutMillis + ": use 0 or more");
      return 2;
    }
    if (flows < 1 || flows > 16 || (listen && flows != 1)) {
      System.err.println("eccp nc: invalid --flows " + flows + ": use 1..16, and only when "
          + "connecting (the listener takes the flows that the peer opens)");
      return 2;
    }
    StackOptions.configureLogging(verbose ? "info" : "warn");
    return run(config, peer, port);
  }

  private static int port(String text) {
    try {
      int p = Integer.parseInt(text);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("invalid port '" + text + "': use 1..65535");
  }

  private int run(StackConfig config, IpAddress peer, int port) throws InterruptedException {
    StackTcpLite started = null;
    try (StackTcpLite rt = StackTcpLite.start(config, TcpLiteConfig.defaults())) {
      started = rt;
      if (!rt.stack().awaitAddresses(5000)) {
        System.err.println("eccp nc: the host's addresses were not read within 5 s");
        return 1;
      }
      try (TcpLiteSocket s = open(rt, peer, port)) {
        int code = copyBothWays(s);
        if (!s.awaitAcknowledged(timeoutMillis)) {
          System.err.println("eccp nc: the peer did not acknowledge everything within "
              + timeoutMillis + " ms");
          return 1;
        }
        return code;
      }
    } catch (IOException e) {
      System.err.println("eccp nc: " + (peer == null ? "listening on port " + port : "connecting to "
          + peer + " port " + port) + " failed: " + StackOptions.explain(e));
      return 1;
    } finally {
      if (started != null) {
        // Read after the stack stopped, so the loop thread no longer changes them.
        counters = started.counters();
        LoggerFactory.getLogger(NcCommand.class).info("tcp-lite stopped: {}", counters);
      }
    }
  }

  private TcpLiteSocket open(StackTcpLite rt, IpAddress peer, int port)
      throws IOException, InterruptedException {
    if (peer != null) {
      if (flows > 1) {
        addFlows(rt, peer);
      }
      return TcpLiteSocket.connect(rt, peer, port, timeoutMillis);
    }
    try (TcpLiteServerSocket server = new TcpLiteServerSocket(rt, port)) {
      server.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
      return server.accept();
    }
  }

  /** Opens the ECCP connection to {@code peer} first, so that its further flows can be added. */
  private void addFlows(StackTcpLite rt, IpAddress peer) throws IOException, InterruptedException {
    int connection = rt.connectionTo(peer, timeoutMillis);
    int opened = rt.addFlows(connection, flows);
    if (opened < flows) {
      System.err.println("eccp nc: only " + opened + " of " + flows + " flows possible: the "
          + "host has too few local addresses");
    }
  }

  /** Logs the connection's sending state every second while it is open, for --verbose. */
  private static void logState(TcpLiteSocket s) {
    Thread t = new Thread(() -> {
      try {
        while (!s.isClosed()) {
          Thread.sleep(1000);
          System.err.println("eccp nc: " + s.describe());
        }
      } catch (IOException | InterruptedException e) {
        // The connection ended.
      }
    }, "eccp-nc-state");
    t.setDaemon(true);
    t.start();
  }

  /** Sends standard input (then FIN) while printing what arrives, until both ends are reached. */
  private int copyBothWays(TcpLiteSocket s) throws IOException, InterruptedException {
    IOException[] sendFailure = new IOException[1];
    Thread sender = new Thread(() -> {
      try {
        in.transferTo(s.getOutputStream());
        s.shutdownOutput();
      } catch (IOException e) {
        sendFailure[0] = e;
      }
    }, "eccp-nc-send");
    sender.setDaemon(true);
    sender.start();
    if (verbose) {
      logState(s);
    }
    s.getInputStream().transferTo(out);
    out.flush();
    sender.join();
    if (sendFailure[0] != null) {
      throw sendFailure[0];
    }
    return 0;
  }
}
