package org.eccp.engine;

import static org.eccp.engine.Condition.ACKS_MINE;
import static org.eccp.engine.Condition.ACKS_OTHER;
import static org.eccp.engine.Condition.ACKS_PEER;
import static org.eccp.engine.Condition.ADDRESS_USABLE;
import static org.eccp.engine.Condition.ALWAYS;
import static org.eccp.engine.Condition.NEWER_VERSION;
import static org.eccp.engine.Condition.NO_ADDRESS;
import static org.eccp.engine.Condition.OLDER_VERSION;
import static org.eccp.engine.Condition.RETRIES_EXHAUSTED;
import static org.eccp.engine.Condition.RETRIES_LEFT;
import static org.eccp.engine.Condition.SAME_VERSION;
import static org.eccp.engine.FlowState.CLOSED;
import static org.eccp.engine.FlowState.ESTABLISHED;
import static org.eccp.engine.FlowState.NOADDRESS;
import static org.eccp.engine.FlowState.NOADDRESS_RSYN_RCVD;
import static org.eccp.engine.FlowState.RSYN_RCVD;
import static org.eccp.engine.FlowState.RSYN_SENT;
import static org.eccp.engine.FlowState.RSYN_SENT_RCVD;

import org.eccp.wire.IpAddress;

/** The rows that move flows between addresses and replace ILists (Figure 4 of the ECCP paper). */
final class MoveRules {
  private MoveRules() {}

  private static final String ACCEPT = "take peer address and IList; send RSYN-ACK";
  private static final String MOVE = "version++, move to it; send RSYN";

  static void register(TransitionTable t) {
    rsynRows(t, ESTABLISHED, RSYN_RCVD);
    t.row(ESTABLISHED, Trigger.RSYN_ACK, ACKS_MINE, "resend ACK", ESTABLISHED, Rules::resendAck);
    t.row(ESTABLISHED, Trigger.RSYN_ACK, ACKS_OTHER, "count stale_ack", ESTABLISHED,
        Rules::staleAck);
    t.row(ESTABLISHED, Trigger.ADDRESS_LOST, ADDRESS_USABLE, MOVE, RSYN_SENT, MoveRules::move);
    t.row(ESTABLISHED, Trigger.ADDRESS_LOST, NO_ADDRESS, "none", NOADDRESS, s -> {});
    t.row(ESTABLISHED, Trigger.ADDRESS_ADDED, ADDRESS_USABLE, MOVE, RSYN_SENT, MoveRules::move);
    t.row(ESTABLISHED, Trigger.ILIST_CHANGED, ALWAYS, "version++; send RSYN (IList only)",
        RSYN_SENT, MoveRules::announceList);

    t.row(NOADDRESS, Trigger.ADDRESS_ADDED, ADDRESS_USABLE, MOVE, RSYN_SENT, MoveRules::move);
    t.row(NOADDRESS, Trigger.TIMEOUT, ALWAYS, "notify FAILED(NO_ADDRESS_TIMEOUT)", CLOSED,
        s -> s.fail(FailureReason.NO_ADDRESS_TIMEOUT));
    t.row(NOADDRESS, Trigger.CLOSE, ALWAYS, "none", CLOSED, s -> {});

    registerSent(t);
    registerReceived(t);
  }

  /** Adds the rows of a host whose own RSYN is outstanding. */
  private static void registerSent(TransitionTable t) {
    t.row(RSYN_SENT, Trigger.RSYN_ACK, ACKS_MINE, "send ACK", ESTABLISHED, MoveRules::rsynAcked);
    t.row(RSYN_SENT, Trigger.RSYN_ACK, ACKS_OTHER, "count stale_ack", RSYN_SENT,
        Rules::staleAck);
    rsynRows(t, RSYN_SENT, RSYN_SENT_RCVD);
    t.row(RSYN_SENT, Trigger.ADDRESS_LOST, ADDRESS_USABLE, MOVE, RSYN_SENT, MoveRules::move);
    t.row(RSYN_SENT, Trigger.ADDRESS_LOST, NO_ADDRESS, "none", NOADDRESS, s -> {});
    t.row(RSYN_SENT, Trigger.ADDRESS_ADDED, ADDRESS_USABLE, MOVE, RSYN_SENT, MoveRules::move);
    t.row(RSYN_SENT, Trigger.ILIST_CHANGED, ALWAYS, "version++; send RSYN", RSYN_SENT,
        MoveRules::announceList);
    t.row(RSYN_SENT, Trigger.TIMEOUT, RETRIES_LEFT, "resend RSYN", RSYN_SENT,
        MoveRules::resendRsyn);
    t.row(RSYN_SENT, Trigger.TIMEOUT, RETRIES_EXHAUSTED, "notify FAILED(MIGRATION_TIMEOUT)",
        CLOSED, s -> s.fail(FailureReason.MIGRATION_TIMEOUT));

  }

  /** Adds the rows of a host that took the peer's RSYN and waits for its ACK. */
  private static void registerReceived(TransitionTable t) {
    t.row(RSYN_RCVD, Trigger.ACK, ACKS_PEER, "none", ESTABLISHED, s -> {});
    t.row(RSYN_RCVD, Trigger.ACK, ACKS_OTHER, "count stale_ack", RSYN_RCVD, Rules::staleAck);
    rsynRows(t, RSYN_RCVD, RSYN_RCVD);
    t.row(RSYN_RCVD, Trigger.RSYN_ACK, ACKS_MINE, "resend ACK", RSYN_RCVD, Rules::resendAck);
    t.row(RSYN_RCVD, Trigger.ADDRESS_LOST, ADDRESS_USABLE, MOVE, RSYN_SENT_RCVD,
        MoveRules::move);
    t.row(RSYN_RCVD, Trigger.ADDRESS_LOST, NO_ADDRESS, "none", NOADDRESS_RSYN_RCVD, s -> {});
    t.row(RSYN_RCVD, Trigger.ILIST_CHANGED, ALWAYS, "version++; send RSYN (IList only)",
        RSYN_SENT_RCVD, MoveRules::announceList);
    t.row(RSYN_RCVD, Trigger.TIMEOUT, RETRIES_LEFT, "resend RSYN-ACK", RSYN_RCVD,
        MoveRules::resendRsynAck);
    t.row(RSYN_RCVD, Trigger.TIMEOUT, RETRIES_EXHAUSTED, "none", ESTABLISHED, s -> {});

    t.row(NOADDRESS_RSYN_RCVD, Trigger.ADDRESS_ADDED, ADDRESS_USABLE,
        "version++, move to it; send RSYN and RSYN-ACK", RSYN_SENT_RCVD, MoveRules::moveAndAnswer);
    t.row(NOADDRESS_RSYN_RCVD, Trigger.TIMEOUT, ALWAYS, "notify FAILED(NO_ADDRESS_TIMEOUT)",
        CLOSED, s -> s.fail(FailureReason.NO_ADDRESS_TIMEOUT));
    t.row(NOADDRESS_RSYN_RCVD, Trigger.CLOSE, ALWAYS, "none", CLOSED, s -> {});

    t.row(RSYN_SENT_RCVD, Trigger.ACK, ACKS_PEER, "none", RSYN_SENT, s -> {});
    t.row(RSYN_SENT_RCVD, Trigger.ACK, ACKS_OTHER, "count stale_ack", RSYN_SENT_RCVD,
        Rules::staleAck);
    t.row(RSYN_SENT_RCVD, Trigger.RSYN_ACK, ACKS_MINE, "send ACK", RSYN_RCVD,
        MoveRules::rsynAcked);
    t.row(RSYN_SENT_RCVD, Trigger.RSYN_ACK, ACKS_OTHER, "count stale_ack", RSYN_SENT_RCVD,
        Rules::staleAck);
    rsynRows(t, RSYN_SENT_RCVD, RSYN_SENT_RCVD);
    t.row(RSYN_SENT_RCVD, Trigger.ADDRESS_LOST, ADDRESS_USABLE, MOVE, RSYN_SENT_RCVD,
        MoveRules::move);
    t.row(RSYN_SENT_RCVD, Trigger.ADDRESS_LOST, NO_ADDRESS, "none", NOADDRESS_RSYN_RCVD,
        s -> {});
    t.row(RSYN_SENT_RCVD, Trigger.ILIST_CHANGED, ALWAYS, "version++; send RSYN",
        RSYN_SENT_RCVD, MoveRules::announceList);
    t.row(RSYN_SENT_RCVD, Trigger.TIMEOUT, RETRIES_LEFT, "resend RSYN and RSYN-ACK",
        RSYN_SENT_RCVD, MoveRules::resendBoth);
    t.row(RSYN_SENT_RCVD, Trigger.TIMEOUT, RETRIES_EXHAUSTED,
        "notify FAILED(MIGRATION_TIMEOUT)", CLOSED,
        s -> s.fail(FailureReason.MIGRATION_TIMEOUT));
  }

  /** Adds the three RSYN rows (newer, same, older version) of a state that takes peer RSYNs. */
  private static void rsynRows(TransitionTable t, FlowState state, FlowState onNew) {
    t.row(state, Trigger.RSYN, NEWER_VERSION, ACCEPT, onNew, MoveRules::acceptRsyn);
    t.row(state, Trigger.RSYN, SAME_VERSION, "resend RSYN-ACK", state,
        MoveRules::resendRsynAck);
    t.row(state, Trigger.RSYN, OLDER_VERSION, "count stale_version", state,
        s -> s.count(Counter.STALE_VERSION));
  }

  /**
   * Adopts a newer RSYN's address (when it names one) and IList, and replies with an RSYN-ACK. A
   * NEW_ADDRESS of the other family moves this end too, to the address the RSYN was sent to,
   * which the validity checks made sure is one of this host's.
   */
  static void acceptRsyn(Step s) {
    Flow f = s.flow;
    int v = s.packet.version();
    f.peerVersion = v;
    OpenRules.takePeerList(s.conn, v, s.packet.interfaceList(), false);
    IpAddress to = s.packet.newAddress();
    IpAddress oldLocal = f.localAddress;
    IpAddress old = f.remoteAddress;
    if (to != null && !to.equals(f.remoteAddress) && followFamily(s, to)) {
      f.remoteAddress = to;
      s.engine.logMigration(f, "peer", v);
      s.notify(new ConnectionEvent.FlowMigrated(f.connectionId, f.localFlowId, oldLocal,
          old, f.localAddress, to, v));
    }
    s.count(Counter.MIGRATIONS_ACCEPTED);
    s.send(Packets.rsynAck(f, s.conn));
    s.restartTimer();
  }

  /**
   * Rebinds the flow's local address to the RSYN's destination when NEW_ADDRESS {@code to} is of
   * the other family; returns false, changing nothing, when the destination is not of that
   * family either, because no local address could then reach {@code to}.
   */
  private static boolean followFamily(Step s, IpAddress to) {
    Flow f = s.flow;
    if (f.localAddress == null || f.localAddress.isV6() == to.isV6()) {
      return true;
    }
    if (s.dst == null || s.dst.isV6() != to.isV6()) {
      return false;
    }
    f.localAddress = s.dst;
    return true;
  }

  /**
   * This host moves the flow to the address the policy picks, with a new version. A move to the
   * other family also moves the remote end to the peer's IList address of that family.
   */
  static void move(Step s) {
    Flow f = s.flow;
    IpAddress old = f.localAddress;
    IpAddress oldRemote = f.remoteAddress;
    f.localAddress = s.usableAddress().address();
    f.remoteAddress = s.usableRemote();
    f.rsynCarriesAddress = true;
    s.newVersion();
    s.count(Counter.MIGRATIONS_STARTED);
    s.engine.announcedConnections().add(s.conn.id);
    s.engine.logMigration(f, "local", f.sentVersion);
    s.notify(new ConnectionEvent.FlowMigrated(f.connectionId, f.localFlowId, old,
        oldRemote, f.localAddress, f.remoteAddress, f.sentVersion));
    s.send(Packets.rsyn(f, s.engine.localList()));
    s.restartTimer();
  }

  static void moveAndAnswer(Step s) {
    move(s);
    s.send(Packets.rsynAck(s.flow, s.conn));
  }

  /** Sends an RSYN with only the ILIST: the IList changed but the flow's address did not. */
  static void announceList(Step s) {
    s.newVersion();
    s.engine.announcedConnections().add(s.conn.id);
    s.send(Packets.rsyn(s.flow, s.engine.localList()));
    s.restartTimer();
  }

  static void rsynAcked(Step s) {
    s.flow.rsynCarriesAddress = false;
    s.send(Packets.ack(s.flow, s.conn, s.flow.sentVersion));
  }

  static void resendRsyn(Step s) {
    s.retransmit(Packets.rsyn(s.flow, s.engine.localList()));
  }

  static void resendRsynAck(Step s) {
    s.retransmit(Packets.rsynAck(s.flow, s.conn));
  }

  static void resendBoth(Step s) {
    resendRsyn(s);
    resendRsynAck(s);
  }
}
