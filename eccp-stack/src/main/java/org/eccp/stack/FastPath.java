package org.eccp.stack;

import net.openhft.chronicle.bytes.Bytes;
import org.eccp.link.ReceivedPacket;
import org.eccp.wire.EccpHeader;

/**
 * A first look at each received packet whose ECCP header passed validation, before the stack
 * copies it into an engine event. A data path (such as the tunnel) takes the packets it can
 * handle in place and leaves the rest to the engine. Runs on the stack's receiving thread.
 */
public interface FastPath {
  /**
   * Handles the packet in {@code buffer} (header checked, described by {@code header}) or
   * declines it.
   *
   * @return true when the packet was handled and the engine must not see it
   */
  boolean offer(EccpHeader header, Bytes<?> buffer, ReceivedPacket addresses);
}
