package org.eccp.wire;

/**
 * Walks the extensions of a control header, checks each TLV and records where the known ones
 * are. Owned by one {@link EccpHeader}; allocates nothing.
 */
final class ExtensionValidator {
  private static final int KNOWN_TYPES = Extension.JOIN + 1;

  private final EccpHeader header;
  /** TLV offset from the header start per known type, -1 when absent. */
  private final int[] offsets = new int[KNOWN_TYPES];

  ExtensionValidator(EccpHeader header) {
    this.header = header;
    clear();
  }

  void clear() {
    java.util.Arrays.fill(offsets, -1);
  }

  int offsetOf(int type) {
    return type > Extension.PAD && type < KNOWN_TYPES ? offsets[type] : -1;
  }

  /** Checks every TLV between the version fields and the end of the header. */
  boolean check(PacketType packetType, int headerLength, CheckResult result) {
    int at = EccpHeader.Offsets.EXTENSIONS;
    while (at < headerLength) {
      int type = header.byteAt(at);
      if (type == Extension.PAD) {
        at++;
        continue;
      }
      int room = headerLength - at;
      if (room < Extension.TLV_HEADER_LENGTH) {
        result.fail(Problem.BAD_EXTENSION, Extension.TLV_HEADER_LENGTH, room, type,
            "the header ends after its type byte");
        return false;
      }
      int tlvLength = header.byteAt(at + 1);
      if (tlvLength < Extension.TLV_HEADER_LENGTH) {
        result.fail(Problem.BAD_EXTENSION, Extension.TLV_HEADER_LENGTH, tlvLength, type,
            "length %2$d is below %1$d");
        return false;
      }
      if (tlvLength > room) {
        result.fail(Problem.BAD_EXTENSION, tlvLength, room, type,
            "length %1$d runs past the header, which has %2$d bytes left");
        return false;
      }
      if (type < KNOWN_TYPES && !checkKnown(packetType, type, at, tlvLength, result)) {
        return false;
      }
      at += tlvLength;
    }
    return true;
  }

  private boolean checkKnown(PacketType packetType, int type, int at, int tlvLength,
      CheckResult result) {
    if (!Extension.allowedIn(type, packetType)) {
      result.fail(Problem.MISPLACED_EXTENSION, 0, packetType.flags(), type, null);
      return false;
    }
    if (offsets[type] >= 0) {
      result.fail(Problem.DUPLICATE_EXTENSION, offsets[type], at, type, null);
      return false;
    }
    boolean valid = switch (type) {
      case Extension.ILIST -> checkInterfaceList(at, tlvLength, result);
      case Extension.NEW_ADDRESS -> checkNewAddress(at, tlvLength, result);
      case Extension.SENDER_NONCE -> checkFixedValue(type, at, tlvLength,
          Extension.SENDER_NONCE_LENGTH, result);
      default -> checkFixedValue(type, at, tlvLength, Extension.JOIN_LENGTH, result);
    };
    if (valid) {
      offsets[type] = at;
    }
    return valid;
  }

  private boolean checkInterfaceList(int at, int tlvLength, CheckResult result) {
    int entry = at + Extension.TLV_HEADER_LENGTH;
    int end = at + tlvLength;
    while (entry < end) {
      int family = header.byteAt(entry);
      int addressLength = Extension.addressLength(family);
      if (addressLength < 0) {
        result.fail(Problem.BAD_EXTENSION, 0, family, Extension.ILIST,
            "entry address family %2$d is neither 4 nor 6");
        return false;
      }
      int entryLength = 2 + addressLength;
      if (entry + entryLength > end) {
        result.fail(Problem.BAD_EXTENSION, entryLength, end - entry, Extension.ILIST,
            "last entry needs %1$d bytes, %2$d are left");
        return false;
      }
      entry += entryLength;
    }
    return true;
  }

  private boolean checkNewAddress(int at, int tlvLength, CheckResult result) {
    int family = tlvLength > Extension.TLV_HEADER_LENGTH ? header.byteAt(at + 2) : -1;
    int addressLength = Extension.addressLength(family);
    if (addressLength < 0) {
      result.fail(Problem.BAD_EXTENSION, 0, family, Extension.NEW_ADDRESS,
          "address family %2$d is neither 4 nor 6");
      return false;
    }
    int expected = Extension.TLV_HEADER_LENGTH + 1 + addressLength;
    if (tlvLength != expected) {
      result.fail(Problem.BAD_EXTENSION, expected, tlvLength, Extension.NEW_ADDRESS,
          "length %2$d, expected %1$d for its family");
      return false;
    }
    return true;
  }

  /** SENDER_NONCE and JOIN: a fixed length and a value other than 0, which means absent. */
  private boolean checkFixedValue(int type, int at, int tlvLength, int expected,
      CheckResult result) {
    if (tlvLength != expected) {
      result.fail(Problem.BAD_EXTENSION, expected, tlvLength, type, "length %2$d, expected %1$d");
      return false;
    }
    for (int i = Extension.TLV_HEADER_LENGTH; i < expected; i++) {
      if (header.byteAt(at + i) != 0) {
        return true;
      }
    }
    result.fail(Problem.BAD_EXTENSION, 0, 0, type, "the value 0 is reserved");
    return false;
  }
}
