package org.eccp.netlink;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.NativeException;
import org.eccp.nativ.SockAddr;
import org.eccp.nativ.Syscalls;
import org.eccp.nativ.WakeableFd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the addresses and interfaces of the calling thread's network namespace through a
 * NETLINK_ROUTE socket subscribed to RTMGRP_LINK, RTMGRP_IPV4_IFADDR and RTMGRP_IPV6_IFADDR.
 *
 * <p>On start it asks for a dump of the current addresses; the listener receives them as
 * {@link NetlinkEvent.AddressAdded} events followed by {@link NetlinkEvent.DumpComplete}, then
 * every change as it happens. The listener runs on the monitor's own thread, one event at a
 * time; an exception it throws is logged and the monitor goes on. {@link #close()} stops the
 * thread.
 */
public final class AddressMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AddressMonitor.class);
  // <linux/rtnetlink.h>
  static final int RTMGRP_LINK = 0x1;
  static final int RTMGRP_IPV4_IFADDR = 0x10;
  static final int RTMGRP_IPV6_IFADDR = 0x100;
  static final int RTM_GETADDR = 22;
  static final int NLM_F_REQUEST = 0x1;
  static final int NLM_F_DUMP = 0x300;
  private static final int BUFFER_SIZE = 64 * 1024;

  private final WakeableFd socket;
  private final Consumer<NetlinkEvent> listener;
  private final RtnetlinkParser parser = new RtnetlinkParser();
  private final Bytes<?> buffer = Bytes.allocateDirect(BUFFER_SIZE);
  private final Bytes<?> request = Bytes.allocateDirect(64);
  private final CountDownLatch firstDump = new CountDownLatch(1);
  private final Thread thread;
  private int dumpSequence;

  private AddressMonitor(WakeableFd socket, Consumer<NetlinkEvent> listener) {
    this.socket = socket;
    this.listener = listener;
    buffer.singleThreadedCheckDisabled(true);
    request.singleThreadedCheckDisabled(true);
    this.thread = new Thread(this::run, "address-monitor");
    thread.setDaemon(true);
  }

  /** Opens the socket in the calling thread's namespace, requests the dump and starts. */
  public static AddressMonitor start(Consumer<NetlinkEvent> listener) throws IOException {
    int fd = Syscalls.socket(Linux.AF_NETLINK, Linux.SOCK_RAW | Linux.SOCK_CLOEXEC,
        Linux.NETLINK_ROUTE);
    try {
      Syscalls.setsockopt(fd, Linux.SOL_SOCKET, Linux.SO_RCVBUF, 1 << 20);
      Syscalls.bind(fd, SockAddr.netlink(0,
          RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR));
    } catch (NativeException e) {
      Syscalls.close(fd);
      throw e;
    }
    AddressMonitor monitor = new AddressMonitor(WakeableFd.wrap(fd, "rtnetlink socket"), listener);
    try {
      monitor.requestDump();
    } catch (IOException e) {
      monitor.socket.close();
      throw e;
    }
    monitor.thread.start();
    LOG.info("address monitor started");
    return monitor;
  }

  /** Waits until the start-up dump has been delivered; returns false on timeout. */
  public boolean awaitDump(long timeout, TimeUnit unit) throws InterruptedException {
    return firstDump.await(timeout, unit);
  }

  /** Returns the messages that failed their length checks. */
  public long malformed() {
    return parser.malformed();
  }

  private void requestDump() throws IOException {
    dumpSequence++;
    // struct nlmsghdr, then struct rtgenmsg (one family byte, AF_UNSPEC: all), padded to 4.
    request.clear();
    request.writeInt(RtnetlinkParser.NLMSG_HDRLEN + 4);
    request.writeUnsignedShort(RTM_GETADDR);
    request.writeUnsignedShort(NLM_F_REQUEST | NLM_F_DUMP);
    request.writeInt(dumpSequence);
    request.writeInt(0);
    request.writeInt(Linux.AF_UNSPEC);
    if (socket.sendto(request.addressForRead(0), (int) request.writePosition(),
        SockAddr.netlink(0, 0)) < 0) {
      throw new IOException("rtnetlink socket closed before the dump request was sent");
    }
  }

  private void run() {
    while (true) {
      int n;
      try {
        n = socket.recvfrom(buffer.addressForWrite(0), BUFFER_SIZE, null);
      } catch (NativeException e) {
        if (e.errno() == Linux.ENOBUFS) {
          recoverFromOverrun();
          continue;
        }
        LOG.error("address monitor stopped: {}", e.getMessage());
        return;
      }
      if (n < 0) {
        LOG.info("address monitor stopped");
        return;
      }
      if (parser.parse(buffer, 0, n, dumpSequence, this::deliver)) {
        firstDump.countDown();
      }
    }
  }

  private void recoverFromOverrun() {
    LOG.warn("rtnetlink events were lost (ENOBUFS); requesting a new address dump");
    deliver(new NetlinkEvent.EventsLost());
    try {
      requestDump();
    } catch (IOException e) {
      LOG.error("address dump request failed: {}", e.getMessage());
    }
  }

  private void deliver(NetlinkEvent event) {
    LOG.debug("rtnetlink event {}", event);
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      LOG.error("address listener failed on {}", event, e);
    }
  }

  /** Stops the monitor thread and closes the socket. */
  @Override
  public void close() {
    socket.close();
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean threadAlive() {
    return thread.isAlive();
  }
}
