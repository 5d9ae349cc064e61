package org.eccp.link;

import org.eccp.nativ.MsgHdr;
import org.eccp.nativ.NativeMemory;

/** Finds ancillary data (cmsghdr records, LP64 layout) that recvmsg stored in a {@link MsgHdr}. */
final class ControlMessages {
  /** Size of struct cmsghdr: cmsg_len (size_t), cmsg_level, cmsg_type. */
  static final int HEADER = 16;

  private ControlMessages() {}

  /**
   * Returns the offset in {@code header.memory()} of the data of the first record of
   * {@code level} and {@code type} whose cmsg_len is at least {@code minLength}, or -1.
   */
  static int find(MsgHdr header, int level, int type, int minLength) {
    NativeMemory m = header.memory();
    int base = header.control();
    int length = header.controlLength();
    int at = 0;
    while (at + HEADER <= length) {
      long recordLength = m.getLong(base + at);
      if (recordLength < HEADER || at + recordLength > length) {
        return -1;
      }
      if (m.getInt(base + at + 8) == level && m.getInt(base + at + 12) == type
          && recordLength >= minLength) {
        return base + at + HEADER;
      }
      at += (int) ((recordLength + 7) & ~7L);
    }
    return -1;
  }
}
