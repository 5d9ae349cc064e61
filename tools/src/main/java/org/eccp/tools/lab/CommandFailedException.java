package org.eccp.tools.lab;

/** A system command that exited non-zero; the message names the command, its exit code and stderr. */
public final class CommandFailedException extends LabException {

  private static final long serialVersionUID = 1L;

  private final transient CommandRunner.Result result;

  public CommandFailedException(CommandRunner.Result result) {
    super("command failed (exit " + result.exitCode() + "): " + String.join(" ", result.command())
        + (result.stderr().isBlank() ? "" : "\n" + result.stderr().strip()));
    this.result = result;
  }

  public CommandRunner.Result result() {
    return result;
  }
}
