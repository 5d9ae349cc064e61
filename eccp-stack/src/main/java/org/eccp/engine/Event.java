package org.eccp.engine;

import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.IpAddress;

/**
 * Everything that can happen to an engine. {@link Engine#handle} takes one event at a time; the
 * value it returns is described on each event (0 when the event returns nothing).
 */
public sealed interface Event {

  /** Accept new connections from now on (the passive open). */
  record Listen() implements Event {}

  /**
   * Open a connection from {@code local} to {@code remote} (the active open). {@link Engine#handle}
   * returns the new connection's id, or 0 when a limit refused it. {@code remoteList} is what the
   * caller already knows of the peer's interfaces (may be null); the peer's own list replaces it.
   */
  record Connect(IpAddress local, IpAddress remote, InterfaceList remoteList) implements Event {
    public Connect(IpAddress local, IpAddress remote) {
      this(local, remote, null);
    }
  }

  /**
   * Add a flow from {@code local} to {@code remote} to an established connection. Returns the new
   * flow's local flowID, or 0 when refused (unknown connection, limit, no established flow).
   */
  record AddFlow(int connectionId, IpAddress local, IpAddress remote) implements Event {}

  /** Close every flow of the connection with a FIN exchange. */
  record Close(int connectionId) implements Event {}

  /** A packet arrived: {@code dst} is the local address it was sent to. */
  record PacketIn(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload)
      implements Event {}

  /** A local address appeared on interface {@code ifIndex}. */
  record AddressAdded(int ifIndex, IpAddress address) implements Event {}

  /** A local address went away. */
  record AddressRemoved(int ifIndex, IpAddress address) implements Event {}

  /** An interface went down: all its addresses are gone. */
  record InterfaceDown(int ifIndex) implements Event {}

  /** Fire every timer whose deadline is at or before {@code now}. */
  record Tick() implements Event {}

  /**
   * Fire the timer of one flow now, whatever its deadline (for explorers that let timers expire
   * in any order). Does nothing when the flow has no timer armed.
   */
  record TimerFired(int localFlowId) implements Event {}

  /** Send an echo request on a flow. The peer's engine replies with an echo reply. */
  record SendEcho(int localFlowId, byte[] payload) implements Event {}

  /** Send a payload of the given next protocol on a flow. Returns 1 when sent, 0 when not. */
  record SendData(int localFlowId, int nextProtocol, byte[] payload) implements Event {}
}
