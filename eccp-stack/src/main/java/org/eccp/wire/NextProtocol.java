package org.eccp.wire;

/** The next-protocol codes of the header: what the payload is. Unknown codes are kept as numbers. */
public final class NextProtocol {
  public static final int NONE = 0;
  public static final int TCP_LITE = 1;
  public static final int DATAGRAM = 2;
  public static final int TUNNELLED_IP = 3;
  public static final int ECHO = 4;

  private NextProtocol() {}

  /** Returns the code's name, or {@code unknown(N)}. */
  public static String name(int code) {
    return switch (code) {
      case NONE -> "none";
      case TCP_LITE -> "tcp-lite";
      case DATAGRAM -> "datagram";
      case TUNNELLED_IP -> "tunnelled-ip";
      case ECHO -> "echo";
      default -> "unknown(" + code + ")";
    };
  }
}
