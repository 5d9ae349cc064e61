package org.eccp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One test per way a header can be malformed, each built by editing a valid packet. */
class MalformedHeaderTest {
  private static final int EXT = EccpHeader.Offsets.EXTENSIONS;

  /** Returns an ACK with these bytes after its version fields, padded and with matching header words. */
  private static byte[] ackWithExtensions(int... extensionBytes) {
    int headerLength = (EccpHeader.CONTROL_MIN_LENGTH + extensionBytes.length + 3) & ~3;
    byte[] bytes = new byte[headerLength];
    EccpPacket ack = GoldenPackets.all().get("ack").packet();
    new EccpHeader().wrap(Hex.store(bytes), 0, bytes.length).emit(ack);
    for (int i = 0; i < extensionBytes.length; i++) {
      bytes[EXT + i] = (byte) extensionBytes[i];
    }
    bytes[EccpHeader.Offsets.HEADER_WORDS] = (byte) (headerLength / 4);
    return bytes;
  }

  /** Returns a SYN with these bytes after its version fields. */
  private static byte[] synWithExtensions(int... extensionBytes) {
    byte[] bytes = ackWithExtensions(extensionBytes);
    bytes[EccpHeader.Offsets.FLAGS] = (byte) PacketType.SYN.flags();
    return bytes;
  }

  private static CheckResult check(byte[] bytes) {
    return new EccpHeader().wrap(Hex.store(bytes), 0, bytes.length).check();
  }

  private static byte[] golden(String name, Consumer<byte[]> edit) {
    byte[] bytes = GoldenVectorsTest.parse(readDoc()).get(name).clone();
    edit.accept(bytes);
    return bytes;
  }

  private static java.util.List<String> readDoc() {
    try {
      return java.nio.file.Files.readAllLines(GoldenVectorsTest.protocolDoc());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void versionTwoIsUnsupported() {
    CheckResult result = check(golden("ack", b -> b[0] = 0x20));
    assertEquals(Problem.UNSUPPORTED_VERSION, result.problem());
    assertEquals(2, result.actual());
    assertEquals("unsupported ECCP version 2, expected 1", result.message());
  }

  @Test
  void reservedBitsAreIgnored() {
    byte[] bytes = golden("ack", b -> {
      b[0] = 0x1f;
      b[1] = (byte) (b[1] | PacketType.Flags.RESERVED);
    });
    assertTrue(check(bytes).ok());
  }

  @Test
  void synAndFinTogetherIsUnknownType() {
    CheckResult result = check(golden("ack", b -> b[1] = 0x09));
    assertEquals(Problem.UNKNOWN_TYPE, result.problem());
    assertEquals("unknown ECCP packet type: flags 0x09", result.message());
  }

  @Test
  void noFlagsIsUnknownType() {
    assertEquals(Problem.UNKNOWN_TYPE, check(golden("ack", b -> b[1] = 0)).problem());
  }

  @Test
  void dataWithControlLengthIsBadLength() {
    byte[] bytes = golden("data", b -> b[3] = 6);
    CheckResult result = check(bytes);
    assertEquals(Problem.BAD_LENGTH, result.problem());
    assertEquals(20, result.expected());
    assertEquals(24, result.actual());
  }

  @Test
  void controlWithDataLengthIsBadLength() {
    CheckResult result = check(golden("ack", b -> b[3] = 5));
    assertEquals(Problem.BAD_LENGTH, result.problem());
    assertEquals("invalid ECCP header length 20 bytes, a control packet needs at least 28",
        result.message());
  }

  @Test
  void headerWordsPastTheBytesIsTruncated() {
    CheckResult result = check(golden("ack", b -> b[3] = 8));
    assertEquals(Problem.TRUNCATED, result.problem());
    assertEquals("truncated ECCP header, 28 of 32 bytes", result.message());
  }

  @Test
  void zeroSenderFlowIdIsRejected() {
    CheckResult result = check(golden("ack", b -> b[7] = 0));
    assertEquals(Problem.ZERO_FLOW_ID, result.problem());
    assertEquals(EccpHeader.Offsets.SENDER_FLOW_ID, result.detail());
    assertEquals("sender flowID is 0", result.message());
  }

  @Test
  void zeroReceiverFlowIdOutsideSynIsRejected() {
    CheckResult result = check(golden("ack", b -> b[11] = 0));
    assertEquals(Problem.ZERO_FLOW_ID, result.problem());
    assertEquals(EccpHeader.Offsets.RECEIVER_FLOW_ID, result.detail());
  }

  @Test
  void extensionTypeInLastByteIsBadExtension() {
    CheckResult result = check(synWithExtensions(0, 0, 0, Extension.JOIN));
    assertEquals(Problem.BAD_EXTENSION, result.problem());
    assertEquals(Extension.JOIN, result.detail());
    assertEquals("invalid ECCP extension JOIN: the header ends after its type byte",
        result.message());
  }

  @Test
  void extensionLengthBelowTwoIsBadExtension() {
    CheckResult result = check(synWithExtensions(99, 1, 0, 0));
    assertEquals(Problem.BAD_EXTENSION, result.problem());
    assertEquals("invalid ECCP extension unknown(99): length 1 is below 2", result.message());
  }

  @Test
  void extensionRunningPastHeaderIsBadExtension() {
    CheckResult result = check(synWithExtensions(Extension.JOIN, 6, 0, 0));
    assertEquals(Problem.BAD_EXTENSION, result.problem());
    assertEquals(6, result.expected());
    assertEquals(4, result.actual());
  }

  @Test
  void duplicateSenderNonceIsRejected() {
    CheckResult result = check(synWithExtensions(3, 10, 0, 0, 0, 0, 0, 0, 0, 1,
        3, 10, 0, 0, 0, 0, 0, 0, 0, 2));
    assertEquals(Problem.DUPLICATE_EXTENSION, result.problem());
    assertEquals(Extension.SENDER_NONCE, result.detail());
    assertEquals("duplicate ECCP extension SENDER_NONCE", result.message());
  }

  @Test
  void duplicateUnknownExtensionIsSkipped() {
    EccpHeader view = new EccpHeader();
    byte[] bytes = synWithExtensions(200, 3, 7, 200, 2, 0, 0, 0);
    assertTrue(view.wrap(Hex.store(bytes), 0, bytes.length).check().ok());
    EccpPacket packet = view.toPacket();
    assertEquals(null, packet.interfaceList());
    assertEquals(0, packet.join());
  }

  @Test
  void joinInAnAckIsMisplaced() {
    CheckResult result = check(ackWithExtensions(Extension.JOIN, 6, 0, 0, 0, 1));
    assertEquals(Problem.MISPLACED_EXTENSION, result.problem());
    assertEquals("ECCP extension JOIN is not allowed in ACK", result.message());
  }

  @Test
  void newAddressInASynIsMisplaced() {
    CheckResult result = check(synWithExtensions(Extension.NEW_ADDRESS, 7, 4, 1, 2, 3, 4));
    assertEquals(Problem.MISPLACED_EXTENSION, result.problem());
  }

  @Test
  void ilistWithUnknownFamilyIsBadExtension() {
    CheckResult result = check(synWithExtensions(Extension.ILIST, 8, 5, 0, 1, 2, 3, 4));
    assertEquals(Problem.BAD_EXTENSION, result.problem());
    assertEquals("invalid ECCP extension ILIST: entry address family 5 is neither 4 nor 6",
        result.message());
  }

  @Test
  void ilistWithPartialEntryIsBadExtension() {
    CheckResult result = check(synWithExtensions(Extension.ILIST, 7, 4, 0, 1, 2, 3));
    assertEquals(Problem.BAD_EXTENSION, result.problem());
    assertEquals(6, result.expected());
    assertEquals(5, result.actual());
  }

  @Test
  void emptyIlistIsValid() {
    EccpHeader view = new EccpHeader();
    byte[] bytes = synWithExtensions(Extension.ILIST, 2);
    assertTrue(view.wrap(Hex.store(bytes), 0, bytes.length).check().ok());
    assertEquals(InterfaceList.EMPTY, view.toPacket().interfaceList());
  }

  @Test
  void newAddressWithWrongLengthIsBadExtension() {
    byte[] bytes = synWithExtensions(Extension.NEW_ADDRESS, 8, 4, 1, 2, 3, 4, 0);
    bytes[EccpHeader.Offsets.FLAGS] = (byte) PacketType.RSYN.flags();
    CheckResult result = check(bytes);
    assertEquals(Problem.BAD_EXTENSION, result.problem());
    assertEquals("invalid ECCP extension NEW_ADDRESS: length 8, expected 7 for its family",
        result.message());
  }

  @Test
  void newAddressWithoutFamilyIsBadExtension() {
    byte[] bytes = synWithExtensions(Extension.NEW_ADDRESS, 2);
    bytes[EccpHeader.Offsets.FLAGS] = (byte) PacketType.RSYN.flags();
    assertEquals(Problem.BAD_EXTENSION, check(bytes).problem());
  }

  @Test
  void senderNonceWithWrongLengthIsBadExtension() {
    CheckResult result = check(synWithExtensions(Extension.SENDER_NONCE, 6, 1, 2, 3, 4));
    assertEquals(Problem.BAD_EXTENSION, result.problem());
    assertEquals("invalid ECCP extension SENDER_NONCE: length 6, expected 10", result.message());
  }

  @Test
  void zeroSenderNonceIsBadExtension() {
    CheckResult result = check(synWithExtensions(Extension.SENDER_NONCE, 10, 0, 0, 0, 0, 0, 0,
        0, 0));
    assertEquals(Problem.BAD_EXTENSION, result.problem());
    assertEquals("invalid ECCP extension SENDER_NONCE: the value 0 is reserved",
        result.message());
  }

  @Test
  void zeroJoinIsBadExtension() {
    CheckResult result = check(synWithExtensions(Extension.JOIN, 6, 0, 0, 0, 0));
    assertEquals(Problem.BAD_EXTENSION, result.problem());
    assertEquals(Extension.JOIN, result.detail());
  }

  @Test
  void extensionsInAnyOrderParse() {
    EccpHeader view = new EccpHeader();
    byte[] bytes = synWithExtensions(0, Extension.JOIN, 6, 0, 0, 0, 7, 0,
        Extension.ILIST, 8, 4, 3, 198, 18, 0, 9);
    assertTrue(view.wrap(Hex.store(bytes), 0, bytes.length).check().ok());
    EccpPacket packet = view.toPacket();
    assertEquals(7, packet.join());
    assertEquals(new InterfaceList.Entry(IpAddress.parse("198.18.0.9"), 3),
        packet.interfaceList().entries().get(0));
  }

  @Test
  void cursorVisitsPadUnknownAndKnownExtensions() {
    EccpHeader view = new EccpHeader();
    byte[] bytes = synWithExtensions(0, 200, 3, 9, Extension.JOIN, 6, 0, 0, 0, 7);
    assertTrue(view.wrap(Hex.store(bytes), 0, bytes.length).check().ok());
    ExtensionCursor cursor = new ExtensionCursor().reset(view);
    StringBuilder seen = new StringBuilder();
    while (cursor.next()) {
      seen.append(cursor.type()).append('@').append(cursor.offset()).append('+')
          .append(cursor.valueLength()).append(' ');
    }
    assertEquals("0@28+0 200@29+1 4@32+4 0@38+0 0@39+0 ", seen.toString());
    assertEquals(32, view.extensionOffset(Extension.JOIN));
    assertEquals(-1, view.extensionOffset(Extension.ILIST));
  }

  @Test
  void toPacketBeforeCheckIsRejected() {
    byte[] bytes = synWithExtensions();
    EccpHeader view = new EccpHeader().wrap(Hex.store(bytes), 0, bytes.length);
    assertThrows(IllegalStateException.class, view::toPacket);
  }

  @Test
  void failedCheckClearsEarlierExtensions() {
    EccpHeader view = new EccpHeader();
    byte[] good = synWithExtensions(Extension.JOIN, 6, 0, 0, 0, 7);
    assertTrue(view.wrap(Hex.store(good), 0, good.length).check().ok());
    byte[] bad = golden("ack", b -> b[0] = 0x20);
    assertFalse(view.wrap(Hex.store(bad), 0, bad.length).check().ok());
    assertEquals(0, view.join());
    assertFalse(view.isChecked());
  }
}
