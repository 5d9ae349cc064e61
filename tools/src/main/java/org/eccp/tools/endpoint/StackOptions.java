package org.eccp.tools.endpoint;

import java.util.ArrayList;
import java.util.List;
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
   * @param bind address literals, or empty for every routable IPv4 address
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
