package org.eccp.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generates random valid EccpPacket values for round-trip tests. */
final class RandomPackets {
  private RandomPackets() {}

  static EccpPacket packet(Random r) {
    PacketType[] types = PacketType.values();
    PacketType type = types[r.nextInt(types.length)];
    int receiver = type == PacketType.SYN && r.nextBoolean() ? 0 : nonZeroInt(r);
    boolean control = type.isControl();
    InterfaceList ilist = Extension.allowedIn(Extension.ILIST, type) && r.nextBoolean()
        ? interfaceList(r) : null;
    IpAddress newAddress = type == PacketType.RSYN && r.nextBoolean() ? address(r) : null;
    long senderNonce = Extension.allowedIn(Extension.SENDER_NONCE, type) && control
        && r.nextBoolean() ? nonZeroLong(r) : 0;
    int join = type == PacketType.SYN && r.nextBoolean() ? nonZeroInt(r) : 0;
    return new EccpPacket(type, r.nextInt(256), nonZeroInt(r), receiver, r.nextLong(),
        control ? r.nextInt() : 0, type.acknowledges() && control ? r.nextInt() : 0,
        ilist, newAddress, senderNonce, join);
  }

  static InterfaceList interfaceList(Random r) {
    List<InterfaceList.Entry> entries = new ArrayList<>();
    int room = Extension.MAX_TLV_LENGTH - Extension.TLV_HEADER_LENGTH;
    int count = r.nextInt(r.nextInt(10) == 0 ? 43 : 5);
    for (int i = 0; i < count; i++) {
      IpAddress a = address(r);
      if (2 + a.length() > room) {
        break;
      }
      room -= 2 + a.length();
      entries.add(new InterfaceList.Entry(a, r.nextInt(256)));
    }
    return new InterfaceList(entries);
  }

  static IpAddress address(Random r) {
    return r.nextBoolean() ? IpAddress.v4(r.nextInt()) : IpAddress.v6(r.nextLong(), r.nextLong());
  }

  static int nonZeroInt(Random r) {
    int v;
    do {
      v = r.nextInt();
    } while (v == 0);
    return v;
  }

  static long nonZeroLong(Random r) {
    long v;
    do {
      v = r.nextLong();
    } while (v == 0);
    return v;
  }
}
