package org.eccp.tools.lab;

import java.util.List;

/**
 * Builds a lab in a child JVM and stops for good at one command, so that a test can kill it with
 * SIGKILL at a known point of the build. Arguments: the lab prefix, then the words of the command
 * to stop at (the command is not run).
 */
final class LabCrashChild {

  private LabCrashChild() {}

  public static void main(String[] args) throws Exception {
    LabPrefix prefix = new LabPrefix(args[0]);
    List<String> stopAt = List.of(args).subList(1, args.length);
    CommandRunner stopping = new CommandRunner() {
      @Override
      public Result run(List<String> command, String stdin) throws LabException {
        if (command.containsAll(stopAt)) {
          System.out.println("stopped at " + String.join(" ", command));
          System.out.flush();
          sleepForever();
        }
        return super.run(command, stdin);
      }
    };
    LabEnvironment env = LabEnvironment.check();
    new Lab(prefix, LabPaths.SYSTEM, new Ip(stopping, env.ip(), env.tc()), env.nft())
        .up(Topology.byName("default").orElseThrow());
    System.out.println("finished without stopping");
  }

  private static void sleepForever() {
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
