package org.eccp.tools.lab;

/** A lab request with an invalid value, such as an unknown host or network; the CLI exits 2. */
public final class LabUsageException extends LabException {

  private static final long serialVersionUID = 1L;

  public LabUsageException(String message) {
    super(message);
  }
}
