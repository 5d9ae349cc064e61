package org.eccp.tools.demo;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo's requirements on the machine, checked before anything is made. */
public final class Prerequisites {
  /** Command, Debian package. */
  private static final Map<String, String> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("ip", "iproute2");
    COMMANDS.put("tc", "iproute2");
    COMMANDS.put("curl", "curl");
    COMMANDS.put("iperf3", "iperf3");
    COMMANDS.put("python3", "python3");
    COMMANDS.put("tcpdump", "tcpdump");
    COMMANDS.put("ping", "iputils-ping");
  }

  private Prerequisites() {}

  /** Returns the problems found, each a sentence with its fix; empty when all is there. */
  public static List<String> check(String labPrefix) {
    return check(labPrefix, COMMANDS);
  }

  /**
   * The same with other commands: {@code commands} maps each command to its Debian package.
   */
  public static List<String> check(String labPrefix, Map<String, String> commands) {
    List<String> problems = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      problems.add("this builds network namespaces and TUN devices, which needs root: "
          + "run it with sudo");
    }
    if (!Files.exists(Path.of("/dev/net/tun"))) {
      problems.add("/dev/net/tun is missing: load the tun module (modprobe tun) or, in a "
          + "container, pass the device in (docker run --device /dev/net/tun --cap-add NET_ADMIN)");
    }
    List<String> packages = new ArrayList<>();
    for (Map.Entry<String, String> e : commands.entrySet()) {
      if (!onPath(e.getKey()) && !packages.contains(e.getValue())) {
        packages.add(e.getValue());
        problems.add("the command " + e.getKey() + " is missing: it comes with the Debian "
            + "package " + e.getValue());
      }
    }
    if (!packages.isEmpty()) {
      problems.add("install them with: sudo apt-get install " + String.join(" ", packages));
    }
    if (Files.exists(Path.of("/run/netns/" + labPrefix + "client"))
        || Files.exists(Path.of("/run/eccp-lab/" + labPrefix.substring(0, labPrefix.length() - 1)))) {
      problems.add("a lab " + labPrefix + "... is already there, from a run that is "
          + "going on or crashed: stop that run, or remove the lab with eccp lab down --prefix "
          + labPrefix);
    }
    return problems;
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
