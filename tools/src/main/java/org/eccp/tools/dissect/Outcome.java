package org.eccp.tools.dissect;

import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;

/** The kind of one captured record: a valid ECCP packet, a malformed one, or other traffic. */
public sealed interface Outcome {
  /** The record's position in the file, from 1. */
  long number();

  /** The capture time in nanoseconds since 1970-01-01 UTC. */
  long epochNanos();

  /**
   * A valid ECCP packet.
   *
   * @param source the source address
   * @param sourcePort the UDP source port, or -1 for ECCP directly in IP
   * @param packet the parsed header
   * @param headerLength the ECCP header length in bytes
   * @param payloadLength the payload length that the IP or UDP length claims
   */
  record Eccp(long number, long epochNanos, IpAddress source, int sourcePort,
      IpAddress destination, int destinationPort, EccpPacket packet, int headerLength,
      int payloadLength) implements Outcome {}

  /**
   * A packet addressed to ECCP that failed a check.
   *
   * @param source the source address, or null when the IP header could not be read
   * @param problem a counter name such as {@code truncated} or {@code bad_extension}
   * @param message what is wrong, such as "truncated ECCP header, 12 of 20 bytes"
   */
  record Malformed(long number, long epochNanos, IpAddress source, int sourcePort,
      IpAddress destination, int destinationPort, String problem, String message)
      implements Outcome {}

  /** A packet that is not ECCP, with the reason, such as another protocol or port. */
  record Other(long number, long epochNanos, String reason) implements Outcome {}
}
