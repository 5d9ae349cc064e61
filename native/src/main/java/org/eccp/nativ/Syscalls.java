package org.eccp.nativ;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Checked wrappers around {@link LibC}: each returns the call's result or throws a {@link
 * NativeException} naming the call and errno.
 *
 * <p>Buffer and structure arguments are addresses of native memory (a chronicle-bytes buffer's
 * {@code addressForRead}/{@code addressForWrite}, or {@link NativeMemory#address()}). The caller
 * keeps that memory alive and large enough for the call.
 */
public final class Syscalls {
  private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
  private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

  private static final ThreadLocal<MsgHdr> MSGHDR = ThreadLocal.withInitial(MsgHdr::new);

  private Syscalls() {}

  /** Returns the bound C library, for callers that check results themselves. */
  public static LibC libc() {
    return LIBC;
  }

  /** Returns errno as saved after the last call made through {@link #libc()} on this thread. */
  public static int lastErrno() {
    return RUNTIME.getLastError();
  }

  /** Returns an exception for the last failed call on this thread. */
  public static NativeException lastError(String operation) {
    return error(operation, lastErrno());
  }

  /** Returns an exception for the given errno. */
  public static NativeException error(String operation, int errno) {
    return new NativeException(operation, errno, errnoSymbol(errno), LIBC.strerror(errno));
  }

  /** Returns the symbolic name of an errno value, for example {@code EAGAIN}. */
  public static String errnoSymbol(int errno) {
    String name = LIBC.strerrorname_np(errno);
    return name == null ? "errno " + errno : name;
  }

  public static int open(String path, int flags) throws NativeException {
    return check("open(" + path + ")", LIBC.open(path, flags));
  }

  /** Closes a descriptor; a failure is returned as errno (0 on success), because close is final. */
  public static int close(int fd) {
    return LIBC.close(fd) == 0 ? 0 : lastErrno();
  }

  public static int read(int fd, long address, long length) throws NativeException {
    return (int) check("read", LIBC.read(fd, address, length));
  }

  public static int write(int fd, long address, long length) throws NativeException {
    return (int) check("write", LIBC.write(fd, address, length));
  }

  public static int readv(int fd, long iovecs, int count) throws NativeException {
    return (int) check("readv", LIBC.readv(fd, iovecs, count));
  }

  public static int writev(int fd, long iovecs, int count) throws NativeException {
    return (int) check("writev", LIBC.writev(fd, iovecs, count));
  }

  /** Calls ioctl; {@code name} names the request in error messages, for example TUNSETIFF. */
  public static int ioctl(int fd, long request, long arg, String name) throws NativeException {
    return check("ioctl(" + name + ")", LIBC.ioctl(fd, request, arg));
  }

  /** Sets or clears O_NONBLOCK on a descriptor. */
  public static void setNonBlocking(int fd, boolean on) throws NativeException {
    int flags = check("fcntl(F_GETFL)", LIBC.fcntl(fd, Linux.F_GETFL, 0));
    int changed = on ? flags | Linux.O_NONBLOCK : flags & ~Linux.O_NONBLOCK;
    check("fcntl(F_SETFL)", LIBC.fcntl(fd, Linux.F_SETFL, changed));
  }

  public static int poll(long pollfds, int count, int timeoutMillis) throws NativeException {
    return check("poll", LIBC.poll(pollfds, count, timeoutMillis));
  }

  public static int eventfd(int initial, int flags) throws NativeException {
    return check("eventfd", LIBC.eventfd(initial, flags));
  }

  public static int socket(int domain, int type, int protocol) throws NativeException {
    return check("socket(" + domain + ", " + type + ", " + protocol + ")",
        LIBC.socket(domain, type, protocol));
  }

  public static void bind(int fd, SockAddr address) throws NativeException {
    check("bind(" + address + ")", LIBC.bind(fd, address.address(), address.length()));
  }

  public static void connect(int fd, SockAddr address) throws NativeException {
    check("connect(" + address + ")", LIBC.connect(fd, address.address(), address.length()));
  }

  /** Sends one datagram to {@code to}, or to the connected peer when {@code to} is null. */
  public static int sendto(int fd, long buffer, long length, int flags, SockAddr to)
      throws NativeException {
    MsgHdr msg = MSGHDR.get().set(buffer, length, to);
    return (int) check("sendto", LIBC.sendmsg(fd, msg.address(), flags));
  }

  /** Receives one datagram; when {@code from} is not null it receives the sender's address. */
  public static int recvfrom(int fd, long buffer, long length, int flags, SockAddr from)
      throws NativeException {
    MsgHdr msg = MSGHDR.get().prepareReceive(buffer, length, from, false);
    int n = (int) check("recvfrom", LIBC.recvmsg(fd, msg.address(), flags));
    if (from != null) {
      from.setLength(msg.nameLength());
    }
    return n;
  }

  public static int sendmsg(int fd, long msghdr, int flags) throws NativeException {
    return (int) check("sendmsg", LIBC.sendmsg(fd, msghdr, flags));
  }

  public static int recvmsg(int fd, long msghdr, int flags) throws NativeException {
    return (int) check("recvmsg", LIBC.recvmsg(fd, msghdr, flags));
  }

  public static int sendmmsg(int fd, long msgvec, int count, int flags) throws NativeException {
    return check("sendmmsg", LIBC.sendmmsg(fd, msgvec, count, flags));
  }

  public static int recvmmsg(int fd, long msgvec, int count, int flags) throws NativeException {
    return check("recvmmsg", LIBC.recvmmsg(fd, msgvec, count, flags, 0));
  }

  /** Sets an int-valued socket option. */
  public static void setsockopt(int fd, int level, int option, int value) throws NativeException {
    NativeMemory m = NativeMemory.scratch();
    m.putInt(0, value);
    check("setsockopt(" + level + ", " + option + ")",
        LIBC.setsockopt(fd, level, option, m.address(), 4));
  }

  /**
   * Sets the socket's receive buffer to {@code bytes}, above the net.core.rmem_max limit when
   * the process may (SO_RCVBUFFORCE needs CAP_NET_ADMIN), else as far as that limit allows.
   */
  public static void setReceiveBuffer(int fd, int bytes) throws NativeException {
    try {
      setsockopt(fd, Linux.SOL_SOCKET, Linux.SO_RCVBUFFORCE, bytes);
    } catch (NativeException e) {
      if (e.errno() != Linux.EPERM) {
        throw e;
      }
      setsockopt(fd, Linux.SOL_SOCKET, Linux.SO_RCVBUF, bytes);
    }
  }

  /**
   * Sets SO_SNDBUF, past the system's wmem_max with SO_SNDBUFFORCE when the process may
   * (CAP_NET_ADMIN).
   */
  public static void setSendBuffer(int fd, int bytes) throws NativeException {
    try {
      setsockopt(fd, Linux.SOL_SOCKET, Linux.SO_SNDBUFFORCE, bytes);
    } catch (NativeException e) {
      if (e.errno() != Linux.EPERM) {
        throw e;
      }
      setsockopt(fd, Linux.SOL_SOCKET, Linux.SO_SNDBUF, bytes);
    }
  }

  /** Sets a socket option whose value is in native memory. */
  public static void setsockopt(int fd, int level, int option, long value, int length)
      throws NativeException {
    check("setsockopt(" + level + ", " + option + ")",
        LIBC.setsockopt(fd, level, option, value, length));
  }

  /** Returns an int-valued socket option. */
  public static int getsockopt(int fd, int level, int option) throws NativeException {
    NativeMemory m = NativeMemory.scratch();
    m.putInt(0, 0);
    m.putInt(8, 4);
    check("getsockopt(" + level + ", " + option + ")",
        LIBC.getsockopt(fd, level, option, m.address(), m.address() + 8));
    return m.getInt(0);
  }

  public static void getsockname(int fd, SockAddr into) throws NativeException {
    into.prepareForReceive();
    check("getsockname", LIBC.getsockname(fd, into.address(), into.lengthAddress()));
    into.updateLengthAfterReceive();
  }

  /** Returns the index of a network interface in the calling thread's network namespace. */
  public static int ifNameToIndex(String name) throws NativeException {
    int index = LIBC.if_nametoindex(name);
    if (index == 0) {
      throw lastError("if_nametoindex(" + name + ")");
    }
    return index;
  }

  /** Moves the calling thread into the namespace open at {@code fd}. */
  public static void setns(int fd, int type) throws NativeException {
    check("setns", LIBC.setns(fd, type));
  }

  private static int check(String operation, int result) throws NativeException {
    if (result < 0) {
      throw lastError(operation);
    }
    return result;
  }

  private static long check(String operation, long result) throws NativeException {
    if (result < 0) {
      throw lastError(operation);
    }
    return result;
  }
}
