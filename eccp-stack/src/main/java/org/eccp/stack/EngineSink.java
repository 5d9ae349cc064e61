package org.eccp.stack;

import java.util.List;
import org.eccp.engine.ActionSink;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.Event;
import org.eccp.engine.FlowView;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;
import org.eccp.wire.PacketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what the engine asks on the loop thread: sends through the link, hands deliveries
 * and connection events to the listener and logs each connection, flow and address event at
 * INFO. Also feeds address events to the engine and times the first RSYN after each change.
 */
final class EngineSink implements ActionSink {
  private static final Logger LOG = LoggerFactory.getLogger(EccpStack.class);

  /** Retries of a control packet without a route: every 5 ms for up to 150 ms. */
  private static final long NO_ROUTE_RETRY_NANOS = 5_000_000L;
  private static final int NO_ROUTE_RETRIES = 30;

  private final EccpStack stack;
  private final PacketSender sender;
  private final StackListener listener;
  private final List<MoveTiming> timings;
  private long changeAt;
  private String change;
  private boolean addressesChanged;

  EngineSink(EccpStack stack, PacketSender sender, StackListener listener,
      List<MoveTiming> timings) {
    this.stack = stack;
    this.sender = sender;
    this.listener = listener;
    this.timings = timings;
  }

  @Override
  public void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {
    PacketSender.Result r = sender.send(src, dst, header, payload);
    if (r == PacketSender.Result.SENT) {
      timeRsyn(src, dst, header, change, changeAt, 0);
    } else if (r == PacketSender.Result.NO_ROUTE && header.type().isControl()) {
      retry(src, dst, header, payload, change, changeAt, 1);
    }
    if (header.type() == PacketType.RSYN) {
      change = null;
    }
  }

  /**
   * Sends a control packet again after a short wait when the kernel had no route for it. A host
   * gets its address a moment before its route (the lab adds the route right after the
   * address), and waiting for the engine's first retransmission would add 200 ms to a move.
   * Stops when the source address is gone.
   */
  private void retry(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload,
      String cause, long causeAt, int attempt) {
    stack.schedule(NO_ROUTE_RETRY_NANOS, () -> {
      if (stack.engine().localAddresses().stream().noneMatch(l -> l.address().equals(src))) {
        return;
      }
      PacketSender.Result r = sender.send(src, dst, header, payload);
      if (r == PacketSender.Result.SENT) {
        timeRsyn(src, dst, header, cause, causeAt, attempt);
      } else if (r == PacketSender.Result.NO_ROUTE && attempt < NO_ROUTE_RETRIES) {
        retry(src, dst, header, payload, cause, causeAt, attempt + 1);
      }
    });
  }

  private void timeRsyn(IpAddress src, IpAddress dst, EccpPacket header, String cause,
      long causeAt, int noRouteRetries) {
    if (header.type() != PacketType.RSYN || cause == null) {
      return;
    }
    long micros = (System.nanoTime() - causeAt) / 1000;
    timings.add(new MoveTiming(cause, src.toString(), dst.toString(), micros, noRouteRetries));
    LOG.info("RSYN {} -> {} sent {} us after the address change ({}), {} retries without a route",
        src, dst, micros, cause, noRouteRetries);
  }

  @Override
  public void deliver(int connectionId, int localFlowId, int nextProtocol, byte[] payload) {
    listener.onDelivery(stack, connectionId, localFlowId, nextProtocol, payload);
  }

  @Override
  public void notify(ConnectionEvent event) {
    log(event);
    listener.onConnectionEvent(stack, event);
  }

  private void log(ConnectionEvent event) {
    if (event instanceof ConnectionEvent.Established e) {
      LOG.info("connection {} established on flow {}", e.connectionId(), flow(e.localFlowId()));
    } else if (event instanceof ConnectionEvent.FlowAdded e) {
      LOG.info("connection {} added flow {}", e.connectionId(), flow(e.localFlowId()));
    } else if (event instanceof ConnectionEvent.FlowMigrated m) {
      LOG.info("connection {} flow {} migrated: {} -> {} is now {} -> {} (version {})",
          m.connectionId(), Integer.toUnsignedString(m.localFlowId()), m.oldLocal(),
          m.oldRemote(), m.newLocal(), m.newRemote(), Integer.toUnsignedString(m.version()));
    } else if (event instanceof ConnectionEvent.FlowFailed f) {
      LOG.info("connection {} flow {} failed: {}", f.connectionId(),
          Integer.toUnsignedString(f.localFlowId()), f.reason());
    } else if (event instanceof ConnectionEvent.Failed f) {
      LOG.info("connection {} failed: {}", f.connectionId(), f.reason());
    } else if (event instanceof ConnectionEvent.Closed c) {
      LOG.info("connection {} closed", c.connectionId());
    }
  }

  /** Returns "flowID local -> remote" of a flow, for the log. */
  private String flow(int localFlowId) {
    FlowView f = stack.engine().demux(localFlowId);
    String id = Integer.toUnsignedString(localFlowId);
    return f == null ? id : id + " " + f.localAddress() + " -> " + f.remoteAddress();
  }

  /** Remembers when the notification being applied was read, for the RSYN timing. */
  void addressChangeAt(long receivedAt) {
    changeAt = receivedAt;
  }

  /**
   * Feeds an address event from the tracker to the engine. An RSYN that the engine sends while
   * handling it is timed from the moment its notification was read.
   */
  void addressEvent(Event event) {
    change = describe(event);
    LOG.info("{}", change);
    addressesChanged = true;
    stack.handle(event);
    change = null;
  }

  /** Returns and clears whether the engine's addresses changed since the last call. */
  boolean takeAddressesChanged() {
    boolean changed = addressesChanged;
    addressesChanged = false;
    return changed;
  }

  private static String describe(Event event) {
    if (event instanceof Event.AddressAdded a) {
      return "address " + a.address() + " added on interface " + a.ifIndex();
    }
    if (event instanceof Event.AddressRemoved r) {
      return "address " + r.address() + " removed from interface " + r.ifIndex();
    }
    if (event instanceof Event.InterfaceDown d) {
      return "interface " + d.ifIndex() + " down";
    }
    return event.toString();
  }
}
