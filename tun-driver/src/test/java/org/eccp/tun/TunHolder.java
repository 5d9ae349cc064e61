package org.eccp.tun;

import org.eccp.nativ.NetworkNamespace;

/**
 * A child process for {@link TunCleanupTest}: creates TUN device {@code args[1]} in namespace
 * {@code args[0]}, prints "ready" and waits to be killed.
 */
public final class TunHolder {
  private TunHolder() {}

  public static void main(String[] args) throws Exception {
    NetworkNamespace ns = NetworkNamespace.open(args[0]);
    ns.call(() -> TunDevice.create(args[1], 1));
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
