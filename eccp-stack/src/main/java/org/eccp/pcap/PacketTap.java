package org.eccp.pcap;

/**
 * Sees every packet that a link sends or receives, in place, before the stack or the device
 * touches it again. A link decorator calls it on its own thread; an implementation must not keep
 * the address after returning, and must not throw.
 */
@FunctionalInterface
public interface PacketTap {
  /** Direction in which a packet crossed the link. */
  enum Direction {
    /** Read from the device, towards the stack. */
    INBOUND,
    /** Written to the device, from the stack. */
    OUTBOUND
  }

  /**
   * Sees one packet.
   *
   * @param direction which way the packet went
   * @param address the address of the packet's first byte (the IP header) in off-heap memory
   * @param length the packet length in bytes
   * @param epochNanos the time in nanoseconds since 1970-01-01 UTC
   */
  void onPacket(Direction direction, long address, int length, long epochNanos);
}
