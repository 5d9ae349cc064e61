package org.eccp.stack;

import java.io.IOException;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.engine.Event;
import org.eccp.link.Link;
import org.eccp.link.ReceivedPacket;
import org.eccp.wire.CheckResult;
import org.eccp.wire.EccpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving thread of one link: validates each ECCP header, copies the packet out of the
 * reused buffer into a {@link Event.PacketIn} and hands it to the event loop. A packet that fails
 * validation is counted and dropped. The thread ends when the link is woken or closed, or
 * when receiving fails.
 */
final class PacketReceiver implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PacketReceiver.class);
  private static final int CAPACITY = 65536 + 128;

  private final Link link;
  private final StackCounters counters;
  private final Consumer<Event.PacketIn> loop;
  private final Bytes<?> buffer = Bytes.allocateDirect(CAPACITY);
  private final ReceivedPacket addresses = new ReceivedPacket();
  private final EccpHeader view = new EccpHeader();

  PacketReceiver(Link link, StackCounters counters, Consumer<Event.PacketIn> loop) {
    this.link = link;
    this.counters = counters;
    this.loop = loop;
    buffer.singleThreadedCheckDisabled(true);
  }

  @Override
  public void run() {
    try {
      while (link.receive(buffer, addresses)) {
        Event.PacketIn packet = decode();
        if (packet != null) {
          loop.accept(packet);
        }
      }
    } catch (IOException e) {
      LOG.error("receiving stopped: {}", e.getMessage());
    } finally {
      buffer.releaseLast();
    }
  }

  /** Returns the packet in the buffer as an event, or null when its header is invalid. */
  Event.PacketIn decode() {
    long start = buffer.readPosition();
    int length = (int) (buffer.readLimit() - start);
    CheckResult check = view.wrap(buffer, start, length).check();
    if (!check.ok()) {
      counters.malformed.incrementAndGet();
      LOG.debug("dropped a packet from {}: {}", addresses.source(), check.message());
      return null;
    }
    byte[] payload = new byte[view.payloadLength()];
    buffer.read(view.payloadOffset(), payload, 0, payload.length);
    return new Event.PacketIn(addresses.source(), addresses.destination(), view.toPacket(),
        payload);
  }
}
