package org.eccp.tools.dissect;

import java.util.Map;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;

/** The JSON form of dissect's lines; docs/pcap.md lists the fields. */
final class EccpJson {
  private EccpJson() {}

  static String packet(Outcome.Eccp e, String time) {
    EccpPacket p = e.packet();
    JsonLine j = new JsonLine().beginObject().field("number", e.number()).field("time", time);
    addresses(j, e.source(), e.sourcePort(), e.destination(), e.destinationPort());
    j.field("type", DissectPrinter.typeName(p.type()))
        .field("sender_flow_id", DissectPrinter.hex32(p.senderFlowId()))
        .field("receiver_flow_id", DissectPrinter.hex32(p.receiverFlowId()));
    if (p.type().isControl()) {
      j.field("version", Integer.toUnsignedLong(p.version()));
    }
    if (p.type().acknowledges()) {
      j.field("ack_version", Integer.toUnsignedLong(p.ackVersion()));
    }
    j.field("nonce", DissectPrinter.hex64(p.nonce()))
        .field("next_protocol", NextProtocol.name(p.nextProtocol()));
    extensions(j, p);
    return j.field("header_length", e.headerLength()).field("payload_length", e.payloadLength())
        .endObject().toString();
  }

  static String malformed(Outcome.Malformed m, String time) {
    JsonLine j = new JsonLine().beginObject().field("number", m.number()).field("time", time);
    if (m.source() != null) {
      addresses(j, m.source(), m.sourcePort(), m.destination(), m.destinationPort());
    }
    return j.field("problem", m.problem()).field("message", m.message()).endObject().toString();
  }

  static String other(Outcome.Other o, String time) {
    return new JsonLine().beginObject().field("number", o.number()).field("time", time)
        .field("other", true).field("reason", o.reason()).endObject().toString();
  }

  static String summary(Summary s, String linkType, String error) {
    JsonLine j = new JsonLine().beginObject().field("summary", true).field("link_type", linkType)
        .field("records", s.records()).field("eccp", s.eccp()).field("malformed", s.malformed())
        .field("other", s.other()).beginObject("types");
    for (Map.Entry<PacketType, Long> entry : s.types().entrySet()) {
      j.field(DissectPrinter.typeName(entry.getKey()), entry.getValue());
    }
    j.endObject().beginObject("problems");
    for (Map.Entry<String, Long> entry : s.problems().entrySet()) {
      j.field(entry.getKey(), entry.getValue());
    }
    j.endObject();
    if (error != null) {
      j.field("error", error);
    }
    return j.endObject().toString();
  }

  private static void addresses(JsonLine j, IpAddress source, int sourcePort,
      IpAddress destination, int destinationPort) {
    j.field("src", AddressText.format(source))
        .field("dst", AddressText.format(destination))
        .field("transport", sourcePort < 0 ? "ip" : "udp");
    if (sourcePort >= 0) {
      j.field("src_port", sourcePort).field("dst_port", destinationPort);
    }
  }

  private static void extensions(JsonLine j, EccpPacket p) {
    j.beginArray("extensions");
    if (p.interfaceList() != null) {
      j.beginObject().field("type", "ILIST").beginArray("entries");
      for (InterfaceList.Entry entry : p.interfaceList().entries()) {
        j.beginObject().field("address", AddressText.format(entry.address()))
            .field("preference", entry.preference()).endObject();
      }
      j.endArray().endObject();
    }
    if (p.newAddress() != null) {
      j.beginObject().field("type", "NEW_ADDRESS")
          .field("address", AddressText.format(p.newAddress()))
          .endObject();
    }
    if (p.senderNonce() != 0) {
      j.beginObject().field("type", "SENDER_NONCE")
          .field("nonce", DissectPrinter.hex64(p.senderNonce())).endObject();
    }
    if (p.join() != 0) {
      j.beginObject().field("type", "JOIN").field("flow_id", DissectPrinter.hex32(p.join()))
          .endObject();
    }
    j.endArray();
  }
}
