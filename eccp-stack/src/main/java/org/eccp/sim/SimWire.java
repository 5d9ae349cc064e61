package org.eccp.sim;

import net.openhft.chronicle.bytes.Bytes;
import org.eccp.engine.Event;
import org.eccp.link.ReceivedPacket;
import org.eccp.link.SimLink;
import org.eccp.wire.CheckResult;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;

/**
 * A simulated host's side of the wire: frames the engine's packets into bytes and sends them on
 * a {@link SimLink}, and turns the bytes that the link receives back into engine events, as the
 * live stack's sender and receiver do with a socket link. Packets cross the simulated network as
 * encoded bytes, so the engine runs over the same {@link org.eccp.link.Link} interface and the
 * same validation as in the live stack. Not thread-safe: one thread at a time may use it. A
 * simulation may pass from one thread to another (tcp-lite's simulated runtime hands it between
 * the caller and its driver thread), so chronicle's owner-thread check is turned off.
 */
final class SimWire {
  /** Room for the largest ECCP header and the small payloads that the simulations carry. */
  private static final int INITIAL_CAPACITY = 2048;

  private final SimLink link;
  private final Bytes<byte[]> sendBuffer = Bytes.allocateElasticOnHeap(INITIAL_CAPACITY);
  private final Bytes<byte[]> receiveBuffer = Bytes.allocateElasticOnHeap(INITIAL_CAPACITY);
  private final ReceivedPacket addresses = new ReceivedPacket();
  private final EccpHeader view = new EccpHeader();
  private String lastProblem;

  /** Hands every sent packet, as bytes, to {@code network}. */
  SimWire(SimLink.Delivery network) {
    this.link = new SimLink(network);
    sendBuffer.singleThreadedCheckDisabled(true);
    receiveBuffer.singleThreadedCheckDisabled(true);
  }

  /** Frames {@code header} and {@code payload} and sends them from {@code src} to {@code dst}. */
  void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {
    link.send(src, dst, frame(header, payload));
  }

  /** Returns the packet encoded as it crosses the wire: the header, then the payload. */
  byte[] encode(EccpPacket header, byte[] payload) {
    Bytes<byte[]> b = frame(header, payload);
    byte[] bytes = new byte[(int) b.readRemaining()];
    b.read(bytes);
    return bytes;
  }

  private Bytes<byte[]> frame(EccpPacket header, byte[] payload) {
    int headerLength = EccpHeader.lengthOf(header);
    int end = headerLength + payload.length;
    sendBuffer.clear();
    sendBuffer.ensureCapacity(end);
    view.wrap(sendBuffer, 0, headerLength).emit(header);
    sendBuffer.write(headerLength, payload, 0, payload.length);
    sendBuffer.writePosition(end);
    sendBuffer.readPosition(0);
    return sendBuffer;
  }

  /**
   * Puts {@code wire} on the link as a packet from {@code src} to {@code dst}, receives it and
   * returns it as an engine event, or null when its header is invalid ({@link #lastProblem()}).
   */
  Event.PacketIn receive(IpAddress src, IpAddress dst, byte[] wire) {
    link.enqueue(src, dst, wire);
    if (!link.receive(receiveBuffer, addresses)) {
      throw new IllegalStateException("SimLink.receive returned no packet right after enqueue");
    }
    return parse(receiveBuffer, addresses.source(), addresses.destination());
  }

  private Event.PacketIn parse(Bytes<byte[]> buffer, IpAddress src, IpAddress dst) {
    long start = buffer.readPosition();
    int length = (int) (buffer.readLimit() - start);
    CheckResult check = view.wrap(buffer, start, length).check();
    if (!check.ok()) {
      lastProblem = check.message();
      return null;
    }
    byte[] payload = new byte[view.payloadLength()];
    buffer.read(view.payloadOffset(), payload, 0, payload.length);
    return new Event.PacketIn(src, dst, view.toPacket(), payload);
  }

  /** Returns why the last packet that failed to parse was invalid. */
  String lastProblem() {
    return lastProblem;
  }
}
