package org.eccp.engine;

/**
 * Version comparisons for the engine, on top of {@link org.eccp.wire.Versions} (RFC 1982). Only
 * these comparisons are ever done on versions, which keeps a model checker's "age" abstraction
 * of versions exact.
 */
public final class Versions {
  private Versions() {}

  /** True when {@code a} is newer than {@code b}: {@code 0 < (a - b) mod 2^32 < 2^31}. */
  public static boolean isNewer(int a, int b) {
    return org.eccp.wire.Versions.isNewer(a, b);
  }

  /** True when {@code a} is older than {@code b}. */
  public static boolean isOlder(int a, int b) {
    return org.eccp.wire.Versions.isNewer(b, a);
  }

  /** Returns the version after {@code v}, wrapping from 2^32 - 1 to 0. */
  public static int next(int v) {
    return org.eccp.wire.Versions.next(v);
  }
}
