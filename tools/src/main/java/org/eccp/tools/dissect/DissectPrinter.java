package org.eccp.tools.dissect;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;
import org.eccp.wire.NextProtocol;
import org.eccp.wire.PacketType;

/**
 * Prints outcomes as text lines or as JSON objects, one per line, and the closing summary.
 * docs/pcap.md describes both formats.
 */
public final class DissectPrinter {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.nnnnnnnnn").withZone(ZoneOffset.UTC);
  /** ISO 8601 in UTC with all nine fractional digits, even when they are zeros. */
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final PrintWriter out;
  private final boolean json;
  private final boolean all;

  /**
   * @param json print JSON objects instead of text
   * @param all print a line for packets that are not ECCP too
   */
  public DissectPrinter(PrintWriter out, boolean json, boolean all) {
    this.out = out;
    this.json = json;
    this.all = all;
  }

  public void print(Outcome outcome) {
    if (outcome instanceof Outcome.Eccp e) {
      out.println(json ? EccpJson.packet(e, isoTime(e.epochNanos())) : text(e));
    } else if (outcome instanceof Outcome.Malformed m) {
      out.println(json ? EccpJson.malformed(m, isoTime(m.epochNanos())) : text(m));
    } else if (all) {
      Outcome.Other o = (Outcome.Other) outcome;
      out.println(json ? EccpJson.other(o, isoTime(o.epochNanos()))
          : o.number() + " " + clock(o.epochNanos()) + " other: " + o.reason());
    }
  }

  /**
   * Prints the summary.
   *
   * @param linkType the capture's link type
   * @param error why reading stopped early, or null when the whole file was read
   */
  public void printSummary(Summary summary, int linkType, String error) {
    if (json) {
      out.println(EccpJson.summary(summary, LinkLayer.name(linkType), error));
      return;
    }
    out.println("summary: " + summary.records() + " records (" + LinkLayer.name(linkType) + "), "
        + summary.eccp() + " ECCP, " + summary.malformed() + " malformed, " + summary.other()
        + " other");
    if (!summary.types().isEmpty()) {
      out.println("  types: " + join(summary.types()));
    }
    if (!summary.problems().isEmpty()) {
      out.println("  problems: " + join(summary.problems()));
    }
    if (error != null) {
      out.println("  stopped early: " + error);
    }
  }

  static String text(Outcome.Eccp e) {
    EccpPacket p = e.packet();
    StringBuilder b = new StringBuilder(160);
    b.append(e.number()).append(' ').append(clock(e.epochNanos())).append(' ')
        .append(endpoint(e.source(), e.sourcePort())).append(" → ")
        .append(endpoint(e.destination(), e.destinationPort())).append(' ')
        .append(typeName(p.type()))
        .append(" sender=").append(hex32(p.senderFlowId()))
        .append(" receiver=").append(hex32(p.receiverFlowId()));
    if (p.type().isControl()) {
      b.append(" version=").append(Integer.toUnsignedString(p.version()));
    }
    if (p.type().acknowledges()) {
      b.append(" ack=").append(Integer.toUnsignedString(p.ackVersion()));
    }
    b.append(" nonce=").append(shortNonce(p.nonce()));
    String extensions = extensionsText(p);
    if (!extensions.isEmpty()) {
      b.append(" ext=").append(extensions);
    }
    b.append(" next=").append(NextProtocol.name(p.nextProtocol()))
        .append(" payload=").append(e.payloadLength());
    return b.toString();
  }

  static String text(Outcome.Malformed m) {
    String where = m.source() == null ? clock(m.epochNanos())
        : clock(m.epochNanos()) + " " + endpoint(m.source(), m.sourcePort()) + " → "
            + endpoint(m.destination(), m.destinationPort());
    return "packet " + m.number() + ": " + m.message() + " (" + where + ")";
  }

  private static String extensionsText(EccpPacket p) {
    StringBuilder b = new StringBuilder();
    if (p.interfaceList() != null) {
      b.append("ILIST(");
      String sep = "";
      for (InterfaceList.Entry entry : p.interfaceList().entries()) {
        b.append(sep).append(AddressText.format(entry.address())).append(" pref ")
            .append(entry.preference());
        sep = ", ";
      }
      b.append(')');
    }
    if (p.newAddress() != null) {
      b.append(b.length() > 0 ? "," : "").append("NEW_ADDRESS(")
          .append(AddressText.format(p.newAddress())).append(')');
    }
    if (p.senderNonce() != 0) {
      b.append(b.length() > 0 ? "," : "").append("SENDER_NONCE(")
          .append(shortNonce(p.senderNonce())).append(')');
    }
    if (p.join() != 0) {
      b.append(b.length() > 0 ? "," : "").append("JOIN(").append(hex32(p.join())).append(')');
    }
    return b.toString();
  }

  /** Returns the type as docs/protocol.md writes it, such as SYN-ACK. */
  static String typeName(PacketType type) {
    return type.name().replace('_', '-');
  }

  static String endpoint(IpAddress address, int port) {
    if (port < 0) {
      return AddressText.format(address);
    }
    return address.isV6() ? "[" + AddressText.format(address) + "]:" + port
        : AddressText.format(address) + ":" + port;
  }

  static String hex32(int value) {
    return HEX.toHexDigits(value);
  }

  static String hex64(long value) {
    return HEX.toHexDigits(value);
  }

  /** Returns the first 4 hex digits of a nonce and an ellipsis; enough to tell nonces apart by eye. */
  static String shortNonce(long nonce) {
    return hex64(nonce).substring(0, 4) + "…";
  }

  static String clock(long epochNanos) {
    return CLOCK.format(instant(epochNanos));
  }

  static String isoTime(long epochNanos) {
    return ISO.format(instant(epochNanos));
  }

  private static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L));
  }

  private static String join(Map<?, Long> counts) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<?, Long> entry : counts.entrySet()) {
      String name = entry.getKey() instanceof PacketType t ? typeName(t) : entry.getKey().toString();
      b.append(b.length() > 0 ? ", " : "").append(name).append(' ').append(entry.getValue());
    }
    return b.toString();
  }
}
