package org.eccp.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eccp.wire.InterfaceList;

/** Builds the IList a host advertises. */
final class InterfaceLists {
  /** An ILIST TLV has room for at most 253 bytes of entries (255 minus its type and length). */
  static final int MAX_ENTRY_BYTES = 253;

  private InterfaceLists() {}

  /**
   * Builds the list of every local address with its preference, most preferred first. Entries that would not fit
   * in one ILIST extension are left out (the least preferred ones).
   */
  static InterfaceList build(List<LocalAddress> locals, InterfacePolicy policy) {
    List<InterfaceList.Entry> entries = new ArrayList<>();
    for (LocalAddress l : locals) {
      entries.add(new InterfaceList.Entry(l.address(), policy.preference(l)));
    }
    entries.sort(Comparator.comparingInt(InterfaceList.Entry::preference)
        .thenComparing(InterfaceList.Entry::address));
    List<InterfaceList.Entry> kept = new ArrayList<>();
    int bytes = 0;
    for (InterfaceList.Entry e : entries) {
      int size = 2 + e.address().length();
      if (bytes + size > MAX_ENTRY_BYTES) {
        break;
      }
      bytes += size;
      kept.add(e);
    }
    return new InterfaceList(kept);
  }
}
