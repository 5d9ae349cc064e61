package org.eccp.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eccp.engine.ActionSink;
import org.eccp.engine.ConnectionEvent;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;

/**
 * One global state of the exhaustive explorer: both engines, the packets in flight in send order,
 * the client's current address and the budgets of faults left. The network removes a packet when
 * it is delivered or dropped.
 */
final class ExploreState {
  static final int CLIENT = 0;
  static final int SERVER = 1;
  static final IpAddress SERVER_ADDRESS = SimNetwork.address(100, 10);

  /** A packet in flight and the host that sent it. */
  record InFlight(int from, Datagram datagram) {
    long hash() {
      EccpPacket p = datagram.packet();
      long h = p.hashCode() * 0x9E3779B97F4A7C15L;
      h ^= datagram.src().hashCode() * 31L + datagram.dst().hashCode();
      return h * 31 + Arrays.hashCode(datagram.payload()) + from;
    }
  }

  final HostEngine[] hosts;
  final List<InFlight> network;
  int clientAddress;
  int migrationsLeft;
  int lossesLeft;
  int duplicationsLeft;
  int reordersLeft;
  int flowsToAdd;

  ExploreState(HostEngine client, HostEngine server) {
    hosts = new HostEngine[] {client, server};
    network = new ArrayList<>();
  }

  private ExploreState(ExploreState o) {
    hosts = new HostEngine[] {o.hosts[0].copy(), o.hosts[1].copy()};
    network = new ArrayList<>(o.network);
    clientAddress = o.clientAddress;
    migrationsLeft = o.migrationsLeft;
    lossesLeft = o.lossesLeft;
    duplicationsLeft = o.duplicationsLeft;
    reordersLeft = o.reordersLeft;
    flowsToAdd = o.flowsToAdd;
  }

  ExploreState copy() {
    return new ExploreState(this);
  }

  /** The client's k-th address: 198.18.(k+1).10. */
  static IpAddress clientAddress(int k) {
    return SimNetwork.address(k + 1, 10);
  }

  IpAddress address(int host) {
    return host == CLIENT ? clientAddress(clientAddress) : SERVER_ADDRESS;
  }

  /** Returns the host that holds {@code a}, or -1. */
  int ownerOf(IpAddress a) {
    if (a.equals(SERVER_ADDRESS)) {
      return SERVER;
    }
    return a.equals(clientAddress(clientAddress)) ? CLIENT : -1;
  }

  /** Removes the packets whose destination no host holds: nothing can ever receive them. */
  void dropUndeliverable() {
    network.removeIf(p -> ownerOf(p.datagram().dst()) < 0);
  }

  /** Returns a 64-bit hash of the whole state; the network part keeps the send order. */
  long hash() {
    long h = hosts[0].stateHash() * 0x9E3779B97F4A7C15L + hosts[1].stateHash();
    h = h * 31 + clientAddress;
    h = h * 31 + migrationsLeft;
    h = h * 31 + lossesLeft;
    h = h * 31 + duplicationsLeft;
    h = h * 31 + reordersLeft;
    h = h * 31 + flowsToAdd;
    for (InFlight p : network) {
      h = (h ^ p.hash()) * 0xBF58476D1CE4E5B9L;
    }
    return h ^ (h >>> 31);
  }

  /** A sink that puts what host {@code from} sends into this state's network. */
  ActionSink sinkOf(int from) {
    return new ActionSink() {
      @Override
      public void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {
        if (ownerOf(src) == from) {
          network.add(new InFlight(from, new Datagram(0, src, dst, header,
              payload == null ? new byte[0] : payload, 0)));
        }
      }

      @Override
      public void deliver(int connectionId, int localFlowId, int nextProtocol, byte[] payload) {}

      @Override
      public void notify(ConnectionEvent event) {}
    };
  }
}
