package org.eccp.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eccp.tools.bench.BenchLab;
import org.eccp.tools.bench.BenchReport;
import org.eccp.tools.demo.Prerequisites;
import org.eccp.tools.demo.TunnelLab;
import org.eccp.tools.endpoint.StackOptions;
import org.eccp.tools.json.Json;
import org.eccp.tools.lab.Lab;
import org.eccp.tools.lab.LabException;
import org.eccp.tools.lab.LabPrefix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eccp bench}: throughput of our tunnel and transport against real peers, in a lab. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure eccp's throughput beside WireGuard, socat and kernel TCP, in a lab.",
    subcommands = {BenchTunnelCommand.class, BenchStreamCommand.class,
        BenchMultipathCommand.class, BenchHandoverCommand.class})
final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: exit 2 and name the subcommands. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "missing subcommand: use one of " + String.join(", ", spec.subcommands().keySet()));
  }

  /** The part of a bench that runs once its arguments are valid, inside a lab it owns. */
  interface Body {
    BenchReport run(BenchLab lab) throws IOException, InterruptedException;
  }

  /**
   * Checks the machine, builds the lab, runs {@code body}, removes the lab whatever happens and
   * prints the report. Returns the exit status: 0, or 1 when anything failed.
   */
  static int runInLab(String name, BenchOptions options, Map<String, String> commands,
      Body body) throws IOException {
    String prefix = options.prefix;
    List<String> problems = Prerequisites.check(prefix, commands);
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("eccp bench " + name + ": " + p));
      return 1;
    }
    StackOptions.configureLogging("warn");
    Path dir = options.out == null ? Files.createTempDirectory("eccp-bench-")
        : Files.createDirectories(options.out);
    PrintStream err = System.err;
    err.println("eccp bench " + name + ": building lab " + prefix + "..., logs in " + dir);
    TunnelLab lab = null;
    Thread hook = null;
    BenchReport report;
    try {
      lab = TunnelLab.withoutTunnels(Lab.open(new LabPrefix(prefix)));
      hook = new Thread(lab::close, "eccp-bench-cleanup");
      Runtime.getRuntime().addShutdownHook(hook);
      report = body.run(new BenchLab(lab, dir));
    } catch (IOException | LabException | RuntimeException e) {
      err.println("eccp bench " + name + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      if (lab != null) {
        lab.close();
      }
      if (hook != null) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    if (options.json) {
      System.out.println(Json.write(report.toJson()));
    } else {
      System.out.print(report.summary());
    }
    report.failures().forEach((s, why) ->
        err.println("eccp bench " + name + ": " + s + " failed: " + why));
    return report.failures().isEmpty() ? 0 : 1;
  }

  /** Returns a message naming the bad value and the fix, or null when all are valid. */
  static String validate(int runs, int seconds, String prefix) {
    if (runs < 1 || runs > 100) {
      return "invalid --runs " + runs + ": use 1..100";
    }
    if (seconds < 1 || seconds > 600) {
      return "invalid --seconds " + seconds + ": use 1..600";
    }
    if (!LabPrefix.isValid(prefix)) {
      return "invalid --prefix '" + prefix + "': " + LabPrefix.RULE;
    }
    return null;
  }
}
