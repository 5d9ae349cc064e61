package org.eccp.tools.bench;

import java.io.IOException;

/** A tunnel that the handover bench moves the ends of. */
interface HandoverSubject {
  /** The name in the report, such as {@code eccp-ip}. */
  String name();

  /** Starts both ends, with the lab's client on net-a and its server on net-s. */
  void start(BenchLab lab) throws IOException, InterruptedException;

  /** The server's inner address, which iperf3 in the client connects to. */
  String target();

  /** The inner device in the server, whose received bytes are the delivered traffic. */
  String serverDevice();

  /** Whether the tunnel follows a move of {@code host} with nothing done by hand. */
  boolean followsMoves(String host);

  /**
   * Does by hand what a user must do after {@code host} moved, the server being at
   * {@code serverAddress}; nothing when {@link #followsMoves} is true. Returns the command
   * run, or null.
   */
  String afterMove(BenchLab lab, String host, String serverAddress) throws IOException;

  /** Stops both ends and waits until they are gone. */
  void stop() throws InterruptedException;
}
