package org.eccp.tools.bench;

import java.io.IOException;
import java.util.List;

/** One way to carry traffic from the lab's client to its server, measured by the tunnel bench. */
public interface Subject {
  /** The name in the report, such as {@code eccp-ip}. */
  String name();

  /**
   * Starts the subject's programs in the lab.
   *
   * @throws IOException naming what failed, when the subject cannot run here
   */
  void start(BenchLab lab) throws IOException, InterruptedException;

  /** The server address that iperf3 in the client connects to. */
  String target();

  /** Stops what runs inside this process; programs in the lab end with the lab. */
  default void stop() {}

  /** The processes whose CPU time the subject costs (empty when the kernel does all the work). */
  List<Long> pids();
}
