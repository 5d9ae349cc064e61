package org.eccp.nativ;

/**
 * A struct msghdr with one iovec and room for ancillary data, in native memory, for sendmsg(2)
 * and recvmsg(2). Mutable; one per thread or per socket user.
 *
 * <p>Layout (LP64): msg_name at 0, msg_namelen at 8, msg_iov at 16, msg_iovlen at 24,
 * msg_control at 32, msg_controllen at 40, msg_flags at 48; the iovec follows at 56 and the
 * control buffer at 72.
 */
public final class MsgHdr {
  private static final int IOV = 56;
  private static final int CONTROL = 72;
  /**
   * Capacity for ancillary data: an in6_pktinfo or in_pktinfo record together with a UDP
   * segment-size record (UDP_SEGMENT or UDP_GRO) take 64 bytes; the rest is spare.
   */
  public static final int CONTROL_CAPACITY = 128;

  private final NativeMemory memory = new NativeMemory(CONTROL + CONTROL_CAPACITY);

  public MsgHdr() {
    memory.putLong(16, memory.address() + IOV);
    memory.putLong(24, 1);
  }

  /** Sets the data buffer and the peer address (null for none), and clears ancillary data. */
  public MsgHdr set(long buffer, long length, SockAddr peer) {
    memory.putLong(IOV, buffer);
    memory.putLong(IOV + 8, length);
    if (peer == null) {
      memory.putLong(0, 0);
      memory.putInt(8, 0);
    } else {
      memory.putLong(0, peer.address());
      memory.putInt(8, peer.length());
    }
    memory.putLong(32, 0);
    memory.putLong(40, 0);
    memory.putInt(48, 0);
    return this;
  }

  /** Prepares to receive into {@code buffer}, and the sender's address into {@code from}. */
  public MsgHdr prepareReceive(long buffer, long length, SockAddr from, boolean withControl) {
    if (from != null) {
      from.prepareForReceive();
    }
    set(buffer, length, from);
    if (from != null) {
      memory.putInt(8, 128);
    }
    if (withControl) {
      memory.putLong(32, memory.address() + CONTROL);
      memory.putLong(40, CONTROL_CAPACITY);
    }
    return this;
  }

  /** Attaches ancillary data of {@code length} bytes already written at {@link #control()}. */
  public MsgHdr useControl(int length) {
    memory.putLong(32, memory.address() + CONTROL);
    memory.putLong(40, length);
    return this;
  }

  /** Returns the control buffer, for writing or reading cmsghdr records. */
  public NativeMemory memory() {
    return memory;
  }

  /** Returns the offset of the control buffer within {@link #memory()}. */
  public int control() {
    return CONTROL;
  }

  /** Returns the ancillary data length that recvmsg stored. */
  public int controlLength() {
    return (int) memory.getLong(40);
  }

  /** Returns the peer address length that recvmsg stored. */
  public int nameLength() {
    return memory.getInt(8);
  }

  /** Returns msg_flags after recvmsg, for example {@link Linux#MSG_TRUNC}. */
  public int flags() {
    return memory.getInt(48);
  }

  public long address() {
    return memory.address();
  }
}
