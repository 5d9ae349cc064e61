package org.eccp.tools.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eccp.tools.EccpCommand;
import org.eccp.tools.json.Json;
import picocli.CommandLine;

/** Runs {@code eccp lab} commands against a test lab with its own random {@code eccpt-} prefix. */
final class LabFixture {

  /** Output and exit code of one command. */
  record Run(int exitCode, String out, String err) {}

  final String prefix;

  LabFixture() {
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    prefix = LabPrefix.TEST + HexFormat.of().formatHex(suffix) + "-";
  }

  /** Skips the calling test unless this process can build a lab. */
  static void assumeLabPossible() {
    assumeTrue(LabEnvironment.isRoot(), "lab tests need root for network namespaces; run them as root");
    assumeTrue(CommandRunner.find("ip").isPresent(), "lab tests need the ip command (Debian package iproute2)");
  }

  /** Runs {@code eccp lab ARGS... --prefix PREFIX} (for exec, the prefix goes before the host). */
  Run lab(String... args) {
    List<String> full = new ArrayList<>(List.of("lab", args[0], "--prefix", prefix));
    full.addAll(List.of(args).subList(1, args.length));
    return eccp(full.toArray(String[]::new));
  }

  /** Runs {@code eccp ARGS...} in this JVM and captures what it prints. */
  static Run eccp(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = EccpCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs a lab command that must succeed and returns its standard output. */
  String ok(String... args) {
    Run run = lab(args);
    assertEquals(0, run.exitCode(), () -> "eccp lab " + String.join(" ", args) + " failed:\n" + run.err() + run.out());
    return run.out();
  }

  /** Builds the lab with the default topology. */
  void up() {
    ok("up");
  }

  /** Removes the lab; called in finally blocks, so it never throws. */
  void down() {
    eccp("lab", "down", "--prefix", prefix);
  }

  String namespace(String role) {
    return prefix + role;
  }

  /** Returns {@code eccp lab status --json} parsed. */
  @SuppressWarnings("unchecked")
  Map<String, Object> status() {
    return (Map<String, Object>) Json.parse(ok("status", "--json"));
  }

  /** Returns the lab addresses of {@code host} on {@code network} from the JSON status. */
  @SuppressWarnings("unchecked")
  List<String> addresses(String host, String network) {
    for (Object h : (List<Object>) status().get("hosts")) {
      Map<String, Object> hostJson = (Map<String, Object>) h;
      if (!hostJson.get("name").equals(host)) {
        continue;
      }
      for (Object i : (List<Object>) hostJson.get("interfaces")) {
        Map<String, Object> iface = (Map<String, Object>) i;
        if (iface.get("network").equals(network)) {
          return (List<String>) (List<?>) iface.get("addresses");
        }
      }
    }
    throw new AssertionError("no interface of " + host + " on " + network);
  }

  /** Runs a system command and returns its outcome. */
  static CommandRunner.Result system(String... command) throws LabException {
    return new CommandRunner().run(List.of(command));
  }
}
