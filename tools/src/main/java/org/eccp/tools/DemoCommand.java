package org.eccp.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.eccp.tools.demo.DemoResult;
import org.eccp.tools.demo.DemoRun;
import org.eccp.tools.demo.Prerequisites;
import org.eccp.tools.demo.TunnelLab;
import org.eccp.tools.endpoint.StackOptions;
import org.eccp.tools.json.Json;
import org.eccp.tools.lab.Lab;
import org.eccp.tools.lab.LabException;
import org.eccp.tools.lab.LabPrefix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's first command: a namespace lab, a tunnel end in client and server, curl and
 * iperf3 through the tunnel while the hosts move, then the figures. Always removes its lab.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Move hosts under running TCP transfers through the eccp tunnel, in a lab.")
final class DemoCommand implements Callable<Integer> {
  /** A move that stops inner traffic for longer than this fails the demo. */
  private static final double MAX_GAP_MS = 1500;

  /** Progress lines come every 250 ms; away from a terminal one in 20 is printed (every 5 s). */
  static final int PROGRESS_EVERY = 20;

  @Option(names = "--quick", description = "A 128 MiB download and a 5 s iperf3 run instead of "
      + "256 MiB and 8 s.")
  boolean quick;

  @Option(names = "--json", description = "Print one JSON object with the results, nothing else "
      + "on standard output.")
  boolean json;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where the pcap, the plot and the logs go (default: a new directory under "
          + "/tmp).")
  Path out;

  @Option(names = "--prefix", paramLabel = "P", defaultValue = "eccp-demo-",
      description = "The lab's namespace prefix (default: ${DEFAULT-VALUE}).")
  String prefix;

  @Override
  public Integer call() throws Exception {
    if (!LabPrefix.isValid(prefix)) {
      System.err.println("eccp demo: invalid --prefix '" + prefix + "': " + LabPrefix.RULE);
      return 2;
    }
    Path dir;
    try {
      dir = outputDirectory(out);
    } catch (IllegalArgumentException e) {
      System.err.println("eccp demo: " + e.getMessage());
      return 2;
    }
    List<String> problems = Prerequisites.check(prefix);
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("eccp demo: " + p));
      return 1;
    }
    StackOptions.configureLogging("warn");
    PrintStream err = System.err;
    err.println("eccp demo: building lab " + prefix + "..., output in " + dir);
    DemoResult result;
    TunnelLab lab = null;
    Thread hook = null;
    try {
      lab = TunnelLab.start(Lab.open(new LabPrefix(prefix)));
      TunnelLab running = lab;
      hook = new Thread(() -> {
        running.close();
        err.println();
        err.println("eccp demo: interrupted; removed the lab " + prefix);
      }, "eccp-demo-cleanup");
      Runtime.getRuntime().addShutdownHook(hook);
      result = runScenario(lab, dir, err);
    } catch (IOException | LabException | RuntimeException e) {
      result = new DemoResult();
      result.error = e.getMessage();
    } finally {
      if (lab != null) {
        lab.close();
      }
      if (hook != null) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    boolean ok = result.ok(MAX_GAP_MS);
    if (System.console() != null) {
      err.print("\r" + " ".repeat(70) + "\r");
    }
    if (json) {
      System.out.println(Json.write(result.toJson(ok)));
    } else {
      System.out.print(result.summary(ok));
    }
    return ok ? 0 : 1;
  }

  /**
   * Returns the output directory, created if needed: {@code out}, or a new one under /tmp.
   *
   * @throws IllegalArgumentException naming {@code out} when it is a file or cannot be made
   */
  static Path outputDirectory(Path out) {
    try {
      if (out == null) {
        return Files.createTempDirectory("eccp-demo-");
      }
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new IllegalArgumentException("invalid --out " + out
            + ": it is a file, not a directory; give a new or an existing directory");
      }
      Path dir = Files.createDirectories(out);
      if (!Files.isWritable(dir)) {
        throw new IllegalArgumentException("invalid --out " + out
            + ": cannot write there; give a directory that you can write to");
      }
      return dir;
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException("invalid --out " + (out == null ? "" : out)
          + ": cannot create it (" + reason(e) + "); give a directory that you can write to", e);
    }
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage();
  }

  /**
   * Returns the printer of the progress lines: on a terminal each line overwrites the previous
   * one, otherwise every {@value #PROGRESS_EVERY}th line is printed whole, so a log gets lines.
   */
  static Consumer<String> progressPrinter(PrintStream err, boolean terminal) {
    if (terminal) {
      return line -> err.print("\r" + line);
    }
    int[] count = {0};
    return line -> {
      if (count[0]++ % PROGRESS_EVERY == 0) {
        err.println(line);
      }
    };
  }

  private DemoResult runScenario(TunnelLab lab, Path dir, PrintStream err)
      throws IOException, InterruptedException {
    if (!lab.awaitTunnel(20_000)) {
      DemoResult r = new DemoResult();
      r.error = "the tunnel did not come up within 20 s; see the log above";
      return r;
    }
    Path pcap = dir.resolve("outer.pcap");
    lab.spawn("router", dir, dir.resolve("tcpdump.log"), "tcpdump", "-i", "any", "-Q", "in", "-s", "64",
        "-U", "-w", pcap.toString(), "ip proto 253");
    DemoRun run = new DemoRun(lab, quick ? DemoRun.Plan.QUICK : DemoRun.Plan.FULL, dir,
        progressPrinter(err, System.console() != null));
    DemoResult result = run.run();
    result.pcap = pcap.toString();
    return result;
  }
}
