package org.eccp.nativ;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-blocking descriptor whose blocking reads and writes can be woken from another thread.
 *
 * <p>A thread blocked in read(2) wakes neither on {@link Thread#interrupt()} nor when another
 * thread closes the descriptor. So each call here first tries without blocking and, on EAGAIN,
 * waits in poll(2) on both the descriptor and an eventfd; {@link #wakeup()} makes the eventfd
 * readable. The wakeup stays set until {@link #clearWakeup()}, so every current and later wait
 * returns until then.
 *
 * <p>{@link #close()} wakes all waiters, waits until they have left, then closes both
 * descriptors, so a descriptor number is never reused under a running call.
 */
public final class WakeableFd implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WakeableFd.class);
  private static final long CLOSE_WAIT_NANOS = 2_000_000_000L;
  private static final ThreadLocal<NativeMemory> POLLFDS =
      ThreadLocal.withInitial(() -> new NativeMemory(16));
  private static final ThreadLocal<NativeMemory> POLLFDS_FOUR =
      ThreadLocal.withInitial(() -> new NativeMemory(32));

  /** The outcome of a wait. */
  public enum Readiness {
    READY,
    WOKEN,
    TIMED_OUT
  }

  private final int fd;
  private final int eventFd;
  private final String name;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final NativeMemory one = new NativeMemory(8);
  // NOTE: recvfrom and sendto use these two headers, so at most one thread may receive and one
  // thread may send through those two methods at a time.
  private final MsgHdr msgHdr = new MsgHdr();
  private final MsgHdr sendHdr = new MsgHdr();
  private volatile boolean closed;

  private WakeableFd(int fd, int eventFd, String name) {
    this.fd = fd;
    this.eventFd = eventFd;
    this.name = name;
  }

  /**
   * Takes ownership of {@code fd}, makes it non-blocking and pairs it with a new eventfd. On
   * failure the descriptor is closed.
   */
  public static WakeableFd wrap(int fd, String name) throws NativeException {
    try {
      Syscalls.setNonBlocking(fd, true);
      int efd = Syscalls.eventfd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
      return new WakeableFd(fd, efd, name);
    } catch (NativeException e) {
      Syscalls.close(fd);
      throw e;
    }
  }

  public int fd() {
    return fd;
  }

  public String name() {
    return name;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Sets the wakeup: waits in progress and later waits return {@link Readiness#WOKEN}. */
  public void wakeup() {
    one.putLong(0, 1);
    Syscalls.libc().write(eventFd, one.address(), 8);
  }

  /** Clears the wakeup so that waits block again. */
  public void clearWakeup() {
    NativeMemory scratch = NativeMemory.scratch();
    Syscalls.libc().read(eventFd, scratch.address(), 8);
  }

  /**
   * Reads into native memory; returns the byte count, or -1 when woken or closed before data
   * arrived.
   */
  public int read(long address, int length) throws NativeException {
    return call(Call.READ, address, length);
  }

  /**
   * Reads into native memory without waiting; returns the byte count, or -1 when nothing is
   * ready (EAGAIN) or the descriptor is closed.
   */
  public int readNow(long address, int length) throws NativeException {
    if (!enter()) {
      return -1;
    }
    try {
      while (true) {
        long n = Syscalls.libc().read(fd, address, length);
        if (n >= 0) {
          return (int) n;
        }
        int errno = Syscalls.lastErrno();
        if (errno == Linux.EAGAIN || closed) {
          return -1;
        }
        if (errno != Linux.EINTR) {
          throw Syscalls.error("read on " + name, errno);
        }
      }
    } finally {
      exit();
    }
  }

  /** Writes from native memory; returns the byte count, or -1 when woken or closed. */
  public int write(long address, int length) throws NativeException {
    return call(Call.WRITE, address, length);
  }

  /** Receives a datagram like recvfrom(2); returns -1 when woken or closed. */
  public int recvfrom(long address, int length, SockAddr from) throws NativeException {
    MsgHdr msg = msgHdr.prepareReceive(address, length, from, false);
    int n = recvmsg(msg.address());
    if (n >= 0 && from != null) {
      from.setLength(msg.nameLength());
    }
    return n;
  }

  /** Sends a datagram like sendto(2); returns -1 when woken or closed. */
  public int sendto(long address, int length, SockAddr to) throws NativeException {
    return sendmsg(sendHdr.set(address, length, to).address());
  }

  /** Receives like recvmsg(2) with a prepared msghdr; returns -1 when woken or closed. */
  public int recvmsg(long msghdr) throws NativeException {
    return call(Call.RECVMSG, msghdr, 0);
  }

  /**
   * Receives like recvmsg(2) with a prepared msghdr without waiting; returns the byte count, or
   * -1 when no datagram is queued or the descriptor is closed.
   */
  public int tryRecvmsg(long msghdr) throws NativeException {
    if (!enter()) {
      return -1;
    }
    try {
      while (true) {
        long n = Syscalls.libc().recvmsg(fd, msghdr, 0);
        if (n >= 0) {
          return (int) n;
        }
        int errno = Syscalls.lastErrno();
        if (errno == Linux.EAGAIN) {
          return -1;
        }
        if (errno != Linux.EINTR) {
          throw Syscalls.error("recvmsg on " + name, errno);
        }
      }
    } finally {
      exit();
    }
  }

  /** Sends like sendmsg(2) with a prepared msghdr; returns -1 when woken or closed. */
  public int sendmsg(long msghdr) throws NativeException {
    return call(Call.SENDMSG, msghdr, 0);
  }

  /**
   * Receives up to {@code count} datagrams into the entries of {@code vector} with one
   * recvmmsg(2); returns how many arrived (at least one), or -1 when woken or closed.
   */
  public int recvmmsg(MmsgVector vector, int count) throws NativeException {
    return call(Call.RECVMMSG, vector.address(), Math.min(count, vector.capacity()));
  }

  /**
   * Sends the first {@code count} entries of {@code vector} with sendmmsg(2); returns how many
   * were sent (at least one), or -1 when woken or closed.
   */
  public int sendmmsg(MmsgVector vector, int count) throws NativeException {
    return sendmmsg(vector, 0, count);
  }

  /**
   * Sends {@code count} entries of {@code vector} from entry {@code from} on, like {@link
   * #sendmmsg(MmsgVector, int)}: a retry after entry {@code from} failed starts past it.
   */
  public int sendmmsg(MmsgVector vector, int from, int count) throws NativeException {
    int n = Math.min(count, vector.capacity() - from);
    return call(Call.SENDMMSG, vector.entryAddress(from), n);
  }

  /** The system calls that {@link #call} makes wakeable, with the poll event each waits for. */
  private enum Call {
    READ(Linux.POLLIN),
    WRITE(Linux.POLLOUT),
    RECVMSG(Linux.POLLIN),
    SENDMSG(Linux.POLLOUT),
    RECVMMSG(Linux.POLLIN),
    SENDMMSG(Linux.POLLOUT);

    final short event;

    Call(short event) {
      this.event = event;
    }
  }

  /** Makes the call, waiting in poll on EAGAIN; returns its result, or -1 when woken or closed. */
  private int call(Call call, long address, int length) throws NativeException {
    if (!enter()) {
      return -1;
    }
    try {
      while (true) {
        long n = invoke(call, address, length);
        if (n >= 0) {
          return (int) n;
        }
        if (!retryAfter(Syscalls.lastErrno(), call, call.event)) {
          return -1;
        }
      }
    } finally {
      exit();
    }
  }

  private long invoke(Call call, long address, int length) {
    LibC libc = Syscalls.libc();
    switch (call) {
      case READ:
        return libc.read(fd, address, length);
      case WRITE:
        return libc.write(fd, address, length);
      case RECVMSG:
        return libc.recvmsg(fd, address, 0);
      case SENDMSG:
        return libc.sendmsg(fd, address, 0);
      case RECVMMSG:
        return libc.recvmmsg(fd, address, length, 0, 0);
      default:
        return libc.sendmmsg(fd, address, length, 0);
    }
  }

  /**
   * Waits until the descriptor is ready for {@code events} (POLLIN or POLLOUT), the wakeup is set
   * or the timeout (milliseconds, -1 for none) passes.
   */
  public Readiness await(short events, int timeoutMillis) throws NativeException {
    NativeMemory p = POLLFDS.get();
    while (true) {
      // struct pollfd: int fd, short events, short revents
      p.putInt(0, fd);
      p.putShort(4, events);
      p.putShort(6, 0);
      p.putInt(8, eventFd);
      p.putShort(12, Linux.POLLIN);
      p.putShort(14, 0);
      int n = Syscalls.libc().poll(p.address(), 2, timeoutMillis);
      if (n < 0) {
        int errno = Syscalls.lastErrno();
        if (errno == Linux.EINTR) {
          continue;
        }
        throw Syscalls.error("poll(" + name + ")", errno);
      }
      if (n == 0) {
        return Readiness.TIMED_OUT;
      }
      if (closed || p.getShort(14) != 0) {
        return Readiness.WOKEN;
      }
      return Readiness.READY;
    }
  }

  /**
   * Waits until {@code first} or {@code second} is readable, or either is woken or closed.
   * Returns 0 when {@code first} is readable, 1 when only {@code second} is, and -1 when woken
   * or closed. Meant for one thread that receives from two descriptors.
   */
  public static int awaitReadable(WakeableFd first, WakeableFd second) throws NativeException {
    if (!first.enter()) {
      return -1;
    }
    try {
      if (!second.enter()) {
        return -1;
      }
      try {
        return pollBoth(first, second);
      } finally {
        second.exit();
      }
    } finally {
      first.exit();
    }
  }

  private static int pollBoth(WakeableFd first, WakeableFd second) throws NativeException {
    NativeMemory p = POLLFDS_FOUR.get();
    WakeableFd[] both = {first, second};
    while (true) {
      for (int i = 0; i < 2; i++) {
        // struct pollfd: int fd, short events, short revents; descriptor, then its eventfd
        p.putInt(16 * i, both[i].fd);
        p.putShort(16 * i + 4, Linux.POLLIN);
        p.putShort(16 * i + 6, 0);
        p.putInt(16 * i + 8, both[i].eventFd);
        p.putShort(16 * i + 12, Linux.POLLIN);
        p.putShort(16 * i + 14, 0);
      }
      int n = Syscalls.libc().poll(p.address(), 4, -1);
      if (n < 0) {
        int errno = Syscalls.lastErrno();
        if (errno == Linux.EINTR) {
          continue;
        }
        throw Syscalls.error("poll(" + first.name + ", " + second.name + ")", errno);
      }
      if (first.closed || second.closed || p.getShort(14) != 0 || p.getShort(30) != 0) {
        return -1;
      }
      return p.getShort(6) != 0 ? 0 : 1;
    }
  }

  /** Returns true to retry the call, false when woken; throws for a real error. */
  private boolean retryAfter(int errno, Call call, short events) throws NativeException {
    if (errno == Linux.EINTR) {
      return !closed;
    }
    if (errno != Linux.EAGAIN) {
      throw Syscalls.error(call.name().toLowerCase(java.util.Locale.ROOT) + " on " + name, errno);
    }
    return await(events, -1) == Readiness.READY;
  }

  private boolean enter() {
    inFlight.incrementAndGet();
    if (closed) {
      inFlight.decrementAndGet();
      return false;
    }
    return true;
  }

  private void exit() {
    inFlight.decrementAndGet();
  }

  /** Wakes every waiter, waits (at most 2 s) until they have left, and closes the descriptors. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    wakeup();
    long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      Thread.yield();
    }
    if (inFlight.get() > 0) {
      LOG.warn("closing {} while {} calls are still running", name, inFlight.get());
    }
    Syscalls.close(fd);
    Syscalls.close(eventFd);
  }
}
