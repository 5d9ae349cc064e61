package org.eccp.engine;

import static org.eccp.engine.Condition.ACKS_MINE;
import static org.eccp.engine.Condition.ACKS_OTHER;
import static org.eccp.engine.Condition.ACKS_PEER;
import static org.eccp.engine.Condition.ADDRESS_USABLE;
import static org.eccp.engine.Condition.ALWAYS;
import static org.eccp.engine.Condition.LIMIT_REACHED;
import static org.eccp.engine.Condition.NAMES_MINE;
import static org.eccp.engine.Condition.NEWER_VERSION;
import static org.eccp.engine.Condition.NO_ADDRESS;
import static org.eccp.engine.Condition.RETRIES_EXHAUSTED;
import static org.eccp.engine.Condition.RETRIES_LEFT;
import static org.eccp.engine.Condition.ROOM;
import static org.eccp.engine.FlowState.CLOSED;
import static org.eccp.engine.FlowState.ESTABLISHED;
import static org.eccp.engine.FlowState.FIN_SENT;
import static org.eccp.engine.FlowState.LAST_ACK;
import static org.eccp.engine.FlowState.LISTEN;
import static org.eccp.engine.FlowState.RSYN_RCVD;
import static org.eccp.engine.FlowState.SYN_RCVD;
import static org.eccp.engine.FlowState.SYN_SENT;

import org.eccp.wire.InterfaceList;

/** The rows that open connections and flows (Figures 2 and 3 of the ECCP paper). */
final class OpenRules {
  private OpenRules() {}

  static void register(TransitionTable t) {
    t.row(CLOSED, Trigger.LISTEN, ALWAYS, "none", LISTEN, s -> {});
    t.row(CLOSED, Trigger.CONNECT, ROOM, "pick flowID, nonce and version; send SYN", SYN_SENT,
        OpenRules::connect);
    t.row(CLOSED, Trigger.CONNECT, LIMIT_REACHED, "count the limit", CLOSED, Step::countLimit);
    t.row(CLOSED, Trigger.ADD_FLOW, ROOM, "pick flowID and nonce; send SYN with JOIN", SYN_SENT,
        OpenRules::addFlow);
    t.row(CLOSED, Trigger.ADD_FLOW, LIMIT_REACHED, "count the limit", CLOSED, Step::countLimit);
    t.row(CLOSED, Trigger.SYN, ALWAYS, "send RST, count not_listening", CLOSED,
        OpenRules::refuse);
    t.row(LISTEN, Trigger.SYN, ROOM, "create connection and flow; send SYN-ACK", SYN_RCVD,
        OpenRules::accept);
    t.row(LISTEN, Trigger.SYN, LIMIT_REACHED, "count the limit", LISTEN, Step::countLimit);
    t.row(CLOSED, Trigger.JOIN_SYN, ROOM, "create flow; send SYN-ACK", SYN_RCVD,
        OpenRules::acceptJoin);
    t.row(CLOSED, Trigger.JOIN_SYN, LIMIT_REACHED, "count the limit", CLOSED, Step::countLimit);

    t.row(SYN_SENT, Trigger.SYN_ACK, ACKS_MINE, "store peer; send ACK", ESTABLISHED,
        OpenRules::synAckReceived);
    t.row(SYN_SENT, Trigger.SYN_ACK, ACKS_OTHER, "count stale_ack", SYN_SENT, Rules::staleAck);
    t.row(SYN_SENT, Trigger.NACK, ALWAYS, "resend SYN", SYN_SENT, OpenRules::resendSyn);
    t.row(SYN_SENT, Trigger.RST, NAMES_MINE, "notify FAILED(REFUSED)", CLOSED,
        s -> s.fail(FailureReason.REFUSED));
    t.row(SYN_SENT, Trigger.TIMEOUT, RETRIES_LEFT, "resend SYN", SYN_SENT,
        OpenRules::resendSyn);
    t.row(SYN_SENT, Trigger.TIMEOUT, RETRIES_EXHAUSTED, "notify FAILED(HANDSHAKE_TIMEOUT)",
        CLOSED, s -> s.fail(FailureReason.HANDSHAKE_TIMEOUT));
    t.row(SYN_SENT, Trigger.ADDRESS_LOST, ADDRESS_USABLE, "move to it; resend SYN", SYN_SENT,
        OpenRules::moveSyn);
    t.row(SYN_SENT, Trigger.ADDRESS_LOST, NO_ADDRESS, "notify FAILED(NO_ADDRESS)", CLOSED,
        s -> s.fail(FailureReason.NO_ADDRESS));
    t.row(SYN_SENT, Trigger.CLOSE, ALWAYS, "none", CLOSED, s -> {});

    t.row(SYN_RCVD, Trigger.ACK, ACKS_PEER, "none", ESTABLISHED, s -> {});
    t.row(SYN_RCVD, Trigger.ACK, ACKS_OTHER, "count stale_ack", SYN_RCVD, Rules::staleAck);
    t.row(SYN_RCVD, Trigger.SYN, ALWAYS, "resend SYN-ACK", SYN_RCVD, OpenRules::resendSynAck);
    t.row(SYN_RCVD, Trigger.RSYN, NEWER_VERSION, "take peer address and IList; send RSYN-ACK",
        RSYN_RCVD, MoveRules::acceptRsyn);
    t.row(SYN_RCVD, Trigger.FIN, ALWAYS, "send FIN-ACK", LAST_ACK, CloseRules::acceptFin);
    t.row(SYN_RCVD, Trigger.RST, ALWAYS, "notify FAILED(RESET_BY_PEER)", CLOSED,
        CloseRules::reset);
    t.row(SYN_RCVD, Trigger.TIMEOUT, RETRIES_LEFT, "resend SYN-ACK", SYN_RCVD,
        OpenRules::resendSynAck);
    t.row(SYN_RCVD, Trigger.TIMEOUT, RETRIES_EXHAUSTED, "send RST", CLOSED, Rules::sendRst);
    t.row(SYN_RCVD, Trigger.ADDRESS_LOST, ALWAYS, "none", CLOSED, s -> {});
    t.row(SYN_RCVD, Trigger.CLOSE, ALWAYS, "send FIN", FIN_SENT, CloseRules::sendFin);

    t.row(ESTABLISHED, Trigger.SYN, ALWAYS, "send NACK", ESTABLISHED, OpenRules::nack);
    t.row(ESTABLISHED, Trigger.SYN_ACK, ACKS_MINE, "resend ACK", ESTABLISHED,
        Rules::resendAck);
    t.row(ESTABLISHED, Trigger.SYN_ACK, ACKS_OTHER, "count stale_ack", ESTABLISHED,
        Rules::staleAck);
  }

  /** Active open: the connection and its first flow, SYN with ILIST and SENDER_NONCE. */
  static void connect(Step s) {
    var e = (Event.Connect) s.event;
    Connection c = s.engine.newConnection(true, s.engine.entropy().nextInt());
    if (e.remoteList() != null) {
      c.peerList = e.remoteList();
    }
    s.flow = s.engine.newFlow(c, e.local(), e.remote());
    s.conn = c;
    s.flow.sentVersion = c.localVersion;
    s.result = c.id;
    s.send(Packets.syn(s.flow, s.engine.localList()));
  }

  /** Add-flow: a SYN carrying JOIN and the nonce of an existing flow of the connection. */
  static void addFlow(Step s) {
    var e = (Event.AddFlow) s.event;
    Flow f = s.engine.newFlow(s.conn, e.local(), e.remote());
    f.joinRemoteFlowId = s.joined.remoteFlowId;
    f.joinRemoteNonce = s.joined.remoteNonce;
    f.sentVersion = s.conn.localVersion;
    s.flow = f;
    s.result = Integer.toUnsignedLong(f.localFlowId);
    s.send(Packets.syn(f, s.engine.localList()));
  }

  static void refuse(Step s) {
    s.count(Counter.NOT_LISTENING);
    s.engine.sendRstFor(s, s.packet);
  }

  /** Passive open: a new connection whose responder flow uses the address the policy picks. */
  static void accept(Step s) {
    Connection c = s.engine.newConnection(false, s.engine.entropy().nextInt());
    s.conn = c;
    respond(s, c);
  }

  static void acceptJoin(Step s) {
    respond(s, s.conn);
  }

  private static void respond(Step s, Connection c) {
    LocalAddress local = s.engine.chooseAddress(s.src, null, s.dst);
    Flow f = s.engine.newFlow(c, local == null ? s.dst : local.address(), s.src);
    f.remoteFlowId = s.packet.senderFlowId();
    f.remoteNonce = s.packet.senderNonce();
    f.peerVersion = s.packet.version();
    f.sentVersion = c.localVersion;
    s.engine.indexPeerNonce(f);
    takePeerList(c, s.packet.version(), s.packet.interfaceList(), c.flowIds.size() == 1);
    s.flow = f;
    s.send(Packets.synAck(f, s.engine.localList()));
  }

  static void synAckReceived(Step s) {
    Flow f = s.flow;
    f.remoteFlowId = s.packet.senderFlowId();
    f.remoteNonce = s.packet.senderNonce();
    f.remoteAddress = s.src;
    f.peerVersion = s.packet.version();
    s.engine.indexPeerNonce(f);
    takePeerList(s.conn, s.packet.version(), s.packet.interfaceList(), f.joinRemoteFlowId == 0);
    s.send(Packets.ack(f, s.conn, f.sentVersion));
  }

  /** Replaces the peer's IList when the version is newer, or on the connection's first flow. */
  static void takePeerList(Connection c, int version, InterfaceList list, boolean first) {
    if (first || Versions.isNewer(version, c.peerVersion)) {
      c.peerVersion = version;
      if (list != null) {
        c.peerList = list;
      }
    }
  }

  static void resendSyn(Step s) {
    s.retransmit(Packets.syn(s.flow, s.engine.localList()));
  }

  static void resendSynAck(Step s) {
    s.retransmit(Packets.synAck(s.flow, s.engine.localList()));
  }

  static void moveSyn(Step s) {
    s.flow.localAddress = s.usableAddress().address();
    s.retransmit(Packets.syn(s.flow, s.engine.localList()));
  }

  static void nack(Step s) {
    s.count(Counter.NACK_SENT);
    s.send(Packets.nack(s.flow));
  }
}
