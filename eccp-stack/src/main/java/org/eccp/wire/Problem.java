package org.eccp.wire;

/**
 * Why received bytes were rejected: one value per drop counter. The first group concerns the ECCP
 * header, the second the IP and UDP headers around it. {@link CheckResult#message()} turns a
 * problem and its numbers into a sentence.
 */
public enum Problem {
  /** Fewer bytes than the header needs: expected is the length needed, actual the length present. */
  TRUNCATED,
  /** The header-words field is invalid for the packet type: expected is the required length. */
  BAD_LENGTH,
  /** The format version nibble is not 1: actual is the version found. */
  UNSUPPORTED_VERSION,
  /** The flags match no packet type: actual is the flag byte. */
  UNKNOWN_TYPE,
  /** A flowID that may not be 0 is 0: detail is the field's offset in the header. */
  ZERO_FLOW_ID,
  /** A TLV is malformed: detail is the extension type, the reason names the fault. */
  BAD_EXTENSION,
  /** A singleton extension appears twice: detail is the extension type. */
  DUPLICATE_EXTENSION,
  /** A known extension in a packet type that does not carry it: detail is the extension type. */
  MISPLACED_EXTENSION,

  /** The first nibble is neither 4 nor 6: actual is that nibble. */
  NOT_IP,
  /** The IP header is cut short: expected is the length needed, actual the length present. */
  TRUNCATED_IP,
  /** The IP header's own length fields are inconsistent: the reason names which. */
  BAD_IP_LENGTH,
  /** The IPv4 header checksum does not verify: expected is the computed value. */
  BAD_IP_CHECKSUM,
  /** An IPv4 fragment or an IPv6 fragment header; ECCP packets are never fragmented. */
  FRAGMENT,
  /** The IP protocol (or UDP port) is not the one configured for ECCP: actual is what was found. */
  NOT_ECCP,
  /** The UDP header is cut short: expected is the length needed, actual the length present. */
  TRUNCATED_UDP,
  /** The UDP length field disagrees with the IP payload length. */
  BAD_UDP_LENGTH,
  /** The UDP checksum does not verify (or is 0 over IPv6): expected is the computed value. */
  BAD_UDP_CHECKSUM
}
