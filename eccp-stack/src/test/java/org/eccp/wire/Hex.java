package org.eccp.wire;

import java.util.HexFormat;
import net.openhft.chronicle.bytes.BytesStore;

/** Hex helpers for codec tests. */
final class Hex {
  private Hex() {}

  /** Parses hex digits, ignoring white space. */
  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
  }

  static String of(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Returns the bytes of a store from offset, for comparison. */
  static byte[] copy(BytesStore<?, ?> store, long offset, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = store.readByte(offset + i);
    }
    return out;
  }

  /** Returns a heap store holding exactly these bytes. */
  static BytesStore<?, byte[]> store(byte[] bytes) {
    return BytesStore.wrap(bytes);
  }
}
