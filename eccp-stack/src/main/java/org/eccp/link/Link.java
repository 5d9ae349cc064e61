package org.eccp.link;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.IpAddress;

/**
 * A way to send and receive whole ECCP packets (ECCP header and payload) between IP addresses:
 * directly in IP, in UDP, or through a TUN device.
 *
 * <p>Buffers are chronicle-bytes off-heap buffers. A packet to send lies between the buffer's
 * read position and read limit, with at least {@link #headroom()} free bytes before it, where the
 * link writes its outer headers without moving the packet. One thread may send while another
 * receives; two threads must not send (or receive) on one link at the same time unless the
 * implementation's documentation allows it.
 */
public interface Link extends AutoCloseable {
  /**
   * Receive buffer size that the socket links request: 4 MiB, room for over a thousand
   * full-size packets, so that a receiver that falls briefly behind loses none.
   */
  int RECEIVE_BUFFER_BYTES = 4 << 20;

  /**
   * Send buffer size of the raw IP links: 4 MiB. With the default of about 200 KiB, a send blocks
   * once that much waits in the qdisc of one outgoing interface, such as a rate limit. The one
   * sending thread then stalls every flow, also those on idle interfaces. With room to spare the
   * qdisc drops instead, and the transport sees loss on that flow alone.
   */
  int SEND_BUFFER_BYTES = 4 << 20;

  /** Returns the bytes that {@link #send} needs free in front of the packet. */
  int headroom();

  /**
   * Sends the ECCP packet between the read position and read limit of {@code packet}, from
   * {@code local} to {@code remote}. Writes into the headroom but leaves the positions as they
   * were. A closed link drops the packet.
   *
   * @throws IllegalArgumentException when the headroom is too small or the addresses are of a
   *     family or kind that this link cannot send
   */
  void send(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException;

  /**
   * Sends packets of {@code batch} in {@code buffer}, from entry {@code from} on, like {@link
   * #send} for each; a link that can send several in one system call does. Returns how many it
   * sent, at least one. Stops at the first packet that fails and throws its exception when that
   * is entry {@code from}; so a caller retries from the returned index and skips an entry that
   * threw. Moves the buffer's read position and limit.
   */
  default int sendBatch(IpAddress local, IpAddress remote, Bytes<?> buffer, PacketBatch batch,
      int from) throws IOException {
    int i = from;
    while (i < batch.count()) {
      buffer.readPositionRemaining(batch.offset(i), batch.length(i));
      try {
        send(local, remote, buffer);
      } catch (IOException | RuntimeException e) {
        if (i == from) {
          throw e;
        }
        break;
      }
      i++;
    }
    return i - from;
  }

  /**
   * Blocks until an ECCP packet arrives, then leaves it between the read position and read limit
   * of {@code buffer} and its outer addresses in {@code into}. Malformed and foreign packets are
   * counted and skipped.
   *
   * @return true for a packet, false when woken by {@link #wakeup()} or closed
   */
  boolean receive(Bytes<?> buffer, ReceivedPacket into) throws IOException;

  /** Makes a blocked {@link #receive}, and every later one, return false until cleared. */
  void wakeup();

  void clearWakeup();

  LinkCounters counters();

  /** Wakes any receiver and releases the descriptors; idempotent. */
  @Override
  void close();
}
