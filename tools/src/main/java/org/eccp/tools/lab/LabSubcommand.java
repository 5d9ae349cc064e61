package org.eccp.tools.lab;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of every {@code eccp lab} subcommand: the {@code --prefix} option and the mapping of
 * failures to exit codes (2 for an invalid value, 1 for a failure).
 */
abstract class LabSubcommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = LabPrefix.DEFAULT,
      description = "Prefix of the lab's namespace names, so that labs can run side by side (default: ${DEFAULT-VALUE}).")
  String prefixText;

  @Override
  public final Integer call() {
    if (!LabPrefix.isValid(prefixText)) {
      throw usage("invalid --prefix '" + prefixText + "': " + LabPrefix.RULE);
    }
    try {
      return run(new LabPrefix(prefixText));
    } catch (LabUsageException e) {
      throw usage(e.getMessage());
    } catch (LabException e) {
      err().println("eccp lab " + spec.name() + ": " + e.getMessage());
      err().flush();
      return 1;
    }
  }

  /** Runs the subcommand and returns its exit code. */
  abstract int run(LabPrefix prefix) throws LabException;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Returns an exception that picocli reports with the usage help and exit code 2. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
