package org.eccp.wire;

/**
 * The parsed content of an ECCP header, as a value: what the engine reads and the codec writes.
 * Fields that a type does not carry are 0 or null. The payload is not part of this value; it
 * stays in the buffer that the header was parsed from.
 *
 * @param type the packet type
 * @param nextProtocol a {@link NextProtocol} code, unknown codes kept
 * @param senderFlowId the sender's flowID, never 0
 * @param receiverFlowId the receiver's flowID, 0 only in a SYN
 * @param nonce the receiver's nonce for this flow
 * @param version the sender's connection version (control packets only)
 * @param ackVersion the acknowledged version (meaningful when the type acknowledges)
 * @param interfaceList the ILIST extension, or null when absent
 * @param newAddress the NEW_ADDRESS extension, or null when absent
 * @param senderNonce the SENDER_NONCE extension, or 0 when absent
 * @param join the JOIN extension (the receiver's flowID of an existing flow), or 0 when absent
 */
public record EccpPacket(
    PacketType type,
    int nextProtocol,
    int senderFlowId,
    int receiverFlowId,
    long nonce,
    int version,
    int ackVersion,
    InterfaceList interfaceList,
    IpAddress newAddress,
    long senderNonce,
    int join) {}
