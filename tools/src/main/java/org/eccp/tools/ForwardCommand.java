package org.eccp.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eccp.stack.StackConfig;
import org.eccp.tcplite.TcpLiteConfig;
import org.eccp.tcplite.runtime.StackTcpLite;
import org.eccp.tcplite.socket.TcpLiteServerSocket;
import org.eccp.tcplite.socket.TcpLiteSocket;
import org.eccp.tools.endpoint.HostsFile;
import org.eccp.tools.endpoint.StackOptions;
import org.eccp.wire.IpAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Forwards TCP connections over tcp-lite: the entry side accepts TCP on a loopback port and
 * opens a tcp-lite connection to the peer for each; the exit side accepts tcp-lite and opens a
 * TCP connection to a loopback port for each. The TCP side is loopback only.
 */
@Command(
    name = "forward",
    mixinStandardHelpOptions = true,
    description = "Forward loopback TCP connections over tcp-lite to a peer running "
        + "eccp forward --listen.",
    footer = {"Entry: eccp forward --from-tcp 5555 --to PEER:4000",
        "Exit:  eccp forward --listen 4000 --to-tcp 6000",
        "Exit status: 0 after --count connections finished, 1 on failure, 2 for invalid "
            + "arguments."})
final class ForwardCommand implements Callable<Integer> {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Option(names = "--from-tcp", paramLabel = "PORT",
      description = "Accept TCP on 127.0.0.1:PORT (entry side).")
  Integer fromTcp;

  @Option(names = "--to", paramLabel = "PEER:PORT",
      description = "The tcp-lite port of the peer to forward to (entry side); an IPv6 peer "
          + "in brackets, such as [fd00:9::2]:4000.")
  String to;

  @Option(names = "--listen", paramLabel = "PORT",
      description = "Accept tcp-lite connections on PORT (exit side).")
  Integer listen;

  @Option(names = "--to-tcp", paramLabel = "PORT",
      description = "Forward each tcp-lite connection to TCP 127.0.0.1:PORT (exit side).")
  Integer toTcp;

  @Option(names = "--count", paramLabel = "N",
      description = "Exit after N connections finished, N >= 1 (default: serve until interrupted).")
  Integer count;

  @Option(names = "--udp", paramLabel = "PORT",
      description = "Carry ECCP in UDP on this port instead of directly in IP protocol 253.")
  Integer udpPort;

  @Option(names = "--timeout", paramLabel = "MS", defaultValue = "10000",
      description = "Milliseconds to wait for a tcp-lite connection (default: ${DEFAULT-VALUE}).")
  long timeoutMillis;

  @Option(names = "--verbose", description = "Log the stack's events (INFO) to stderr.")
  boolean verbose;

  private IpAddress peer;
  private int peerPort;

  @Override
  public Integer call() throws Exception {
    String invalid = checkArguments();
    if (invalid != null) {
      System.err.println("eccp forward: " + invalid);
      return 2;
    }
    StackConfig config;
    try {
      config = StackOptions.config(List.of(), udpPort, udpPort != null).withListen(listen != null);
    } catch (IllegalArgumentException e) {
      System.err.println("eccp forward: " + e.getMessage());
      return 2;
    }
    StackOptions.configureLogging(verbose ? "info" : "warn");
    try (StackTcpLite rt = StackTcpLite.start(config, TcpLiteConfig.defaults())) {
      if (!rt.stack().awaitAddresses(5000)) {
        System.err.println("eccp forward: the host's addresses were not read within 5 s");
        return 1;
      }
      return fromTcp != null ? entry(rt) : exit(rt);
    } catch (IOException e) {
      System.err.println("eccp forward: " + e.getMessage());
      return 1;
    }
  }

  private String checkArguments() {
    boolean entry = fromTcp != null || to != null;
    boolean exit = listen != null || toTcp != null;
    if (entry == exit || (entry && (fromTcp == null || to == null))
        || (exit && (listen == null || toTcp == null))) {
      return "give either --from-tcp PORT --to PEER:PORT or --listen PORT --to-tcp PORT";
    }
    for (Integer p : new Integer[] {fromTcp, listen, toTcp}) {
      if (p != null && (p < 1 || p > 65535)) {
        return "invalid port " + p + ": use 1..65535";
      }
    }
    if (count != null && count < 1) {
      return "invalid --count " + count + ": use 1 or more, or leave it out to serve until"
          + " interrupted";
    }
    if (timeoutMillis < 0) {
      return "invalid --timeout " + timeoutMillis + ": use 0 or more milliseconds";
    }
    return entry ? parsePeer() : null;
  }

  private String parsePeer() {
    int colon = to.lastIndexOf(':');
    boolean bracketed = to.startsWith("[");
    if (bracketed ? colon < 1 || to.charAt(colon - 1) != ']' : to.indexOf(':') != colon) {
      return "invalid --to '" + to + "': write an IPv6 peer in brackets, e.g. [fd00:9::2]:4000";
    }
    String host = bracketed ? to.substring(1, colon - 1) : to.substring(0, Math.max(0, colon));
    try {
      peerPort = Integer.parseInt(to.substring(colon + 1));
      peer = HostsFile.resolve(host, HostsFile.DEFAULT);
    } catch (NumberFormatException | IOException e) {
      return "invalid --to '" + to + "': use PEER:PORT, e.g. 198.18.9.2:4000";
    } catch (IllegalArgumentException e) {
      return "invalid --to '" + to + "': " + e.getMessage();
    }
    return colon < 1 || peerPort < 1 || peerPort > 65535
        ? "invalid --to '" + to + "': use PEER:PORT with PORT 1..65535" : null;
  }


  private int entry(StackTcpLite rt) throws IOException, InterruptedException {
    List<Thread> bridges = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(fromTcp, 50, LOOPBACK)) {
      for (int n = 0; count == null || n < count; n++) {
        Socket tcp = server.accept();
        TcpLiteSocket lite = TcpLiteSocket.connect(rt, peer, peerPort, timeoutMillis);
        bridges.add(bridge(tcp, lite));
      }
    }
    return join(bridges);
  }

  private int exit(StackTcpLite rt) throws IOException, InterruptedException {
    List<Thread> bridges = new ArrayList<>();
    try (TcpLiteServerSocket server = new TcpLiteServerSocket(rt, listen)) {
      for (int n = 0; count == null || n < count; n++) {
        TcpLiteSocket lite = server.accept();
        bridges.add(bridge(new Socket(LOOPBACK, toTcp), lite));
      }
    }
    return join(bridges);
  }

  private static int join(List<Thread> bridges) throws InterruptedException {
    for (Thread t : bridges) {
      t.join();
    }
    return 0;
  }

  /** Copies both ways until both ends sent their FIN, then closes both. */
  private Thread bridge(Socket tcp, TcpLiteSocket lite) {
    Thread t = new Thread(() -> {
      Thread up = copy(tcp::getInputStream, lite.getOutputStream(), lite::shutdownOutput);
      try {
        copyNow(lite.getInputStream(), tcp.getOutputStream());
        tcp.shutdownOutput();
        up.join();
        lite.awaitAcknowledged(timeoutMillis);
      } catch (IOException | InterruptedException e) {
        System.err.println("eccp forward: connection " + lite.localPort() + " failed: "
            + e.getMessage());
      } finally {
        closeQuietly(tcp, lite);
      }
    }, "eccp-forward-" + lite.localPort());
    t.start();
    return t;
  }

  private interface Source {
    InputStream open() throws IOException;
  }

  private interface Finish {
    void run() throws IOException;
  }

  private static Thread copy(Source from, OutputStream to, Finish done) {
    Thread t = new Thread(() -> {
      try {
        copyNow(from.open(), to);
        done.run();
      } catch (IOException e) {
        System.err.println("eccp forward: " + e.getMessage());
      }
    }, "eccp-forward-up");
    t.start();
    return t;
  }

  private static void copyNow(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) >= 0) {
      out.write(buf, 0, n);
      out.flush();
    }
  }

  private static void closeQuietly(Socket tcp, TcpLiteSocket lite) {
    try {
      tcp.close();
      lite.close();
    } catch (IOException e) {
      System.err.println("eccp forward: closing failed: " + e.getMessage());
    }
  }
}
