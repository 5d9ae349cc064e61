package org.eccp.tools.demo;

import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.stack.StackConfig;
import org.eccp.tools.lab.Lab;
import org.eccp.tools.lab.LabException;
import org.eccp.tools.lab.Topology;
import org.eccp.tunnel.Tunnel;
import org.eccp.tunnel.TunnelConfig;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;

/**
 * A namespace lab with a tunnel end in its server and one in its client, both running in this
 * process (so their counters can be sampled), plus the programs started in the lab's
 * namespaces. {@link #close()} stops everything and removes the lab, whatever state it is in.
 */
public final class TunnelLab implements AutoCloseable {
  private static final Pattern INET = Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/");
  /** The server end's inner address without its prefix. */
  public static final String SERVER_INNER = "198.19.255.1";

  private final Lab lab;
  private final List<Process> processes = new ArrayList<>();
  private NetworkNamespace serverNs;
  private NetworkNamespace clientNs;
  private Tunnel server;
  private Tunnel client;
  private boolean closed;

  private TunnelLab(Lab lab) {
    this.lab = lab;
  }

  /** Builds the lab (default topology) and starts both tunnel ends, ECCP in IP. */
  public static TunnelLab start(Lab lab) throws IOException, LabException {
    return start(lab, "default", UnaryOperator.identity());
  }

  /**
   * Builds the lab with {@code topology} and starts both tunnel ends, ECCP in IP, the client's
   * settings changed by {@code clientSettings}.
   */
  public static TunnelLab start(Lab lab, String topology,
      UnaryOperator<TunnelConfig> clientSettings) throws IOException, LabException {
    TunnelLab t = new TunnelLab(lab);
    try {
      lab.up(Topology.byName(topology).orElseThrow());
      t.serverNs = NetworkNamespace.open(lab.namespace("server"));
      t.clientNs = NetworkNamespace.open(lab.namespace("client"));
      t.server = t.serverNs.call(() -> Tunnel.start(config(null, TunnelConfig.SERVER_INNER)));
      IpAddress serverAddress = IpAddress.parse(t.address("server", "s0"));
      t.client = t.clientNs.call(() -> Tunnel.start(clientSettings.apply(config(serverAddress,
          TunnelConfig.CLIENT_INNER))));
    } catch (IOException | LabException | RuntimeException e) {
      t.close();
      throw e;
    }
    return t;
  }

  /**
   * Builds the lab (default topology) and opens its client and server namespaces, without
   * tunnel ends: for callers that start their own programs with {@link #spawn}.
   */
  public static TunnelLab withoutTunnels(Lab lab) throws IOException, LabException {
    TunnelLab t = new TunnelLab(lab);
    try {
      lab.up(Topology.byName("default").orElseThrow());
      t.serverNs = NetworkNamespace.open(lab.namespace("server"));
      t.clientNs = NetworkNamespace.open(lab.namespace("client"));
    } catch (IOException | LabException | RuntimeException e) {
      t.close();
      throw e;
    }
    return t;
  }

  private static TunnelConfig config(IpAddress peer, String inner) {
    StackConfig stack = StackConfig.defaults().withEncapsulation(Encapsulation.DEFAULT)
        .withListen(peer == null);
    return new TunnelConfig(stack, peer, "eccp0", inner,
        TunnelConfig.innerMtu(TunnelConfig.OUTER_MTU, false), false);
  }

  public Lab lab() {
    return lab;
  }

  public Tunnel server() {
    return server;
  }

  public Tunnel client() {
    return client;
  }

  /** Returns the first IPv4 address of {@code device} in {@code host}'s namespace, or null. */
  public String address(String host, String device) throws IOException {
    NetworkNamespace ns = host.equals("server") ? serverNs : clientNs;
    Matcher m = INET.matcher(NetworkNamespace.run("ip", "-n", ns.name(), "-4", "addr", "show",
        "dev", device));
    return m.find() ? m.group(1) : null;
  }

  /**
   * Waits until a ping from the client to the server's inner address is answered: the
   * connection is up and the TUN routes are in place.
   */
  public boolean awaitTunnel(long timeoutMillis) throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < end) {
      Process p = new ProcessBuilder(command("client", "ping", "-c", "1", "-W", "1",
          SERVER_INNER)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (p.waitFor() == 0) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  /** Returns the command line that runs {@code args} in {@code host}'s namespace. */
  public List<String> command(String host, String... args) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", lab.namespace(host)));
    all.addAll(List.of(args));
    return all;
  }

  /**
   * Starts a program in {@code host}'s namespace with its output in {@code log}; it is ended by
   * {@link #close()} if still running.
   */
  public Process spawn(String host, Path workDir, Path log, String... args) throws IOException {
    ProcessBuilder b = new ProcessBuilder(command(host, args)).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    if (workDir != null) {
      b.directory(workDir.toFile());
    }
    return track(b.start());
  }

  /**
   * Starts a program in {@code host}'s namespace whose standard output the caller reads, with
   * its standard error in {@code log}; it is ended by {@link #close()} if still running.
   */
  public Process spawnReading(String host, Path log, String... args) throws IOException {
    return track(new ProcessBuilder(command(host, args))
        .redirectError(log.toFile()).start());
  }

  private Process track(Process p) {
    synchronized (processes) {
      processes.add(p);
    }
    return p;
  }

  /** Ends the programs, stops both tunnel ends and removes the lab; safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (processes) {
      for (Process p : processes) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
      }
      for (Process p : processes) {
        try {
          p.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
      }
    }
    closeQuietly(client);
    closeQuietly(server);
    closeQuietly(clientNs);
    closeQuietly(serverNs);
    removeLab();
  }

  /**
   * Removes the lab. On Ctrl-C this runs in a shutdown hook while the main thread may still be
   * in a lab change that holds the lab lock in this same process, so a refused lock is retried
   * for up to 10 s.
   */
  private void removeLab() {
    String fix = "; run eccp lab down --prefix " + lab.prefix().value();
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        lab.down();
        return;
      } catch (LabException e) {
        System.err.println("eccp: removing lab " + lab.prefix().value() + " failed: "
            + e.getMessage() + fix);
        return;
      } catch (OverlappingFileLockException e) {
        sleepQuietly(100);
      }
    }
    System.err.println("eccp: removing lab " + lab.prefix().value()
        + " failed: its lock stayed taken" + fix);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // Cleanup goes on with the next part.
    }
  }
}
