package org.eccp.tools.dissect;

/** A capture file that cannot be opened or read on; the message names the file and the fault. */
public final class CaptureException extends Exception {
  public CaptureException(String message) {
    super(message);
  }
}
