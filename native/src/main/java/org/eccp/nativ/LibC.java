package org.eccp.nativ;

import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.u_int64_t;

/**
 * The glibc functions this project calls, as jnr-ffi binds them.
 *
 * <p>Buffers and structures are passed as raw addresses ({@code @intptr_t long}) so that callers
 * can hand over off-heap memory without a copy. jnr-ffi saves errno after every call, which
 * {@link Syscalls} reads to build a {@link NativeException}.
 */
public interface LibC {
  int open(String path, int flags);

  int close(int fd);

  @ssize_t long read(int fd, @intptr_t long buf, @size_t long count);

  @ssize_t long write(int fd, @intptr_t long buf, @size_t long count);

  @ssize_t long readv(int fd, @intptr_t long iov, int iovcnt);

  @ssize_t long writev(int fd, @intptr_t long iov, int iovcnt);

  int ioctl(int fd, @u_int64_t long request, @intptr_t long arg);

  int fcntl(int fd, int cmd, int arg);

  int poll(@intptr_t long fds, @u_int64_t long nfds, int timeoutMillis);

  int eventfd(int initval, int flags);

  int socket(int domain, int type, int protocol);

  int bind(int fd, @intptr_t long addr, int addrlen);

  int connect(int fd, @intptr_t long addr, int addrlen);

  // NOTE: sendto and recvfrom are not bound. With jnr-ffi 2.3.4 on jffi 1.4.3 and the
  // generated (asm) invokers, calls with six arguments passed a wrong sixth argument here
  // (sendto failed with EINVAL); Syscalls builds both from sendmsg and recvmsg instead.

  @ssize_t long sendmsg(int fd, @intptr_t long msghdr, int flags);

  @ssize_t long recvmsg(int fd, @intptr_t long msghdr, int flags);

  int sendmmsg(int fd, @intptr_t long msgvec, int vlen, int flags);

  int recvmmsg(int fd, @intptr_t long msgvec, int vlen, int flags, @intptr_t long timeout);

  int setsockopt(int fd, int level, int optname, @intptr_t long optval, int optlen);

  int getsockopt(int fd, int level, int optname, @intptr_t long optval, @intptr_t long optlen);

  int getsockname(int fd, @intptr_t long addr, @intptr_t long addrlen);

  int if_nametoindex(String name);

  int setns(int fd, int nstype);

  int getpid();

  String strerror(int errnum);

  /** Returns the errno symbol, for example "EAGAIN" (glibc 2.32 and later), or null. */
  String strerrorname_np(int errnum);
}
