package org.eccp.tun;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The TUN devices this process has open, closed by one shutdown hook at JVM exit (normal exit,
 * SIGINT, SIGTERM). SIGKILL runs no hook, but the kernel closes the descriptors of a killed
 * process, which removes non-persistent devices all the same.
 */
final class OpenDevices {
  private static final Set<TunDevice> OPEN = new LinkedHashSet<>();
  private static boolean hookInstalled;

  private OpenDevices() {}

  static synchronized void register(TunDevice device) {
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(OpenDevices::closeAll, "tun-cleanup"));
      hookInstalled = true;
    }
    OPEN.add(device);
  }

  static synchronized void unregister(TunDevice device) {
    OPEN.remove(device);
  }

  private static void closeAll() {
    List<TunDevice> devices;
    synchronized (OpenDevices.class) {
      devices = new ArrayList<>(OPEN);
    }
    devices.forEach(TunDevice::close);
  }
}
