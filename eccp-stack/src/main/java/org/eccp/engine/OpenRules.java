package org.eccp.engine;

import static org.eccp.engine.Condition.ACKS_MINE;
import static org.eccp.engine.Condition.ACKS_OTHER;
import static org.eccp.engine.Condition.ADDRESS_USABLE;
import static org.eccp.engine.Condition.ALWAYS;
import static org.eccp.engine.Condition.LIMIT_REACHED;
import static org.eccp.engine.Condition.MOVED;
import static org.eccp.engine.Condition.NAMES_MINE;
import static org.eccp.engine.Condition.NEWER_VERSION;
import static org.eccp.engine.Condition.NEWER_ACKS_MINE;
import static org.eccp.engine.Condition.NEWER_MOVED;
import static org.eccp.engine.Condition.NO_ADDRESS;
import static org.eccp.engine.Condition.OLDER_VERSION;
import static org.eccp.engine.Condition.RETRIES_EXHAUSTED;
import static org.eccp.engine.Condition.RETRIES_LEFT;
import static org.eccp.engine.Condition.ROOM;
import static org.eccp.engine.Condition.SAME_VERSION;
import static org.eccp.engine.FlowState.CLOSED;
import static org.eccp.engine.FlowState.ESTABLISHED;
import static org.eccp.engine.FlowState.FIN_SENT;
import static org.eccp.engine.FlowState.LAST_ACK;
import static org.eccp.engine.FlowState.LISTEN;
import static org.eccp.engine.FlowState.NOADDRESS_SYN_RCVD;
import static org.eccp.engine.FlowState.RSYN_RCVD;
import static org.eccp.engine.FlowState.RSYN_SENT_RCVD;
import static org.eccp.engine.FlowState.SYN_RCVD;
import static org.eccp.engine.FlowState.SYN_SENT;

import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;

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
    t.row(SYN_SENT, Trigger.ADDRESS_LOST, ADDRESS_USABLE, "version++, move to it; send SYN",
        SYN_SENT, OpenRules::moveSyn);
    t.row(SYN_SENT, Trigger.ADDRESS_LOST, NO_ADDRESS, "notify FAILED(NO_ADDRESS)", CLOSED,
        s -> s.fail(FailureReason.NO_ADDRESS));
    t.row(SYN_SENT, Trigger.CLOSE, ALWAYS, "none", CLOSED, s -> {});

    registerResponder(t);

    t.row(ESTABLISHED, Trigger.SYN, ALWAYS, "send NACK", ESTABLISHED, OpenRules::nack);
    // A close may start before the moved responder's SYN-ACK arrives: FIN_SENT takes it too, or
    // its FIN goes to an address the responder has left.
    for (FlowState s : new FlowState[] {ESTABLISHED, FIN_SENT}) {
      t.row(s, Trigger.SYN_ACK, NEWER_ACKS_MINE, "take source address and IList; resend ACK", s,
          OpenRules::synAckMoved);
      t.row(s, Trigger.SYN_ACK, ACKS_MINE, "resend ACK", s, OpenRules::resendHandshakeAck);
      t.row(s, Trigger.SYN_ACK, ACKS_OTHER, "count stale_ack", s, Rules::staleAck);
    }
  }

  /** Adds the rows of a responder flow whose handshake is not finished. */
  private static void registerResponder(TransitionTable t) {
    // Only an ACK of the current SYN-ACK: after a move, an ACK of an older one does not tell
    // that the initiator has the new address.
    t.row(SYN_RCVD, Trigger.ACK, ACKS_MINE, "none", ESTABLISHED,
        s -> s.flow.rsynCarriesAddress = false);
    t.row(SYN_RCVD, Trigger.ACK, ACKS_OTHER, "count stale_ack", SYN_RCVD, Rules::staleAck);
    t.row(SYN_RCVD, Trigger.SYN, NEWER_VERSION, "take source address and IList; send SYN-ACK",
        SYN_RCVD, OpenRules::synMoved);
    t.row(SYN_RCVD, Trigger.SYN, SAME_VERSION, "resend SYN-ACK", SYN_RCVD,
        OpenRules::resendSynAck);
    t.row(SYN_RCVD, Trigger.SYN, OLDER_VERSION, "count stale_version", SYN_RCVD,
        s -> s.count(Counter.STALE_VERSION));
    t.row(SYN_RCVD, Trigger.RSYN, NEWER_MOVED,
        "take peer address and IList; send RSYN-ACK and RSYN", RSYN_SENT_RCVD,
        OpenRules::acceptRsynAfterMove);
    t.row(SYN_RCVD, Trigger.RSYN, NEWER_VERSION, "take peer address and IList; send RSYN-ACK",
        RSYN_RCVD, MoveRules::acceptRsyn);
    // A responder that moved takes no FIN until its SYN-ACK is acknowledged, as RSYN_SENT does:
    // LAST_ACK would stop resending the SYN-ACK, and the initiator could keep the old address.
    t.row(SYN_RCVD, Trigger.FIN, MOVED, "count fin_deferred", SYN_RCVD,
        s -> s.count(Counter.FIN_DEFERRED));
    t.row(SYN_RCVD, Trigger.FIN, ALWAYS, "send FIN-ACK", LAST_ACK, CloseRules::acceptFin);
    t.row(SYN_RCVD, Trigger.RST, ALWAYS, "notify FAILED(RESET_BY_PEER)", CLOSED,
        CloseRules::reset);
    t.row(SYN_RCVD, Trigger.TIMEOUT, RETRIES_LEFT, "resend SYN-ACK", SYN_RCVD,
        OpenRules::resendSynAck);
    t.row(SYN_RCVD, Trigger.TIMEOUT, RETRIES_EXHAUSTED, "send RST", CLOSED, Rules::sendRst);
    t.row(SYN_RCVD, Trigger.ADDRESS_LOST, ADDRESS_USABLE, "version++, move to it; send SYN-ACK",
        SYN_RCVD, OpenRules::moveSynAck);
    t.row(SYN_RCVD, Trigger.ADDRESS_LOST, NO_ADDRESS, "none", NOADDRESS_SYN_RCVD, s -> {});
    t.row(SYN_RCVD, Trigger.CLOSE, ALWAYS, "send RST", CLOSED, OpenRules::closeHalfOpen);

    t.row(NOADDRESS_SYN_RCVD, Trigger.ADDRESS_ADDED, ADDRESS_USABLE,
        "version++, move to it; send SYN-ACK", SYN_RCVD, OpenRules::moveSynAck);
    t.row(NOADDRESS_SYN_RCVD, Trigger.TIMEOUT, ALWAYS, "none", CLOSED, s -> {});
    t.row(NOADDRESS_SYN_RCVD, Trigger.CLOSE, ALWAYS, "none", CLOSED, s -> {});
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
    s.send(Packets.ack(f, s.conn, f.peerVersion));
  }

  /**
   * Resends the ACK of the handshake because the responder repeated its SYN-ACK. The ACK names
   * the newest SYN-ACK version this flow took, which is the one the responder waits for.
   */
  static void resendHandshakeAck(Step s) {
    s.retransmit(Packets.ack(s.flow, s.conn, s.flow.peerVersion));
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

  /**
   * The initiator moves its SYN to another address with a new version, so that the responder can
   * tell the newest SYN from older copies and answer its source.
   */
  static void moveSyn(Step s) {
    s.flow.localAddress = s.usableAddress().address();
    s.newVersion();
    s.send(Packets.syn(s.flow, s.engine.localList()));
    s.restartTimer();
  }

  /**
   * The responder moves its half-open flow to another address with a new version and answers
   * from there. The initiator may already be ESTABLISHED (its ACK was lost); the newer version
   * lets it take the new source address.
   */
  static void moveSynAck(Step s) {
    s.flow.localAddress = s.usableAddress().address();
    s.flow.rsynCarriesAddress = true;
    s.newVersion();
    s.send(Packets.synAck(s.flow, s.engine.localList()));
    s.restartTimer();
  }

  /**
   * Takes the initiator's RSYN at a responder that moved during its handshake. The initiator
   * finished its side but may not know the new address, so this flow announces it with an RSYN.
   */
  static void acceptRsynAfterMove(Step s) {
    MoveRules.acceptRsyn(s);
    s.send(Packets.rsyn(s.flow, s.engine.localList()));
  }

  /** A newer SYN of the same initiator flow: it moved during its handshake. Answer its source. */
  static void synMoved(Step s) {
    Flow f = s.flow;
    int v = s.packet.version();
    f.peerVersion = v;
    f.remoteAddress = s.src;
    takePeerList(s.conn, v, s.packet.interfaceList(), false);
    s.send(Packets.synAck(f, s.engine.localList()));
    s.restartTimer();
  }

  /** A SYN-ACK with a newer version: the responder moved before it got this flow's ACK. */
  static void synAckMoved(Step s) {
    Flow f = s.flow;
    int v = s.packet.version();
    IpAddress old = f.remoteAddress;
    f.peerVersion = v;
    f.remoteAddress = s.src;
    takePeerList(s.conn, v, s.packet.interfaceList(), false);
    if (!s.src.equals(old)) {
      s.engine.logMigration(f, "peer", v);
      s.notify(new ConnectionEvent.FlowMigrated(f.connectionId, f.localFlowId, f.localAddress,
          old, f.localAddress, s.src, v));
    }
    s.retransmit(Packets.ack(f, s.conn, v));
  }

  static void nack(Step s) {
    s.count(Counter.NACK_SENT);
    s.send(Packets.nack(s.flow));
  }

  /**
   * Closes a flow before its handshake is done with an RST the initiator accepts in SYN_SENT. A
   * FIN would not do: the initiator may still wait for the SYN-ACK, and SYN_SENT takes no FIN.
   */
  static void closeHalfOpen(Step s) {
    s.count(Counter.RST_SENT);
    s.send(Packets.rstToSyn(s.flow));
  }
}
