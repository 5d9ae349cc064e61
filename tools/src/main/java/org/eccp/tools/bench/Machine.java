package org.eccp.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eccp.tools.json.Json;

/** The facts about this machine that a benchmark's numbers depend on. */
public final class Machine {
  private Machine() {}

  /** cores, kernel, java and the load average at the time of the call. */
  public static Map<String, Object> describe() {
    Map<String, Object> m = Json.object();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("kernel", read("/proc/sys/kernel/osrelease"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    String load = read("/proc/loadavg");
    m.put("loadavg", load.isEmpty() ? "" : String.join(" ", java.util.Arrays.asList(
        load.split(" ")).subList(0, 3)));
    return m;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
