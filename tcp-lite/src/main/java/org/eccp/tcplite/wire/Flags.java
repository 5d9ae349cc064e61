package org.eccp.tcplite.wire;

/** The flag bits of a tcp-lite segment. Bits not named here are kept and ignored. */
public final class Flags {
  /** Opens the connection; occupies one sequence number, the sender's initial one. */
  public static final int SYN = 0x01;
  /** The acknowledgement field is valid. */
  public static final int ACK = 0x02;
  /** The sender has no more data; occupies one sequence number after the last data byte. */
  public static final int FIN = 0x04;
  /** Abort: the receiver drops the connection at once. */
  public static final int RST = 0x08;
  /** Asks for an immediate acknowledgement (keepalive and zero-window probes). */
  public static final int PROBE = 0x10;

  private Flags() {}

  /** Returns the flags as text, e.g. {@code SYN|ACK}. */
  public static String describe(int flags) {
    StringBuilder b = new StringBuilder();
    String[] names = {"SYN", "ACK", "FIN", "RST", "PROBE"};
    for (int i = 0; i < names.length; i++) {
      if ((flags & (1 << i)) != 0) {
        b.append(b.length() == 0 ? "" : "|").append(names[i]);
      }
    }
    int unknown = flags & ~0x1f & 0xff;
    if (unknown != 0) {
      b.append(b.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(unknown));
    }
    return b.length() == 0 ? "-" : b.toString();
  }
}
