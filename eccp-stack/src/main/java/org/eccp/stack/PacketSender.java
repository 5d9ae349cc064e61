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

  private final Link link;
  private final StackCounters counters;
  private final Bytes<?> buffer = Bytes.allocateDirect(CAPACITY);
  private final EccpHeader view = new EccpHeader();

  PacketSender(Link link, StackCounters counters) {
    this.link = link;
    this.counters = counters;
    buffer.singleThreadedCheckDisabled(true);
  }

  /** Sends the packet; returns false when it was not handed to the kernel. */
  boolean send(IpAddress local, IpAddress remote, EccpPacket header, byte[] payload) {
    int start = link.headroom();
    int headerLength = EccpHeader.lengthOf(header);
    int payloadLength = payload == null ? 0 : payload.length;
    int end = start + headerLength + payloadLength;
    if (end > CAPACITY || end - start > 65535 - 60) {
      counters.oversize.incrementAndGet();
      LOG.debug("dropped a {} of {} payload bytes: too long", header.type(), payloadLength);
      return false;
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
      return true;
    } catch (NativeException e) {
      counters.sendErrors.incrementAndGet();
      LOG.debug("sending a {} from {} to {} failed: {}", header.type(), local, remote,
          e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      counters.sendErrors.incrementAndGet();
      LOG.debug("sending a {} from {} to {} failed", header.type(), local, remote, e);
    }
    return false;
  }

  @Override
  public void close() {
    buffer.releaseLast();
  }
}
