package org.eccp.engine;

import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;

/** A 64-bit hash built by mixing longs, for {@link Engine#stateHash()}. */
final class StateHash {
  private StateHash() {}

  static long mix(long h, long a) {
    h ^= a + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
    h *= 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 29);
  }

  static long mix(long h, long a, long b, long c, long d) {
    return mix(mix(mix(mix(h, a), b), c), d);
  }

  static long of(IpAddress a) {
    return a == null ? 7 : mix(mix(a.isV6() ? 6 : 4, a.high()), a.low());
  }

  static long of(InterfaceList list) {
    if (list == null) {
      return 11;
    }
    long h = 13;
    for (InterfaceList.Entry e : list.entries()) {
      h = mix(mix(h, of(e.address())), e.preference());
    }
    return h;
  }
}
