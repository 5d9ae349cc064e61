package org.eccp.sim;

/** Echo payloads of the simulator: a magic number and a 64-bit token, 12 bytes. */
final class Tokens {
  private static final int MAGIC = 0x53494d45;

  private Tokens() {}

  static byte[] encode(long token) {
    byte[] b = new byte[12];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) (MAGIC >>> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) {
      b[4 + i] = (byte) (token >>> (56 - 8 * i));
    }
    return b;
  }

  static boolean isToken(byte[] b) {
    if (b == null || b.length != 12) {
      return false;
    }
    int m = 0;
    for (int i = 0; i < 4; i++) {
      m = (m << 8) | (b[i] & 0xff);
    }
    return m == MAGIC;
  }

  static long decode(byte[] b) {
    long t = 0;
    for (int i = 0; i < 8; i++) {
      t = (t << 8) | (b[4 + i] & 0xff);
    }
    return t;
  }
}
