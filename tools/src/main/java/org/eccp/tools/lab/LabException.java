package org.eccp.tools.lab;

/** A failed lab operation. The message names what failed and, where known, what to do next. */
public class LabException extends Exception {

  private static final long serialVersionUID = 1L;

  public LabException(String message) {
    super(message);
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
