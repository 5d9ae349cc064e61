package org.eccp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Emit rejects values that cannot be encoded or that a receiver would reject. */
class EmitValidationTest {
  private static final IpAddress ADDRESS = IpAddress.parse("198.18.0.1");

  private static EccpPacket packet(PacketType type, int receiver, InterfaceList ilist,
      IpAddress newAddress, long senderNonce, int join) {
    return new EccpPacket(type, 0, 1, receiver, 5, 1, 0, ilist, newAddress, senderNonce, join);
  }

  private static void assertRejected(EccpPacket packet) {
    byte[] bytes = new byte[EccpHeader.MAX_LENGTH];
    EccpHeader view = new EccpHeader().wrap(Hex.store(bytes), 0, bytes.length);
    assertThrows(IllegalArgumentException.class, () -> view.emit(packet), packet::toString);
  }

  @Test
  void emitRejectsExtensionsOutsideTheirTypes() {
    assertRejected(packet(PacketType.DATA, 2, InterfaceList.EMPTY, null, 0, 0));
    assertRejected(packet(PacketType.ACK, 2, null, null, 9, 0));
    assertRejected(packet(PacketType.SYN, 0, null, ADDRESS, 0, 0));
    assertRejected(packet(PacketType.RSYN, 2, null, null, 0, 4));
  }

  @Test
  void emitRejectsZeroFlowIds() {
    assertRejected(packet(PacketType.ACK, 0, null, null, 0, 0));
    assertRejected(new EccpPacket(PacketType.SYN, 0, 0, 0, 0, 1, 0, null, null, 1, 0));
  }

  @Test
  void emitRejectsAnIlistLongerThanOneTlv() {
    List<InterfaceList.Entry> entries = new ArrayList<>();
    for (int i = 0; i <= Extension.ILIST_MAX_V4_ENTRIES; i++) {
      entries.add(new InterfaceList.Entry(IpAddress.v4(i + 1), 0));
    }
    assertRejected(packet(PacketType.SYN, 0, new InterfaceList(entries), null, 0, 0));
  }

  @Test
  void emitAcceptsTheLongestIlists() {
    List<InterfaceList.Entry> v4 = new ArrayList<>();
    for (int i = 0; i < Extension.ILIST_MAX_V4_ENTRIES; i++) {
      v4.add(new InterfaceList.Entry(IpAddress.v4(i + 1), i));
    }
    List<InterfaceList.Entry> v6 = new ArrayList<>();
    for (int i = 0; i < Extension.ILIST_MAX_V6_ENTRIES; i++) {
      v6.add(new InterfaceList.Entry(IpAddress.v6(0xfd00L << 48, i + 1), i));
    }
    for (List<InterfaceList.Entry> entries : List.of(v4, v6)) {
      EccpPacket syn = packet(PacketType.SYN, 0, new InterfaceList(entries), null, 3, 0);
      byte[] bytes = new byte[EccpHeader.lengthOf(syn)];
      EccpHeader view = new EccpHeader().wrap(Hex.store(bytes), 0, bytes.length);
      view.emit(syn);
      assertEquals(true, view.check().ok(), view.lastCheck().message());
      assertEquals(syn, view.toPacket());
    }
  }

  @Test
  void emitRejectsTooSmallAView() {
    EccpPacket ack = packet(PacketType.ACK, 2, null, null, 0, 0);
    byte[] bytes = new byte[EccpHeader.CONTROL_MIN_LENGTH - 1];
    EccpHeader view = new EccpHeader().wrap(Hex.store(bytes), 0, bytes.length);
    assertThrows(IllegalArgumentException.class, () -> view.emit(ack));
  }

  @Test
  void emitWritesZeroAckVersionWithoutAckFlag() {
    EccpPacket fin = new EccpPacket(PacketType.FIN, 0, 1, 2, 5, 1, 99, null, null, 0, 0);
    byte[] bytes = new byte[EccpHeader.CONTROL_MIN_LENGTH];
    EccpHeader view = new EccpHeader().wrap(Hex.store(bytes), 0, bytes.length);
    view.emit(fin);
    assertEquals(0, view.ackVersion());
  }
}
