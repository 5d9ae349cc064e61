package org.eccp.tools.dissect;

import org.eccp.wire.IpAddress;

/**
 * Formats addresses as tcpdump and tshark print them: dotted IPv4, and IPv6 in the RFC 5952 form
 * (lower-case hex, leading zeros dropped, the longest run of two or more zero groups as "::").
 */
final class AddressText {
  private AddressText() {}

  static String format(IpAddress address) {
    if (!address.isV6()) {
      return address.toString();
    }
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (address.high() >>> (48 - 16 * i)) & 0xffff;
      groups[i + 4] = (int) (address.low() >>> (48 - 16 * i)) & 0xffff;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder b = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLength - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(groups[i]));
    }
    return b.toString();
  }
}
