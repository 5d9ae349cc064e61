package org.eccp.tools.dissect;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eccp.tools.json.Json;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;

/** The JSON form of dissect's lines, one object per line; docs/pcap.md lists the fields. */
final class EccpJson {
  /** Line breaks and the indentation after them that {@link Json#write} lays out. */
  private static final Pattern BREAK_AFTER_COMMA = Pattern.compile(",\n *");
  private static final Pattern BREAK = Pattern.compile("\n *");

  private EccpJson() {}

  static String packet(Outcome.Eccp e, String time) {
    EccpPacket p = e.packet();
    Map<String, Object> j = start(e.number(), time);
    addresses(j, e.source(), e.sourcePort(), e.destination(), e.destinationPort());
    j.put("type", DissectPrinter.typeName(p.type()));
    j.put("sender_flow_id", DissectPrinter.hex32(p.senderFlowId()));
    j.put("receiver_flow_id", DissectPrinter.hex32(p.receiverFlowId()));
    if (p.type().isControl()) {
      j.put("version", Integer.toUnsignedLong(p.version()));
    }
    if (p.type().acknowledges()) {
      j.put("ack_version", Integer.toUnsignedLong(p.ackVersion()));
    }
    j.put("nonce", DissectPrinter.hex64(p.nonce()));
    j.put("next_protocol", NextProtocol.name(p.nextProtocol()));
    j.put("extensions", extensions(p));
    j.put("header_length", e.headerLength());
    j.put("payload_length", e.payloadLength());
    return line(j);
  }

  static String malformed(Outcome.Malformed m, String time) {
    Map<String, Object> j = start(m.number(), time);
    if (m.source() != null) {
      addresses(j, m.source(), m.sourcePort(), m.destination(), m.destinationPort());
    }
    j.put("problem", m.problem());
    j.put("message", m.message());
    return line(j);
  }

  static String other(Outcome.Other o, String time) {
    Map<String, Object> j = start(o.number(), time);
    j.put("other", true);
    j.put("reason", o.reason());
    return line(j);
  }

  static String summary(Summary s, String linkType, String error) {
    Map<String, Object> j = Json.object();
    j.put("summary", true);
    j.put("link_type", linkType);
    j.put("records", s.records());
    j.put("eccp", s.eccp());
    j.put("malformed", s.malformed());
    j.put("other", s.other());
    Map<String, Object> types = Json.object();
    for (Map.Entry<PacketType, Long> entry : s.types().entrySet()) {
      types.put(DissectPrinter.typeName(entry.getKey()), entry.getValue());
    }
    j.put("types", types);
    j.put("problems", s.problems());
    if (error != null) {
      j.put("error", error);
    }
    return line(j);
  }

  /**
   * Writes a value on one line, with a space after each comma and colon. {@link Json#write}
   * escapes line breaks inside strings, so every line break in its output is layout.
   */
  static String line(Object value) {
    String text = BREAK_AFTER_COMMA.matcher(Json.write(value)).replaceAll(", ");
    return BREAK.matcher(text).replaceAll("");
  }

  private static Map<String, Object> start(long number, String time) {
    Map<String, Object> j = Json.object();
    j.put("number", number);
    j.put("time", time);
    return j;
  }

  private static void addresses(Map<String, Object> j, IpAddress source, int sourcePort,
      IpAddress destination, int destinationPort) {
    j.put("src", AddressText.format(source));
    j.put("dst", AddressText.format(destination));
    j.put("transport", sourcePort < 0 ? "ip" : "udp");
    if (sourcePort >= 0) {
      j.put("src_port", sourcePort);
      j.put("dst_port", destinationPort);
    }
  }

  private static List<Object> extensions(EccpPacket p) {
    List<Object> list = Json.array();
    if (p.interfaceList() != null) {
      List<Object> entries = Json.array();
      for (InterfaceList.Entry entry : p.interfaceList().entries()) {
        Map<String, Object> e = Json.object();
        e.put("address", AddressText.format(entry.address()));
        e.put("preference", entry.preference());
        entries.add(e);
      }
      list.add(extension("ILIST", "entries", entries));
    }
    if (p.newAddress() != null) {
      list.add(extension("NEW_ADDRESS", "address", AddressText.format(p.newAddress())));
    }
    if (p.senderNonce() != 0) {
      list.add(extension("SENDER_NONCE", "nonce", DissectPrinter.hex64(p.senderNonce())));
    }
    if (p.join() != 0) {
      list.add(extension("JOIN", "flow_id", DissectPrinter.hex32(p.join())));
    }
    return list;
  }

  private static Map<String, Object> extension(String type, String name, Object value) {
    Map<String, Object> e = Json.object();
    e.put("type", type);
    e.put(name, value);
    return e;
  }
}
