package org.eccp.nativ;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * A block of zeroed native memory for structures passed to system calls (ifreq, pollfd,
 * sockaddr, msghdr). The garbage collector frees it once this object is unreachable.
 *
 * <p>Accessors use native byte order; structures with network-order fields convert themselves.
 */
public final class NativeMemory {
  private static final ThreadLocal<NativeMemory> SCRATCH =
      ThreadLocal.withInitial(() -> new NativeMemory(64));

  private final Pointer pointer;
  private final int size;

  public NativeMemory(int size) {
    this.pointer = Memory.allocateDirect(Runtime.getRuntime(Syscalls.libc()), size, true);
    this.size = size;
  }

  /** Returns a 64-byte block owned by the calling thread, for one call's small arguments. */
  static NativeMemory scratch() {
    return SCRATCH.get();
  }

  public long address() {
    return pointer.address();
  }

  public int size() {
    return size;
  }

  public void clear() {
    pointer.setMemory(0, size, (byte) 0);
  }

  public byte getByte(int offset) {
    return pointer.getByte(offset);
  }

  public void putByte(int offset, int value) {
    pointer.putByte(offset, (byte) value);
  }

  public short getShort(int offset) {
    return pointer.getShort(offset);
  }

  public void putShort(int offset, int value) {
    pointer.putShort(offset, (short) value);
  }

  public int getInt(int offset) {
    return pointer.getInt(offset);
  }

  public void putInt(int offset, int value) {
    pointer.putInt(offset, value);
  }

  public long getLong(int offset) {
    return pointer.getLong(offset);
  }

  public void putLong(int offset, long value) {
    pointer.putLong(offset, value);
  }

  public void putBytes(int offset, byte[] bytes) {
    pointer.put(offset, bytes, 0, bytes.length);
  }

  public byte[] getBytes(int offset, int length) {
    byte[] out = new byte[length];
    pointer.get(offset, out, 0, length);
    return out;
  }
}
