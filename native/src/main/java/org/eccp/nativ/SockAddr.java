package org.eccp.nativ;

/**
 * A socket address in native memory: sockaddr_in, sockaddr_in6 or sockaddr_nl in a
 * sockaddr_storage, followed by the socklen_t that receiving calls fill in.
 *
 * <p>Address and port arguments are in host order here and stored in network order. A SockAddr is
 * mutable and meant to be reused by one thread.
 */
public final class SockAddr {
  private static final int STORAGE = 128;

  private final NativeMemory memory = new NativeMemory(STORAGE + 4);
  private int length;

  /** Returns a sockaddr_in for an IPv4 address given as an int, most significant byte first. */
  public static SockAddr inet4(int address, int port) {
    return new SockAddr().setInet4(address, port);
  }

  /** Returns a sockaddr_in6 for an IPv6 address given as its high and low 64 bits. */
  public static SockAddr inet6(long high, long low, int port, int scopeId) {
    return new SockAddr().setInet6(high, low, port, scopeId);
  }

  /** Returns a sockaddr_nl with the given port id (0 lets the kernel pick) and multicast groups. */
  public static SockAddr netlink(int portId, int groups) {
    SockAddr a = new SockAddr();
    a.memory.clear();
    a.memory.putShort(0, Linux.AF_NETLINK);
    a.memory.putInt(4, portId);
    a.memory.putInt(8, groups);
    a.length = 12;
    return a;
  }

  public SockAddr setInet4(int address, int port) {
    memory.clear();
    memory.putShort(0, Linux.AF_INET);
    memory.putShort(2, Short.reverseBytes((short) port));
    memory.putInt(4, Integer.reverseBytes(address));
    length = 16;
    return this;
  }

  public SockAddr setInet6(long high, long low, int port, int scopeId) {
    memory.clear();
    memory.putShort(0, Linux.AF_INET6);
    memory.putShort(2, Short.reverseBytes((short) port));
    memory.putLong(8, Long.reverseBytes(high));
    memory.putLong(16, Long.reverseBytes(low));
    memory.putInt(24, scopeId);
    length = 28;
    return this;
  }

  public long address() {
    return memory.address();
  }

  public int length() {
    return length;
  }

  public int family() {
    return memory.getShort(0) & 0xffff;
  }

  /** Returns the port in host order (sockaddr_in and sockaddr_in6). */
  public int port() {
    return Short.reverseBytes(memory.getShort(2)) & 0xffff;
  }

  /** Returns the IPv4 address, most significant byte first. */
  public int inet4Address() {
    return Integer.reverseBytes(memory.getInt(4));
  }

  public long inet6High() {
    return Long.reverseBytes(memory.getLong(8));
  }

  public long inet6Low() {
    return Long.reverseBytes(memory.getLong(16));
  }

  /** Returns the sender's port id of a sockaddr_nl; 0 is the kernel. */
  public int netlinkPortId() {
    return memory.getInt(4);
  }

  private String inet6Text() {
    try {
      return java.net.InetAddress.getByAddress(memory.getBytes(8, 16)).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError("16 bytes are always an IPv6 address", e);
    }
  }

  void prepareForReceive() {
    memory.putInt(STORAGE, STORAGE);
  }

  long lengthAddress() {
    return memory.address() + STORAGE;
  }

  /** Takes the length that the kernel stored after a receiving call. */
  void updateLengthAfterReceive() {
    length = memory.getInt(STORAGE);
  }

  /** Sets the length after recvmsg, which reports it in the msghdr instead. */
  void setLength(int length) {
    this.length = length;
  }

  /** Takes the address length that recvmsg stored in {@code header}. */
  public void setLengthFrom(MsgHdr header) {
    this.length = header.nameLength();
  }

  @Override
  public String toString() {
    switch (family()) {
      case Linux.AF_INET: {
        int a = inet4Address();
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff)
            + ":" + port();
      }
      case Linux.AF_INET6:
        return "[" + inet6Text() + "]:" + port();
      case Linux.AF_NETLINK:
        return "netlink:" + netlinkPortId();
      default:
        return "family " + family();
    }
  }
}
