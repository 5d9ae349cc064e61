package org.eccp.tun;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.Linux;
import org.eccp.nativ.NativeException;
import org.eccp.nativ.NativeMemory;
import org.eccp.nativ.Syscalls;
import org.eccp.nativ.WakeableFd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TUN device (IFF_TUN | IFF_NO_PI): each read returns one IP packet that the kernel routed into
 * the device, and each write hands one IP packet to the kernel as if the device received it.
 *
 * <p>Reads and writes go straight between the descriptor and off-heap chronicle-bytes memory, at
 * an offset the caller picks (headroom for outer headers), with no Java-heap copy. A blocked read
 * returns -1 on {@link #wakeup()} or {@link #close()}.
 *
 * <p>The device is not persistent, so the kernel removes it when its last descriptor closes: on
 * {@link #close()}, at JVM exit (a shutdown hook closes every device still open, also on SIGINT
 * and SIGTERM), and when the process dies in any other way, SIGKILL included, because the kernel
 * then closes the descriptors. A device attached with {@link #attach} that was made persistent
 * elsewhere ({@code ip tuntap add}) stays; remove it with {@code ip link del NAME}.
 *
 * <p>Addresses and MTU are set with rtnetlink requests (see {@link #configure}), on a socket
 * opened with the device and so in its namespace, whichever thread calls.
 */
public final class TunDevice implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TunDevice.class);

  private final String name;
  private final int index;
  private final List<WakeableFd> queues;
  private final WakeableFd fd;
  private final RtnetlinkClient rtnetlink;

  private TunDevice(String name, int index, List<WakeableFd> queues, RtnetlinkClient rtnetlink) {
    this.rtnetlink = rtnetlink;
    this.name = name;
    this.index = index;
    this.queues = queues;
    this.fd = queues.get(0);
  }

  /**
   * Creates a TUN device in the calling thread's network namespace, or attaches to the device of
   * that name if one exists. {@code queues} above 1 sets IFF_MULTI_QUEUE and opens that many
   * descriptors; {@link #queue(int)} returns each.
   */
  public static TunDevice create(String name, int queues) throws IOException {
    if (name.isEmpty() || name.getBytes(StandardCharsets.US_ASCII).length >= Linux.IFNAMSIZ) {
      throw new IllegalArgumentException(
          "invalid interface name '" + name + "': use 1 to 15 ASCII characters");
    }
    if (queues < 1) {
      throw new IllegalArgumentException("queue count must be at least 1, not " + queues);
    }
    short flags = (short) (Linux.IFF_TUN | Linux.IFF_NO_PI
        | (queues > 1 ? Linux.IFF_MULTI_QUEUE : 0));
    List<WakeableFd> fds = new ArrayList<>();
    RtnetlinkClient rtnetlink = null;
    try {
      for (int i = 0; i < queues; i++) {
        fds.add(openQueue(name, flags));
      }
      int index = Syscalls.ifNameToIndex(name);
      rtnetlink = RtnetlinkClient.open();
      TunDevice device = new TunDevice(name, index, List.copyOf(fds), rtnetlink);
      OpenDevices.register(device);
      LOG.info("opened TUN device {} (index {}, {} queues)", name, index, queues);
      return device;
    } catch (IOException | RuntimeException e) {
      fds.forEach(WakeableFd::close);
      if (rtnetlink != null) {
        rtnetlink.close();
      }
      throw e;
    }
  }

  /** Creates or attaches to a single-queue TUN device. */
  public static TunDevice attach(String name) throws IOException {
    return create(name, 1);
  }

  private static WakeableFd openQueue(String name, short flags) throws NativeException {
    int tun = Syscalls.open("/dev/net/tun", Linux.O_RDWR | Linux.O_CLOEXEC);
    NativeMemory ifreq = new NativeMemory(Linux.IFREQ_SIZE);
    ifreq.putBytes(0, name.getBytes(StandardCharsets.US_ASCII));
    ifreq.putShort(Linux.IFNAMSIZ, flags);
    try {
      Syscalls.ioctl(tun, Linux.TUNSETIFF, ifreq.address(), "TUNSETIFF " + name);
    } catch (NativeException e) {
      Syscalls.close(tun);
      throw e;
    }
    return WakeableFd.wrap(tun, "TUN " + name);
  }

  public String name() {
    return name;
  }

  /** Returns the interface index in the namespace where the device was made. */
  public int index() {
    return index;
  }

  public int queueCount() {
    return queues.size();
  }

  /** Returns the descriptor of queue {@code i}, for a reader or writer thread of its own. */
  public WakeableFd queue(int i) {
    return queues.get(i);
  }

  /**
   * Sets the MTU, adds the addresses (CIDR literals such as {@code 198.18.0.1/24} or
   * {@code fd00::1/64}) and brings the device up, through rtnetlink requests in the namespace
   * where the device was made. IPv6 addresses skip duplicate address detection.
   */
  public void configure(int mtu, List<String> addresses) throws IOException {
    for (String cidr : addresses) {
      int slash = cidr.indexOf('/');
      String literal = slash < 0 ? cidr : cidr.substring(0, slash);
      if (literal.isEmpty() || !literal.matches("[0-9a-fA-F.:]+")) {
        throw new IllegalArgumentException("invalid address '" + cidr
            + "': use a literal with a prefix length, such as 198.18.0.1/24 or fd00::1/64");
      }
      InetAddress address = InetAddress.getByName(literal);
      int prefix = slash < 0 ? address.getAddress().length * 8 : parsePrefix(cidr, slash);
      rtnetlink.addAddress(index, address, prefix);
    }
    rtnetlink.setUp(index, mtu);
    LOG.info("configured TUN device {}: MTU {}, addresses {}", name, mtu, addresses);
  }

  private static int parsePrefix(String cidr, int slash) {
    try {
      return Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid prefix length in '" + cidr
          + "': use a number such as 24", e);
    }
  }

  /**
   * Reads one packet into {@code buffer} at offset {@code headroom} and leaves it between the
   * read position ({@code headroom}) and the read limit. Returns the packet length, or -1 when
   * woken or closed before a packet arrived; the buffer is then left unchanged.
   */
  public int read(Bytes<?> buffer, int headroom) throws NativeException {
    return read(fd, buffer, headroom);
  }

  /** Reads one packet from queue {@code q} like {@link #read(Bytes, int)}. */
  public static int read(WakeableFd q, Bytes<?> buffer, int headroom) throws NativeException {
    long room = buffer.realCapacity() - headroom;
    int n = q.read(buffer.addressForWrite(headroom), (int) Math.min(room, Integer.MAX_VALUE));
    if (n >= 0) {
      buffer.clear();
      buffer.writePosition(headroom + (long) n);
      buffer.readPosition(headroom);
    }
    return n;
  }

  /**
   * Reads one packet to offset {@code at} of {@code buffer} if one is queued, without waiting and
   * without moving the buffer's positions. Returns its length, or -1 when none is queued or the
   * device is closed. A packet longer than the room behind {@code at} (at most 65,535 bytes) is
   * cut short, which the caller sees as a length that does not match the IP header.
   */
  public int readNow(Bytes<?> buffer, long at) throws NativeException {
    long room = Math.min(buffer.realCapacity() - at, 65535);
    return fd.readNow(buffer.addressForWrite(at), (int) room);
  }

  /** Writes the packet between the read position and read limit of {@code buffer}. */
  public int write(Bytes<?> buffer) throws NativeException {
    return write(fd, buffer);
  }

  /** Writes one packet to queue {@code q} like {@link #write(Bytes)}. */
  public static int write(WakeableFd q, Bytes<?> buffer) throws NativeException {
    long start = buffer.readPosition();
    return q.write(buffer.addressForRead(start), (int) (buffer.readLimit() - start));
  }

  /** Makes blocked and later reads on every queue return -1 until {@link #clearWakeup()}. */
  public void wakeup() {
    queues.forEach(WakeableFd::wakeup);
  }

  public void clearWakeup() {
    queues.forEach(WakeableFd::clearWakeup);
  }

  public boolean isClosed() {
    return fd.isClosed();
  }

  /** Wakes blocked readers and closes every queue; the kernel then removes the device. */
  @Override
  public void close() {
    if (fd.isClosed()) {
      return;
    }
    queues.forEach(WakeableFd::close);
    rtnetlink.close();
    OpenDevices.unregister(this);
    LOG.info("closed TUN device {}", name);
  }
}
