package org.eccp.wire;

import static org.eccp.wire.NetworkBytes.put32;
import static org.eccp.wire.NetworkBytes.put64;
import static org.eccp.wire.NetworkBytes.put8;
import static org.eccp.wire.NetworkBytes.u8;

import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Converts between {@link EccpHeader} views and {@link EccpPacket} values.
 *
 * <p>Extensions are written in type order (ILIST, NEW_ADDRESS, SENDER_NONCE, JOIN) and the header
 * is padded with PAD bytes to a multiple of 4. That is the canonical form: parsing it and writing
 * the value again gives the same bytes. Other orders parse to the same value.
 */
final class PacketCodec {
  private PacketCodec() {}

  static EccpPacket read(EccpHeader h) {
    PacketType type = h.type();
    boolean control = type.isControl();
    return new EccpPacket(type, h.nextProtocol(), h.senderFlowId(), h.receiverFlowId(), h.nonce(),
        control ? h.connectionVersion() : 0,
        type.acknowledges() ? h.ackVersion() : 0,
        h.interfaceList(), h.newAddress(), h.senderNonce(), h.join());
  }

  static InterfaceList readInterfaceList(BytesStore<?, ?> store, long tlv) {
    long at = tlv + Extension.TLV_HEADER_LENGTH;
    long end = tlv + u8(store, tlv + 1);
    List<InterfaceList.Entry> entries = new ArrayList<>();
    while (at < end) {
      boolean v6 = u8(store, at) == Extension.FAMILY_V6;
      int preference = u8(store, at + 1);
      entries.add(new InterfaceList.Entry(NetworkBytes.address(store, at + 2, v6), preference));
      at += v6 ? Extension.ILIST_ENTRY_V6_LENGTH : Extension.ILIST_ENTRY_V4_LENGTH;
    }
    return new InterfaceList(entries);
  }

  static IpAddress readNewAddress(BytesStore<?, ?> store, long tlv) {
    boolean v6 = u8(store, tlv + 2) == Extension.FAMILY_V6;
    return NetworkBytes.address(store, tlv + 3, v6);
  }

  static int lengthOf(EccpPacket p) {
    if (!p.type().isControl()) {
      return EccpHeader.FIXED_LENGTH;
    }
    int n = EccpHeader.CONTROL_MIN_LENGTH;
    if (p.interfaceList() != null) {
      n += interfaceListLength(p.interfaceList());
    }
    if (p.newAddress() != null) {
      n += Extension.TLV_HEADER_LENGTH + 1 + p.newAddress().length();
    }
    if (p.senderNonce() != 0) {
      n += Extension.SENDER_NONCE_LENGTH;
    }
    if (p.join() != 0) {
      n += Extension.JOIN_LENGTH;
    }
    return (n + 3) & ~3;
  }

  static int interfaceListLength(InterfaceList list) {
    int n = Extension.TLV_HEADER_LENGTH;
    for (InterfaceList.Entry e : list.entries()) {
      n += 2 + e.address().length();
    }
    return n;
  }

  static int write(EccpHeader h, EccpPacket p) {
    validate(p);
    int headerLength = lengthOf(p);
    if (headerLength > h.length()) {
      throw new IllegalArgumentException("the " + p.type() + " header needs " + headerLength
          + " bytes but the view has " + h.length());
    }
    PacketType type = p.type();
    h.setFormatVersion(EccpHeader.FORMAT_VERSION).setType(type).setNextProtocol(p.nextProtocol())
        .setHeaderLength(headerLength).setSenderFlowId(p.senderFlowId())
        .setReceiverFlowId(p.receiverFlowId()).setNonce(p.nonce());
    if (type.isControl()) {
      h.setConnectionVersion(p.version()).setAckVersion(type.acknowledges() ? p.ackVersion() : 0);
      writeExtensions(h.store(), h.start(), headerLength, p);
    }
    return headerLength;
  }

  private static void writeExtensions(BytesStore<?, ?> store, long start, int headerLength,
      EccpPacket p) {
    long at = start + EccpHeader.Offsets.EXTENSIONS;
    if (p.interfaceList() != null) {
      at = writeInterfaceList(store, at, p.interfaceList());
    }
    if (p.newAddress() != null) {
      IpAddress a = p.newAddress();
      put8(store, at, Extension.NEW_ADDRESS);
      put8(store, at + 1, Extension.TLV_HEADER_LENGTH + 1 + a.length());
      put8(store, at + 2, Extension.family(a));
      NetworkBytes.putAddress(store, at + 3, a);
      at += Extension.TLV_HEADER_LENGTH + 1 + a.length();
    }
    if (p.senderNonce() != 0) {
      put8(store, at, Extension.SENDER_NONCE);
      put8(store, at + 1, Extension.SENDER_NONCE_LENGTH);
      put64(store, at + 2, p.senderNonce());
      at += Extension.SENDER_NONCE_LENGTH;
    }
    if (p.join() != 0) {
      put8(store, at, Extension.JOIN);
      put8(store, at + 1, Extension.JOIN_LENGTH);
      put32(store, at + 2, p.join());
      at += Extension.JOIN_LENGTH;
    }
    for (long end = start + headerLength; at < end; at++) {
      put8(store, at, Extension.PAD);
    }
  }

  private static long writeInterfaceList(BytesStore<?, ?> store, long at, InterfaceList list) {
    put8(store, at, Extension.ILIST);
    put8(store, at + 1, interfaceListLength(list));
    long entry = at + Extension.TLV_HEADER_LENGTH;
    for (InterfaceList.Entry e : list.entries()) {
      put8(store, entry, Extension.family(e.address()));
      put8(store, entry + 1, e.preference());
      NetworkBytes.putAddress(store, entry + 2, e.address());
      entry += 2 + e.address().length();
    }
    return entry;
  }

  /** Rejects values that would not survive a round trip or that a receiver would reject. */
  private static void validate(EccpPacket p) {
    PacketType type = p.type();
    if (type == null) {
      throw new IllegalArgumentException("a packet needs a type");
    }
    if (p.nextProtocol() < 0 || p.nextProtocol() > 255) {
      throw new IllegalArgumentException("next protocol " + p.nextProtocol() + " is outside 0..255");
    }
    if (p.senderFlowId() == 0 || (p.receiverFlowId() == 0 && type != PacketType.SYN)) {
      throw new IllegalArgumentException("flowID 0 in " + p);
    }
    requireAllowed(p.interfaceList() != null, Extension.ILIST, type);
    requireAllowed(p.newAddress() != null, Extension.NEW_ADDRESS, type);
    requireAllowed(p.senderNonce() != 0, Extension.SENDER_NONCE, type);
    requireAllowed(p.join() != 0, Extension.JOIN, type);
    if (p.interfaceList() != null
        && interfaceListLength(p.interfaceList()) > Extension.MAX_TLV_LENGTH) {
      throw new IllegalArgumentException("an ILIST of " + p.interfaceList().entries().size()
          + " entries does not fit one TLV of at most " + Extension.MAX_TLV_LENGTH + " bytes");
    }
  }

  private static void requireAllowed(boolean present, int extension, PacketType type) {
    if (present && (!type.isControl() || !Extension.allowedIn(extension, type))) {
      throw new IllegalArgumentException(
          "a " + type + " packet cannot carry " + Extension.name(extension));
    }
  }
}
