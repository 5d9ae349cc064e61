package org.eccp.tunnel;

import java.io.IOException;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.link.PacketBatch;
import org.eccp.link.ReceivedPacket;
import org.eccp.nativ.Linux;
import org.eccp.nativ.NativeException;
import org.eccp.stack.EccpStack;
import org.eccp.stack.FastPath;
import org.eccp.tun.TunDevice;
import org.eccp.wire.EccpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnel's packet path, outside the engine and without allocation per packet.
 *
 * <p>Outbound (its own thread): an inner packet is read from the TUN device into an off-heap
 * buffer behind room for the outer headers, checked, its TCP MSS clamped, and the ECCP DATA
 * header written in front of it in place. A packet larger than its flow's path MTU is dropped
 * instead and its sender gets an ICMP error ({@link TooBigReplies}). The packets already queued
 * in the device are read the same way behind it, up to {@link #BATCH}. The batch goes to the
 * link in one call, which writes the outer IP (and UDP) headers and sends it with as few system
 * calls as it can (sendmmsg, UDP GSO). Inbound (the stack's receiving thread): a DATA packet of
 * a known flow with the right nonce is written from the receive buffer straight to the TUN
 * device. Anything else goes to the engine, which hands tunnelled payloads back through
 * {@link #writeFromEngine}.
 */
final class DataPath implements FastPath, Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(DataPath.class);
  private static final int CAPACITY = 65536 + 256;
  /** Most packets read from the TUN device and sent together. */
  static final int BATCH = 64;
  /** Room that every TUN read gets: the longest IP packet. */
  private static final int READ_ROOM = 65535;
  /** The outbound buffer: a batch of full-size packets back to back, plus room for one read. */
  private static final int OUT_CAPACITY = 256 * 1024;
  /** Packets held while no flow can send: about 0.1 s of a 100 Mbit/s stream. */
  private static final int HOLD_PACKETS = 1024;
  /** Sent packets kept for a resend after the peer moved: about 12 ms at 1 Gbit/s. */
  private static final int REPLAY_PACKETS = 1024;
  /**
   * Failed sends of the oldest held packet before it is dropped. A send from a new address
   * fails until its route exists, which often comes a few milliseconds after the address; the
   * packets stay held meanwhile. The bound drops a packet that could never be sent.
   */
  private static final int HELD_SEND_ATTEMPTS = 64;
  /** How far back a resend after a peer move reaches. */
  private static final long REPLAY_WINDOW_NANOS = 250_000_000L;

  private final TunDevice tun;
  private final TunnelCounters counters;
  private final boolean stripe;
  /** Failover without a preference of its own: send on the flow the peer sent on last. */
  private final boolean followPeer;
  private final PathMtus pathMtus;
  /** Bytes in front of an inner packet on the wire: outer IP, UDP if any, ECCP DATA. */
  private final int overhead;
  private final Bytes<?> outBuffer = Bytes.allocateDirect(OUT_CAPACITY);
  private final Bytes<?> slowBuffer = Bytes.allocateDirect(CAPACITY);
  private final TunnelPackets outPackets;
  private final TunnelPackets inPackets;
  private final PacketBatch batch = new PacketBatch(BATCH);
  /** The flow that every packet of the current batch goes on, or null for an empty batch. */
  private Routes.Route batchRoute;
  private final int innerMtu;
  private HoldQueue held;
  private ReplayRing sent;
  private TooBigReplies tooBig;
  private int heldFailures;
  /** When the peer's move was seen (System.nanoTime), or 0 when no resend is pending. */
  private volatile long peerMovedAt;
  private volatile EccpStack stack;
  private volatile Routes routes = Routes.NONE;
  private volatile boolean stopping;
  /** The local flowID of the newest tunnelled packet received, 0 before the first. */
  private volatile int lastReceivedFlow;
  private int next;

  DataPath(TunDevice tun, TunnelCounters counters, boolean stripe, boolean followPeer,
      int innerMtu, PathMtus pathMtus, int overhead) {
    this.tun = tun;
    this.counters = counters;
    this.stripe = stripe;
    this.followPeer = followPeer;
    // The MSS clamp follows the smallest current path MTU.
    this.outPackets = new TunnelPackets(counters, pathMtus::minInner);
    this.inPackets = new TunnelPackets(counters, pathMtus::minInner);
    this.innerMtu = innerMtu;
    this.pathMtus = pathMtus;
    this.overhead = overhead;
    outBuffer.singleThreadedCheckDisabled(true);
    slowBuffer.singleThreadedCheckDisabled(true);
  }

  void attach(EccpStack s) {
    this.stack = s;
  }

  /** Replaces the flows; wakes the outbound thread to send held packets when a flow is back. */
  void publish(Routes r) {
    routes = r;
    HoldQueue h = held;
    if (r.sendable.length > 0 && h != null && h.size() > 0) {
      tun.wakeup();
    }
  }

  /** Wakes the outbound thread to try the held packets again; false when none are held. */
  boolean retryHeld() {
    HoldQueue h = held;
    if (h == null || h.size() == 0) {
      return false;
    }
    tun.wakeup();
    return true;
  }

  Routes routes() {
    return routes;
  }

  void stop() {
    stopping = true;
    tun.wakeup();
  }

  // ---- outbound

  @Override
  public void run() {
    int headroom = stack.headroom() + EccpHeader.FIXED_LENGTH;
    held = new HoldQueue(HOLD_PACKETS, headroom, innerMtu);
    sent = new ReplayRing(REPLAY_PACKETS, headroom, innerMtu);
    tooBig = new TooBigReplies(tun, counters);
    try {
      while (!stopping) {
        int n = tun.read(outBuffer, headroom);
        if (n >= 0) {
          forwardQueued(headroom, n);
          continue;
        }
        // Woken: to stop, or because a flow is back for the held packets.
        if (stopping) {
          break;
        }
        tun.clearWakeup();
        sendHeld();
        resendAfterPeerMove();
      }
    } catch (NativeException e) {
      if (!stopping) {
        LOG.error("reading the TUN device {} failed: {}", tun.name(), e.getMessage());
      }
    } finally {
      outBuffer.releaseLast();
      held.close();
      sent.close();
      tooBig.close();
    }
  }

  /**
   * Forwards the packet just read to {@code start} and the packets queued behind it in the
   * device, each read {@code headroom} bytes past the end of the one before, and sends them.
   * With no link headroom (UDP) the ECCP packets of a batch lie back to back, as UDP GSO needs.
   */
  private void forwardQueued(int headroom, int length) throws NativeException {
    long start = headroom;
    int n = length;
    while (true) {
      forward(start, n);
      long next = start + n + headroom;
      if (batch.isFull() || OUT_CAPACITY - next < READ_ROOM) {
        break;
      }
      n = tun.readNow(outBuffer, next);
      if (n < 0) {
        break;
      }
      start = next;
    }
    flush();
  }

  private void forward(long start, int length) {
    if (!outPackets.checkInner(outBuffer, start, length)) {
      return;
    }
    if (held.size() > 0) {
      flush();
      sendHeld();
    }
    // Behind held packets that could not go yet, a packet waits too, so the order is kept.
    Routes.Route r = held.size() > 0 ? null : pick(routes);
    // A packet that finds no flow, or whose source address just went away, waits for the next.
    if (r == null) {
      if (!hold(start, length)) {
        counters.dropNoFlow.incrementAndGet();
      }
      return;
    }
    int mtu = r.pmtu().inner();
    if (length > mtu) {
      tooBig.handle(outBuffer, start, length, mtu, r.localFlowId(), System.nanoTime());
      return;
    }
    if (batchRoute != null && r != batchRoute) {
      flush();
    }
    long eccp = outPackets.encapsulate(outBuffer, start, r);
    batch.add(eccp, EccpHeader.FIXED_LENGTH + length);
    batchRoute = r;
  }

  /**
   * Sends the batch on its flow. A packet above the interface MTU (EMSGSIZE) lowers the flow's
   * path MTU and is dropped, and its sender gets an ICMP error. Another packet that the kernel
   * refuses is held like one with no flow, and so is every packet behind it, to keep the order.
   */
  private void flush() {
    int count = batch.count();
    Routes.Route r = batchRoute;
    int i = 0;
    while (i < count) {
      try {
        int sent = stack.sendBatch(r.local(), r.remote(), outBuffer, batch, i);
        recordSent(r, i, sent);
        i += sent;
      } catch (NativeException e) {
        if (e.errno() != Linux.EMSGSIZE) {
          LOG.debug("sending on flow {} failed: {}", Integer.toUnsignedString(r.localFlowId()),
              e.getMessage());
          holdRest(i);
          break;
        }
        tooBigOnSend(r, outBuffer, batch.offset(i) + EccpHeader.FIXED_LENGTH,
            batch.length(i) - EccpHeader.FIXED_LENGTH);
        i++;
      } catch (IOException | RuntimeException e) {
        LOG.debug("sending on flow {} failed: {}", Integer.toUnsignedString(r.localFlowId()),
            e.getMessage());
        holdRest(i);
        break;
      }
    }
    batch.clear();
    batchRoute = null;
  }

  /** Lowers the flow's path MTU after EMSGSIZE and replies to the inner packet with a too-big message. */
  private void tooBigOnSend(Routes.Route r, Bytes<?> buffer, long start, int length) {
    pathMtus.onEmsgsize(r, length + overhead);
    tooBig.handle(buffer, start, length, r.pmtu().inner(), r.localFlowId(), System.nanoTime());
  }

  private void holdRest(int from) {
    for (int k = from; k < batch.count(); k++) {
      long inner = batch.offset(k) + EccpHeader.FIXED_LENGTH;
      if (!hold(inner, batch.length(k) - EccpHeader.FIXED_LENGTH)) {
        counters.dropNoFlow.incrementAndGet();
      }
    }
  }

  /** Counts the packets of the batch that were sent and keeps them for a resend. */
  private void recordSent(Routes.Route r, int from, int count) {
    long now = System.nanoTime();
    long bytes = 0;
    for (int k = from; k < from + count; k++) {
      int length = batch.length(k) - EccpHeader.FIXED_LENGTH;
      bytes += length;
      sent.add(outBuffer, batch.offset(k) + EccpHeader.FIXED_LENGTH, length, now);
    }
    counters.sentPackets.addAndGet(count);
    counters.sentBytes.addAndGet(bytes);
    r.stats().sentPackets.addAndGet(count);
    r.stats().sentBytes.addAndGet(bytes);
  }

  /** Asks the outbound thread to send the recent packets again, on the peer's new address. */
  void peerMoved() {
    peerMovedAt = System.nanoTime();
    tun.wakeup();
  }

  /**
   * Sends again the packets sent shortly before the peer's move was seen: those went to its old
   * address and are lost. The inner TCP discards what arrived twice.
   */
  private void resendAfterPeerMove() {
    long movedAt = peerMovedAt;
    if (movedAt == 0) {
      return;
    }
    peerMovedAt = 0;
    long since = movedAt - REPLAY_WINDOW_NANOS;
    int resent = 0;
    for (int i = 0; i < sent.size(); i++) {
      int slot = sent.slotOf(i);
      Routes.Route r = pick(routes);
      if (r == null) {
        break;
      }
      if (sent.sentAt(slot) - since >= 0 && sent.sentAt(slot) - movedAt <= 0
          && send(r, sent.buffer(), sent.offset(slot), sent.length(slot)) == Sent.SENT) {
        resent++;
      }
    }
    sent.clear();
    counters.resent.addAndGet(resent);
    LOG.debug("sent {} packets again after the peer moved", resent);
  }

  private boolean hold(long start, int length) {
    if (held.hold(outBuffer, start, length)) {
      counters.held.incrementAndGet();
      return true;
    }
    return false;
  }

  /**
   * Sends the held packets, oldest first, while a flow can send. A failed send stops the
   * flush and keeps the packets for the next try: the next packet from the TUN device, the next
   * change of the flows, or the tunnel's retries after a local move.
   */
  private void sendHeld() {
    while (held.size() > 0) {
      Routes.Route r = pick(routes);
      if (r == null) {
        return;
      }
      if (send(r, held.buffer(), held.peekOffset(), held.peekLength()) == Sent.FAILED) {
        if (++heldFailures < HELD_SEND_ATTEMPTS) {
          return;
        }
        counters.dropSendError.incrementAndGet();
      }
      heldFailures = 0;
      held.pop();
    }
  }

  /** The outcome of {@link #send}. */
  private enum Sent {
    SENT,
    /** Larger than the flow's path MTU: dropped, and the sender gets an ICMP error. */
    TOO_BIG,
    /** Refused by the kernel for another reason. */
    FAILED
  }

  /**
   * Writes the DATA header in front of the packet at {@code start} and sends it on {@code r},
   * unless the packet does not fit the flow's path MTU.
   */
  private Sent send(Routes.Route r, Bytes<?> buffer, long start, int length) {
    int mtu = r.pmtu().inner();
    if (length > mtu) {
      tooBig.handle(buffer, start, length, mtu, r.localFlowId(), System.nanoTime());
      return Sent.TOO_BIG;
    }
    long eccp = outPackets.encapsulate(buffer, start, r);
    buffer.readPositionRemaining(eccp, EccpHeader.FIXED_LENGTH + length);
    try {
      stack.sendPacket(r.local(), r.remote(), buffer);
      counters.sentPackets.incrementAndGet();
      counters.sentBytes.addAndGet(length);
      r.stats().sentPackets.incrementAndGet();
      r.stats().sentBytes.addAndGet(length);
      return Sent.SENT;
    } catch (NativeException e) {
      if (e.errno() != Linux.EMSGSIZE) {
        return failed(r, e);
      }
      tooBigOnSend(r, buffer, start, length);
      return Sent.TOO_BIG;
    } catch (IOException | RuntimeException e) {
      return failed(r, e);
    }
  }

  private static Sent failed(Routes.Route r, Exception e) {
    LOG.debug("sending on flow {} failed: {}", Integer.toUnsignedString(r.localFlowId()),
        e.getMessage());
    return Sent.FAILED;
  }

  private Routes.Route pick(Routes rs) {
    Routes.Route[] s = rs.sendable;
    if (s.length == 0) {
      return null;
    }
    if (!stripe) {
      return followPeer ? peersFlow(s) : s[0];
    }
    next = next + 1 >= s.length ? 0 : next + 1;
    return s[next];
  }

  /** Returns the established flow that the peer sent on last, else the first sendable one. */
  private Routes.Route peersFlow(Routes.Route[] s) {
    int id = lastReceivedFlow;
    for (Routes.Route r : s) {
      if (r.localFlowId() == id && r.established()) {
        return r;
      }
    }
    return s[0];
  }

  /** Notes the flow a tunnelled packet arrived on, writing the shared field only on a change. */
  private void receivedOn(int localFlowId) {
    if (lastReceivedFlow != localFlowId) {
      lastReceivedFlow = localFlowId;
    }
  }

  // ---- inbound

  @Override
  public boolean offer(EccpHeader h, Bytes<?> buffer, ReceivedPacket addresses) {
    Routes.Route r = TunnelPackets.accept(h, addresses, routes);
    if (r == null) {
      return false;
    }
    receivedOn(r.localFlowId());
    long start = h.payloadOffset();
    int length = h.payloadLength();
    buffer.readPositionRemaining(start, length);
    if (toTun(buffer, start, length)) {
      r.stats().receivedPackets.incrementAndGet();
      r.stats().receivedBytes.addAndGet(length);
    }
    return true;
  }

  /** Writes a tunnelled payload that took the engine's path; runs on the loop thread. */
  void writeFromEngine(int localFlowId, byte[] payload) {
    counters.slowPath.incrementAndGet();
    receivedOn(localFlowId);
    slowBuffer.clear();
    slowBuffer.write(0, payload, 0, payload.length);
    slowBuffer.readPositionRemaining(0, payload.length);
    toTun(slowBuffer, 0, payload.length);
  }

  /** Checks the packet and writes it to the TUN device; true when written. */
  private boolean toTun(Bytes<?> buffer, long start, int length) {
    if (!inPackets.checkInner(buffer, start, length)) {
      return false;
    }
    try {
      tun.write(buffer);
      counters.receivedPackets.incrementAndGet();
      counters.receivedBytes.addAndGet(length);
      return true;
    } catch (NativeException e) {
      counters.dropTunWrite.incrementAndGet();
      LOG.debug("writing to {} failed: {}", tun.name(), e.getMessage());
      return false;
    }
  }

  void release() {
    slowBuffer.releaseLast();
  }
}
