package org.eccp.tools.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.tools.demo.TunnelLab;

/**
 * A running {@link TunnelLab} without tunnels, the outer addresses of its client and server,
 * and a directory for the programs' logs.
 */
public final class BenchLab {
  private final TunnelLab lab;
  private final Path dir;
  private final String client;
  private final String server;

  public BenchLab(TunnelLab lab, Path dir) throws IOException {
    this.lab = lab;
    this.dir = dir;
    this.client = lab.address("client", "a0");
    this.server = lab.address("server", "s0");
    if (client == null || server == null) {
      throw new IOException("the lab's client or server has no IPv4 address");
    }
  }

  public TunnelLab lab() {
    return lab;
  }

  public Path dir() {
    return dir;
  }

  /** Returns the client's outer address (on net-a). */
  public String clientAddress() {
    return client;
  }

  /** Returns the server's outer address (on net-s). */
  public String serverAddress() {
    return server;
  }

  /** Starts a program in {@code host}'s namespace, its output in {@code <logName>.log}. */
  public Process spawn(String host, String logName, String... args) throws IOException {
    return lab.spawn(host, dir, dir.resolve(logName + ".log"), args);
  }

  /** Runs a command in {@code host}'s namespace and returns its output; fails on exit status. */
  public String run(String host, String... args) throws IOException {
    return NetworkNamespace.run(lab.command(host, args).toArray(String[]::new));
  }

  /** Waits up to 5 s for a network device to appear in {@code host}'s namespace. */
  public void awaitDevice(String host, String device) throws IOException, InterruptedException {
    for (int i = 0; i < 50; i++) {
      try {
        run(host, "ip", "link", "show", "dev", device);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IOException("the device " + device + " did not appear in the " + host
        + " namespace within 5 s (see " + dir + ")");
  }

  /** Returns the command line that runs {@code eccp ARGS...} in a new JVM like this one. */
  public static String[] eccp(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    // Absolute, because the programs run in the log directory.
    List<String> classPath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.add(Path.of(entry).toAbsolutePath().toString());
    }
    cmd.add(String.join(File.pathSeparator, classPath));
    cmd.add("org.eccp.tools.EccpCommand");
    cmd.addAll(List.of(args));
    return cmd.toArray(String[]::new);
  }
}
