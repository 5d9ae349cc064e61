package org.eccp.stack;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.link.Link;
import org.eccp.nativ.NativeException;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the engine's packets (an {@link EccpPacket} and a payload) into one reused off-heap
 * buffer, behind the link's headroom, and sends them. A failed send is counted and logged at
 * DEBUG, never thrown: the engine retransmits what matters. Only the loop thread sends.
 */
final class PacketSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PacketSender.class);
  private static final int CAPACITY = 65536 + 128;
  /** ENETUNREACH from {@code <errno.h>}: no route from this source to the destination yet. */
  private static final int ENETUNREACH = 101;

  /** The outcome of a send. */
  enum Result {
    SENT,
    /** The kernel has no route yet, as right after an address appears and before its route. */
    NO_ROUTE,
    FAILED
  }

  private final Link link;
  private final StackCounters counters;
  private final Bytes<?> buffer = Bytes.allocateDirect(CAPACITY);
  private final EccpHeader view = new EccpHeader();

  PacketSender(Link link, StackCounters counters) {
    this.link = link;
    this.counters = counters;
    buffer.singleThreadedCheckDisabled(true);
  }

  /** Sends the packet and returns whether the kernel took it. */
  Result send(IpAddress local, IpAddress remote, EccpPacket header, byte[] payload) {
    int start = link.headroom();
    int headerLength = EccpHeader.lengthOf(header);
    int payloadLength = payload == null ? 0 : payload.length;
    int end = start + headerLength + payloadLength;
    if (end > CAPACITY || end - start > 65535 - 60) {
      counters.oversize.incrementAndGet();
      LOG.debug("dropped a {} of {} payload bytes: too long", header.type(), payloadLength);
      return Result.FAILED;
    }
    buffer.clear();
    view.wrap(buffer, start, headerLength).emit(header);
    if (payloadLength > 0) {
      buffer.write(start + headerLength, payload, 0, payloadLength);
    }
    buffer.writePosition(end);
    buffer.readPosition(start);
    try {
      link.send(local, remote, buffer);
      return Result.SENT;
    } catch (NativeException e) {
      counters.sendErrors.incrementAndGet();
      LOG.debug("sending a {} from {} to {} failed: {}", header.type(), local, remote,
          e.getMessage());
      return e.errno() == ENETUNREACH ? Result.NO_ROUTE : Result.FAILED;
    } catch (IOException | IllegalArgumentException e) {
      counters.sendErrors.incrementAndGet();
      LOG.debug("sending a {} from {} to {} failed", header.type(), local, remote, e);
    }
    return Result.FAILED;
  }

  @Override
  public void close() {
    buffer.releaseLast();
  }
}
