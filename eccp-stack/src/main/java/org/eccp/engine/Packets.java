package org.eccp.engine;

import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;

/**
 * Builds the headers a flow sends. Every packet but a SYN and an RST carries the peer's nonce.
 * A reply (SYN-ACK, RSYN-ACK, FIN-ACK) acknowledges the version of the SYN, RSYN or FIN it
 * replies to. The ACK that ends an RSYN or FIN exchange carries the version of the exchange its
 * sender opened, so both ends name the exchange by the same number. The ACK that ends a
 * handshake carries the version of the SYN-ACK it replies to instead: a responder that moved sent
 * SYN-ACKs with newer versions, and must know that the newest one arrived.
 */
final class Packets {
  private Packets() {}

  private static EccpPacket control(PacketType type, Flow f, long nonce, int version, int ack,
      InterfaceList list, IpAddress newAddress, long senderNonce, int join) {
    return new EccpPacket(type, NextProtocol.NONE, f.localFlowId, f.remoteFlowId, nonce, version,
        ack, list, newAddress, senderNonce, join);
  }

  static EccpPacket syn(Flow f, InterfaceList list) {
    return new EccpPacket(PacketType.SYN, NextProtocol.NONE, f.localFlowId, 0, f.joinRemoteNonce,
        f.sentVersion, 0, list, null, f.localNonce, f.joinRemoteFlowId);
  }

  static EccpPacket synAck(Flow f, InterfaceList list) {
    return control(PacketType.SYN_ACK, f, f.remoteNonce, f.sentVersion, f.peerVersion, list, null,
        f.localNonce, 0);
  }

  /** Builds an ACK whose acknowledged-version field is {@code version}. */
  static EccpPacket ack(Flow f, Connection c, int version) {
    return control(PacketType.ACK, f, f.remoteNonce, c.localVersion, version, null, null, 0, 0);
  }

  static EccpPacket rsyn(Flow f, InterfaceList list) {
    return control(PacketType.RSYN, f, f.remoteNonce, f.sentVersion, 0, list,
        f.rsynCarriesAddress ? f.localAddress : null, 0, 0);
  }

  static EccpPacket rsynAck(Flow f, Connection c) {
    return control(PacketType.RSYN_ACK, f, f.remoteNonce, c.localVersion, f.peerVersion, null,
        null, 0, 0);
  }

  static EccpPacket fin(Flow f) {
    return control(PacketType.FIN, f, f.remoteNonce, f.sentVersion, 0, null, null, 0, 0);
  }

  static EccpPacket finAck(Flow f, Connection c) {
    return control(PacketType.FIN_ACK, f, f.remoteNonce, c.localVersion, f.peerVersion, null,
        null, 0, 0);
  }

  /** Builds an RST for a flow of this host. It carries the sender's own nonce (see RST rules). */
  static EccpPacket rst(Flow f, Connection c) {
    return control(PacketType.RST, f, f.localNonce, c.localVersion, 0, null, null, 0, 0);
  }

  /**
   * Builds the RST of a responder that closes before its handshake is done. It is made like the
   * RST that answers a SYN when no listener exists (nonce 0, the SYN's version), which is what an
   * initiator in SYN_SENT accepts: it does not know the responder's nonce yet.
   */
  static EccpPacket rstToSyn(Flow f) {
    return control(PacketType.RST, f, 0, f.peerVersion, 0, null, null, 0, 0);
  }

  /**
   * Builds the RST in reply to a packet for an unknown flow. It names the sender's flow, copies
   * the nonce the packet carried and repeats the packet's version in its own version field (an
   * RST has no ACK flag, so its acknowledged-version field stays 0). In reply to a SYN, whose
   * receiver flowID is 0, the sender flowID field repeats the SYN's flowID (it is never 0).
   */
  static EccpPacket rstFor(EccpPacket in) {
    int from = in.receiverFlowId() != 0 ? in.receiverFlowId() : in.senderFlowId();
    return new EccpPacket(PacketType.RST, NextProtocol.NONE, from, in.senderFlowId(), in.nonce(),
        in.version(), 0, null, null, 0, 0);
  }

  /** Builds the NACK in reply to a repeated SYN of a flow that is past its handshake. */
  static EccpPacket nack(Flow f) {
    return control(PacketType.NACK, f, f.remoteNonce, 0, 0, null, null, 0, 0);
  }

  static EccpPacket data(Flow f, int nextProtocol) {
    return new EccpPacket(PacketType.DATA, nextProtocol, f.localFlowId, f.remoteFlowId,
        f.remoteNonce, 0, 0, null, null, 0, 0);
  }
}
