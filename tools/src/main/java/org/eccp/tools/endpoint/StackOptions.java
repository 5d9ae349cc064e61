package org.eccp.tools.endpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eccp.nativ.Linux;
import org.eccp.nativ.NativeException;
import org.eccp.stack.AddressFilter;
import org.eccp.stack.StackConfig;
import org.eccp.wire.Encapsulation;
import org.eccp.wire.IpAddress;

/** Turns the command-line options shared by listen and ping into a {@link StackConfig}. */
public final class StackOptions {
  private StackOptions() {}

  /**
   * Builds the configuration.
   *
   * @param bind address literals, or empty for every routable IPv4 and IPv6 address
   * @param udpPort the UDP port, or null for ECCP directly in IP
   * @param loopback whether loopback addresses may be used without a bind list
   * @throws IllegalArgumentException naming the invalid value and the fix
   */
  public static StackConfig config(List<String> bind, Integer udpPort, boolean loopback) {
    List<IpAddress> addresses = new ArrayList<>();
    for (String literal : bind) {
      addresses.add(IpAddress.parse(literal));
    }
    Encapsulation encapsulation = Encapsulation.DEFAULT;
    if (udpPort != null) {
      if (udpPort < 1 || udpPort > 65535) {
        throw new IllegalArgumentException("invalid --udp port " + udpPort
            + ": use 1..65535, for example 7400");
      }
      encapsulation = encapsulation.withUdp(udpPort);
    }
    return StackConfig.defaults().withEncapsulation(encapsulation)
        .withAddresses(new AddressFilter(addresses, loopback));
  }

  /** Returns whether {@code a} is a loopback address: 127.0.0.0/8 or ::1. */
  public static boolean isLoopback(IpAddress a) {
    return a.isV6() ? a.high() == 0 && a.low() == 1 : (a.v4Bits() >>> 24) == 127;
  }

  /** errno values from asm-generic/errno-base.h that {@link Linux} does not name. */
  private static final int EACCES = 13;
  private static final int EBUSY = 16;
  private static final int EINVAL = 22;

  /** Returns the failure's message, with the fix when the raw socket was not permitted. */
  public static String explain(IOException e) {
    return explain(e, "raw IP needs root or CAP_NET_RAW; try --udp 7400 otherwise");
  }

  /**
   * Returns the failure's message with its real cause: a missing directory or a denied file
   * (a --pcap FILE), a TUN device that another process holds, or {@code rootHint} when the
   * kernel refused the call for lack of privilege (EPERM or EACCES).
   */
  public static String explain(IOException e, String rootHint) {
    if (e instanceof java.nio.file.FileSystemException f
        && (f.getFile() == null || f.getFile().isEmpty())) {
      return "cannot create the capture: the file name is empty; give --pcap FILE";
    }
    if (e instanceof java.nio.file.NoSuchFileException f) {
      java.nio.file.Path parent = java.nio.file.Path.of(f.getFile()).toAbsolutePath().getParent();
      if (parent != null && java.nio.file.Files.isDirectory(parent)) {
        // Creating a file in /proc or /sys fails with ENOENT although the directory exists.
        return "cannot create " + f.getFile() + ": the directory " + parent
            + " accepts no new files; give a path in a writable directory such as /tmp";
      }
      return "cannot create " + f.getFile() + ": the directory "
          + (parent == null ? "" : parent + " ") + "does not exist; create it or give another path";
    }
    if (e instanceof java.nio.file.AccessDeniedException f) {
      return "cannot create " + f.getFile() + ": permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f) {
      return "cannot create " + f.getFile() + ": " + f.getReason();
    }
    if (e instanceof NativeException n) {
      if (n.errno() == Linux.EPERM || n.errno() == EACCES) {
        return e.getMessage() + " (" + rootHint + ")";
      }
      if (n.errno() == EINVAL && n.operation().contains("TUNSETIFF")) {
        // TUNSETIFF fails with EINVAL when a device of that name exists and is not a TUN device.
        return e.getMessage() + " (a device of that name that is not a TUN device may exist:"
            + " see ip link, and pick another --dev)";
      }
      if (n.errno() == EBUSY) {
        return e.getMessage() + " (the device is in use by another process: pick another --dev)";
      }
    }
    return e.getMessage();
  }

  /**
   * Sets the slf4j-simple defaults for a long-running endpoint: time stamps in milliseconds and
   * the given level. Settings the user passed with -D win. Call before the first logger exists.
   */
  public static void configureLogging(String level) {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
