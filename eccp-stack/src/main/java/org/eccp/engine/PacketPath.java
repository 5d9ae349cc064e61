package org.eccp.engine;

import java.util.Arrays;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Received packets up to the table (the validity checks of docs/protocol.md, in order), and
 * payloads in and out: delivery, the engine's own echo, and sending.
 */
final class PacketPath {
  private static final Logger LOG = LoggerFactory.getLogger(PacketPath.class);
  static final byte ECHO_REQUEST = 1;
  static final byte ECHO_REPLY = 2;

  private PacketPath() {}

  static void receive(Engine e, Step s, Event.PacketIn p) {
    Counters n = e.counters();
    n.add(Counter.PACKETS_IN);
    EccpPacket h = p.header();
    if (h == null || h.type() == null || h.senderFlowId() == 0 || p.src() == null
        || p.dst() == null || (h.type() == PacketType.SYN_ACK && h.senderNonce() == 0)) {
      n.add(Counter.MALFORMED);
      return;
    }
    if (!e.isLocal(p.dst())) {
      drop(n, Counter.NOT_LOCAL_DESTINATION, h);
      return;
    }
    s.packet = h;
    s.src = p.src();
    s.dst = p.dst();
    if (h.receiverFlowId() == 0) {
      receiveSyn(e, s, h);
      return;
    }
    Flow f = e.flowTable().get(h.receiverFlowId());
    if (f == null && e.config().otherStack(h.receiverFlowId())) {
      drop(n, Counter.OTHER_STACK, h);
      return;
    }
    if (f == null) {
      drop(n, Counter.UNKNOWN_FLOWID, h);
      e.sendRstFor(s, h);
      return;
    }
    long expected = h.type() == PacketType.RST ? f.remoteNonce : f.localNonce;
    if (h.nonce() != expected) {
      drop(n, Counter.BAD_NONCE, h);
      return;
    }
    Connection c = e.connectionOf(f);
    Trigger t = Trigger.of(h.type());
    if (t != null) {
      e.dispatch(s, t, f, null);
    }
    byte[] payload = p.payload();
    boolean hasData = h.type() == PacketType.DATA
        || (h.type().carriesPayload() && payload != null && payload.length > 0);
    if (hasData && e.flowTable().get(f.localFlowId) == f) {
      deliver(e, s, f, h.nextProtocol(), payload);
    }
    e.closeRemaining(s.now, c, s.out);
  }

  /** Routes a SYN (receiver flowID 0): a repeat, a new flow of a connection (JOIN), or a new one. */
  private static void receiveSyn(Engine e, Step s, EccpPacket h) {
    Counters n = e.counters();
    if (h.type() != PacketType.SYN) {
      drop(n, Counter.UNKNOWN_FLOWID, h);
      return;
    }
    if (h.senderNonce() == 0) {
      drop(n, Counter.MALFORMED, h);
      return;
    }
    Flow repeated = e.flowForRepeatedSyn(h, s.src);
    if (repeated != null) {
      e.dispatch(s, Trigger.SYN, repeated, null);
      return;
    }
    if (h.join() != 0 && e.config().otherStack(h.join())) {
      drop(n, Counter.OTHER_STACK, h);
      return;
    }
    if (h.join() != 0) {
      Flow joined = e.flowTable().get(h.join());
      if (joined == null || joined.localNonce != h.nonce() || !joined.state.isSynchronized()) {
        drop(n, Counter.BAD_JOIN, h);
        return;
      }
      s.conn = e.connectionOf(joined);
      s.joined = joined;
      e.dispatch(s, Trigger.JOIN_SYN, null, FlowState.CLOSED);
      return;
    }
    if (!e.listening() && e.config().instanceTag() != 0) {
      drop(n, Counter.NOT_LISTENING, h);
      return;
    }
    e.dispatch(s, Trigger.SYN, null, e.listening() ? FlowState.LISTEN : FlowState.CLOSED);
  }

  private static void drop(Counters n, Counter reason, EccpPacket h) {
    n.add(reason);
    LOG.debug("dropped {} for flow {}: {}", h.type(), Integer.toUnsignedString(h.receiverFlowId()),
        reason.label());
  }

  private static void deliver(Engine e, Step s, Flow f, int nextProtocol, byte[] payload) {
    Counters n = e.counters();
    if (!f.state.receivesData()) {
      n.add(Counter.DATA_NOT_READY);
      return;
    }
    n.add(Counter.DATA_IN);
    byte[] body = payload == null ? new byte[0] : payload;
    switch (nextProtocol) {
      case NextProtocol.ECHO -> echo(e, s, f, body);
      case NextProtocol.TCP_LITE, NextProtocol.DATAGRAM, NextProtocol.TUNNELLED_IP ->
          s.out.deliver(f.connectionId, f.localFlowId, nextProtocol, body);
      default -> n.add(Counter.UNKNOWN_NEXT_PROTOCOL);
    }
  }

  /** Replies to an echo request on the same flow with the same bytes, and delivers a reply. */
  private static void echo(Engine e, Step s, Flow f, byte[] body) {
    if (body.length >= 1 && body[0] == ECHO_REQUEST) {
      byte[] reply = body.clone();
      reply[0] = ECHO_REPLY;
      if (f.localAddress != null) {
        e.counters().add(Counter.ECHO_REQUESTS_ANSWERED);
        e.counters().add(Counter.DATA_OUT);
        e.send(s, f, Packets.data(f, NextProtocol.ECHO), reply);
      }
    } else if (body.length >= 1 && body[0] == ECHO_REPLY) {
      e.counters().add(Counter.ECHO_REPLIES_RECEIVED);
      s.out.deliver(f.connectionId, f.localFlowId, NextProtocol.ECHO,
          Arrays.copyOfRange(body, 1, body.length));
    } else {
      e.counters().add(Counter.BAD_ECHO);
    }
  }

  static boolean sendEcho(Engine e, Step s, Event.SendEcho ev) {
    byte[] body = ev.payload() == null ? new byte[0] : ev.payload();
    byte[] request = new byte[body.length + 1];
    request[0] = ECHO_REQUEST;
    System.arraycopy(body, 0, request, 1, body.length);
    return sendData(e, s, ev.localFlowId(), NextProtocol.ECHO, request);
  }

  static boolean sendData(Engine e, Step s, int flowId, int nextProtocol, byte[] payload) {
    Flow f = e.flowTable().get(flowId);
    if (f == null || !f.state.sendsData() || f.localAddress == null) {
      e.counters().add(Counter.SEND_NOT_READY);
      return false;
    }
    e.counters().add(Counter.DATA_OUT);
    e.send(s, f, Packets.data(f, nextProtocol), payload == null ? new byte[0] : payload);
    return true;
  }
}
