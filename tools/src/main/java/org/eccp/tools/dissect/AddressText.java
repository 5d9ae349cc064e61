package org.eccp.tools.dissect;

import org.eccp.wire.IpAddress;

/**
 * Formats addresses as tcpdump and tshark print them: dotted IPv4, and IPv6 in the RFC 5952 form
 * (lower-case hex, leading zeros dropped, the longest run of two or more zero groups as "::"),
 * which is what {@link IpAddress#toString()} returns.
 */
final class AddressText {
  private AddressText() {}

  static String format(IpAddress address) {
    return address.toString();
  }
}
