package org.eccp.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.eccp.stack.EccpStack;
import org.eccp.stack.StackConfig;
import org.eccp.stack.StackListener;
import org.eccp.tools.endpoint.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs an endpoint that accepts ECCP connections and answers echoes until SIGINT or SIGTERM. */
@Command(
    name = "listen",
    mixinStandardHelpOptions = true,
    description = "Accept ECCP connections and answer echo requests until interrupted.")
final class ListenCommand implements Callable<Integer> {

  @Option(names = "--bind", paramLabel = "ADDR",
      description = "Use only this local IPv4 or IPv6 address (repeatable). Default: every "
          + "address except loopback, link-local and 198.19.255.0/24 (tunnel inner addresses), "
          + "as they come and go; IPv6 ones once duplicate address detection has passed.")
  List<String> bind = new ArrayList<>();

  @Option(names = "--udp", paramLabel = "PORT",
      description = "Carry ECCP in UDP on this port (both ends) instead of directly in IP "
          + "protocol 253.")
  Integer udpPort;

  @Option(names = "--pcap", paramLabel = "FILE",
      description = "Write every ECCP packet sent and received to FILE (pcap, ECCP in IP "
          + "protocol 253 whatever the link; read it with eccp dissect or tcpdump).")
  Path pcap;

  @Override
  public Integer call() throws Exception {
    StackConfig config;
    try {
      config = StackOptions.config(bind, udpPort, false).withListen(true).withPcap(pcap);
    } catch (IllegalArgumentException e) {
      System.err.println("eccp listen: " + e.getMessage());
      return 2;
    }
    StackOptions.configureLogging("info");
    EccpStack stack;
    try {
      stack = EccpStack.start(config, new StackListener() {});
    } catch (IOException e) {
      System.err.println("eccp listen: cannot start the endpoint: " + StackOptions.explain(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      stopped.countDown();
      // The JVM is already shutting down; halt with 0 because stopping on a signal is success.
      Runtime.getRuntime().halt(0);
    }, "eccp-listen-stop"));
    stopped.await();
    return 0;
  }
}
