package org.eccp.nativ;

/**
 * An array of struct mmsghdr in native memory, for sendmmsg(2) and recvmmsg(2): several
 * datagrams per system call. Each entry has one iovec. Mutable; one per thread.
 *
 * <p>Layout (LP64): entry {@code i} is a 56-byte msghdr plus the 4-byte msg_len, padded to 64
 * bytes; the iovecs follow the entries, 16 bytes each.
 */
public final class MmsgVector {
  private static final int ENTRY = 64;
  private static final int IOVEC = 16;

  private final int capacity;
  private final NativeMemory memory;
  private final SockAddr[] senders;

  public MmsgVector(int capacity) {
    if (capacity < 1 || capacity > 1024) {
      throw new IllegalArgumentException("invalid batch size " + capacity + ": use 1 to 1024");
    }
    this.capacity = capacity;
    this.memory = new NativeMemory(capacity * (ENTRY + IOVEC));
    this.senders = new SockAddr[capacity];
    for (int i = 0; i < capacity; i++) {
      senders[i] = new SockAddr();
      memory.putLong(i * ENTRY + 16, iovecAddress(i));
      memory.putLong(i * ENTRY + 24, 1);
    }
  }

  public int capacity() {
    return capacity;
  }

  public long address() {
    return memory.address();
  }

  /** Returns the address of entry {@code i}, where a call that starts at that entry begins. */
  public long entryAddress(int i) {
    return memory.address() + (long) i * ENTRY;
  }

  /**
   * Sets entry {@code i} to send {@code length} bytes at {@code buffer} to {@code peer} (null for
   * a connected socket). The vector keeps the address of {@code peer}'s memory, so the caller
   * keeps it alive and unchanged until the send.
   */
  public void setSend(int i, long buffer, int length, SockAddr peer) {
    setBuffer(i, buffer, length);
    memory.putLong(i * ENTRY, peer == null ? 0 : peer.address());
    memory.putInt(i * ENTRY + 8, peer == null ? 0 : peer.length());
  }

  /**
   * Attaches {@code length} bytes of ancillary data at {@code address} to entry {@code i}, after
   * {@link #setSend}, which clears it. Several entries may share one record; the caller keeps it
   * alive and unchanged until the send.
   */
  public void setControl(int i, long address, int length) {
    memory.putLong(i * ENTRY + 32, address);
    memory.putLong(i * ENTRY + 40, length);
  }

  /** Sets entry {@code i} to receive up to {@code length} bytes into {@code buffer}. */
  public void setReceive(int i, long buffer, int length) {
    setBuffer(i, buffer, length);
    memory.putLong(i * ENTRY, senders[i].address());
    memory.putInt(i * ENTRY + 8, 128);
  }

  private void setBuffer(int i, long buffer, int length) {
    int iov = capacity * ENTRY + i * IOVEC;
    memory.putLong(iov, buffer);
    memory.putLong(iov + 8, length);
    memory.putLong(i * ENTRY + 32, 0);
    memory.putLong(i * ENTRY + 40, 0);
    memory.putInt(i * ENTRY + 48, 0);
    memory.putInt(i * ENTRY + 56, 0);
  }

  /** Returns the bytes sent or received for entry {@code i} by the last call (msg_len). */
  public int length(int i) {
    return memory.getInt(i * ENTRY + 56);
  }

  /** Returns msg_flags of entry {@code i} after recvmmsg, for example {@link Linux#MSG_TRUNC}. */
  public int flags(int i) {
    return memory.getInt(i * ENTRY + 48);
  }

  /** Returns the sender of entry {@code i} after recvmmsg. */
  public SockAddr sender(int i) {
    senders[i].setLength(memory.getInt(i * ENTRY + 8));
    return senders[i];
  }

  private long iovecAddress(int i) {
    return memory.address() + (long) capacity * ENTRY + (long) i * IOVEC;
  }
}
