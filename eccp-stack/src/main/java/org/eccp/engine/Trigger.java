package org.eccp.engine;

import org.eccp.wire.PacketType;

/** The events of the state table, named as in the table of docs/protocol.md. */
public enum Trigger {
  CONNECT("connect"),
  LISTEN("listen"),
  ADD_FLOW("add flow"),
  CLOSE("close"),
  SYN("SYN"),
  JOIN_SYN("SYN with JOIN"),
  SYN_ACK("SYN-ACK"),
  ACK("ACK"),
  RSYN("RSYN"),
  RSYN_ACK("RSYN-ACK"),
  FIN("FIN"),
  FIN_ACK("FIN-ACK"),
  RST("RST"),
  NACK("NACK"),
  ADDRESS_LOST("address lost"),
  ADDRESS_ADDED("address added"),
  ILIST_CHANGED("IList changed"),
  TIMEOUT("timeout");

  private final String label;

  Trigger(String label) {
    this.label = label;
  }

  /** Returns the name used in the table. */
  public String label() {
    return label;
  }

  /** Returns the trigger of a received packet: DATA-ACK maps to ACK, DATA to null. */
  static Trigger of(PacketType type) {
    return switch (type) {
      case SYN -> SYN;
      case SYN_ACK -> SYN_ACK;
      case ACK, DATA_ACK -> ACK;
      case RSYN -> RSYN;
      case RSYN_ACK -> RSYN_ACK;
      case FIN -> FIN;
      case FIN_ACK -> FIN_ACK;
      case RST -> RST;
      case NACK -> NACK;
      case DATA -> null;
    };
  }

  public static Trigger byLabel(String label) {
    for (Trigger t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no event named '" + label + "'");
  }
}
