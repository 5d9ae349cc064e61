package org.eccp.wire;

import java.nio.ByteOrder;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Big-endian (network order) reads and writes at absolute offsets of a chronicle {@link BytesStore}.
 *
 * <p>Chronicle reads and writes in native order and has no big-endian accessors, so multi-byte
 * fields are byte-swapped here on little-endian machines. The swap compiles to one instruction.
 */
final class NetworkBytes {
  private static final boolean SWAP = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

  private NetworkBytes() {}

  static int u8(BytesStore<?, ?> store, long at) {
    return store.readUnsignedByte(at);
  }

  static int u16(BytesStore<?, ?> store, long at) {
    short raw = store.readShort(at);
    return (SWAP ? Short.reverseBytes(raw) : raw) & 0xffff;
  }

  static int i32(BytesStore<?, ?> store, long at) {
    int raw = store.readInt(at);
    return SWAP ? Integer.reverseBytes(raw) : raw;
  }

  static long i64(BytesStore<?, ?> store, long at) {
    long raw = store.readLong(at);
    return SWAP ? Long.reverseBytes(raw) : raw;
  }

  static void put8(BytesStore<?, ?> store, long at, int value) {
    store.writeByte(at, (byte) value);
  }

  static void put16(BytesStore<?, ?> store, long at, int value) {
    short raw = (short) value;
    store.writeShort(at, SWAP ? Short.reverseBytes(raw) : raw);
  }

  static void put32(BytesStore<?, ?> store, long at, int value) {
    store.writeInt(at, SWAP ? Integer.reverseBytes(value) : value);
  }

  static void put64(BytesStore<?, ?> store, long at, long value) {
    store.writeLong(at, SWAP ? Long.reverseBytes(value) : value);
  }

  /** Reads an IPv4 (4 bytes) or IPv6 (16 bytes) address; allocates the value. */
  static IpAddress address(BytesStore<?, ?> store, long at, boolean v6) {
    if (!v6) {
      return IpAddress.v4(i32(store, at));
    }
    return IpAddress.v6(i64(store, at), i64(store, at + 8));
  }

  /** Writes an address in network order: 4 or 16 bytes. */
  static void putAddress(BytesStore<?, ?> store, long at, IpAddress address) {
    if (address.isV6()) {
      put64(store, at, address.high());
      put64(store, at + 8, address.low());
    } else {
      put32(store, at, address.v4Bits());
    }
  }
}
