package org.eccp.tools.lab;

/** A lab operation that failed; the message says what failed and, where known, what to do. */
public class LabException extends Exception {

  private static final long serialVersionUID = 1L;

  public LabException(String message) {
    super(message);
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
