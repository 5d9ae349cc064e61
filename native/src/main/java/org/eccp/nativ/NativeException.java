package org.eccp.nativ;

import java.io.IOException;

/**
 * A failed system call: the call's name, the errno value, its symbol (EAGAIN, EPERM, ...) and the
 * C library's text for it.
 *
 * <p>Errors that callers expect in normal operation (EAGAIN, EINTR) carry no stack trace, so that
 * a busy non-blocking loop pays nothing for building one.
 */
public final class NativeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final int errno;

  NativeException(String operation, int errno, String symbol, String text) {
    super(operation + " failed: " + symbol + " (" + text + ")");
    this.operation = operation;
    this.errno = errno;
    if (!isTransient(errno)) {
      super.fillInStackTrace();
    }
  }

  private NativeException(String message, String operation, int errno) {
    super(message);
    this.operation = operation;
    this.errno = errno;
    super.fillInStackTrace();
  }

  /** Skips the stack trace by default; the constructors fill it in unless errno is transient. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /** Returns an exception for a call whose failure is not described by errno. */
  public static NativeException of(String operation, String message) {
    return new NativeException(operation + " failed: " + message, operation, 0);
  }

  /** Returns the name of the failed call, for example {@code ioctl(TUNSETIFF)}. */
  public String operation() {
    return operation;
  }

  /** Returns the errno value, or 0 when the failure was not reported through errno. */
  public int errno() {
    return errno;
  }

  /** Returns whether the call would have blocked on a non-blocking descriptor (EAGAIN). */
  public boolean isWouldBlock() {
    return errno == Linux.EAGAIN;
  }

  /** Returns whether a signal interrupted the call (EINTR). */
  public boolean isInterrupted() {
    return errno == Linux.EINTR;
  }

  private static boolean isTransient(int errno) {
    return errno == Linux.EAGAIN || errno == Linux.EINTR;
  }

}
