package org.eccp.wire;

import java.util.List;

/**
 * A host's interface list (IList): its addresses, each with a preference (0 is most preferred).
 * The list is always replaced whole, never patched.
 */
public record InterfaceList(List<Entry> entries) {
  public static final InterfaceList EMPTY = new InterfaceList(List.of());

  public InterfaceList {
    entries = List.copyOf(entries);
  }

  /** One address of the list and its preference, 0 to 255. */
  public record Entry(IpAddress address, int preference) {
    public Entry {
      if (address == null) {
        throw new IllegalArgumentException("an IList entry needs an address");
      }
      if (preference < 0 || preference > 255) {
        throw new IllegalArgumentException("IList preference " + preference + " is outside 0..255");
      }
    }
  }

  /** Returns a list of these addresses, all with preference 0. */
  public static InterfaceList of(IpAddress... addresses) {
    return new InterfaceList(java.util.Arrays.stream(addresses).map(a -> new Entry(a, 0)).toList());
  }
}
