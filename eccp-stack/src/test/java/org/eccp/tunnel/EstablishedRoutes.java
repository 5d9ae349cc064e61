package org.eccp.tunnel;

import java.util.ArrayDeque;
import org.eccp.engine.ActionSink;
import org.eccp.engine.ConnectionEvent;
import org.eccp.engine.Engine;
import org.eccp.engine.EngineConfig;
import org.eccp.engine.Event;
import org.eccp.engine.PreferencePolicy;
import org.eccp.engine.SeededEntropy;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;

/**
 * The tunnel's copy of the flows of a real connection: two engines complete a handshake in
 * memory, client at {@link #CLIENT} and server at {@link #SERVER}, and the routes are taken
 * from the server's side.
 */
final class EstablishedRoutes {
  static final IpAddress CLIENT = IpAddress.parse("198.18.0.1");
  static final IpAddress SERVER = IpAddress.parse("198.18.1.1");

  private EstablishedRoutes() {}

  /** Returns the server end's routes of a connection made with the given engine seeds. */
  static Routes serverSide(long clientSeed, long serverSeed) {
    Engine client = new Engine(EngineConfig.defaults(), new SeededEntropy(clientSeed),
        new PreferencePolicy());
    Engine server = new Engine(EngineConfig.defaults(), new SeededEntropy(serverSeed),
        new PreferencePolicy());
    Relay relay = new Relay(client, server);
    client.handle(0, new Event.AddressAdded(1, CLIENT), relay);
    server.handle(0, new Event.AddressAdded(1, SERVER), relay);
    server.handle(0, new Event.Listen(), relay);
    client.handle(0, new Event.Connect(CLIENT, SERVER), relay);
    relay.drain();
    return Routes.of(server.connections().iterator().next(), id -> new FlowStats(),
        id -> new PathMtu(1500, 1460), address -> 0);
  }

  /** Carries the packets of one engine to the other until both are quiet. */
  private static final class Relay implements ActionSink {
    private final Engine client;
    private final Engine server;
    private final ArrayDeque<Event.PacketIn> queue = new ArrayDeque<>();

    Relay(Engine client, Engine server) {
      this.client = client;
      this.server = server;
    }

    @Override
    public void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {
      queue.add(new Event.PacketIn(src, dst, header, payload));
    }

    @Override
    public void deliver(int connectionId, int flowId, int nextProtocol, byte[] payload) {}

    @Override
    public void notify(ConnectionEvent event) {}

    void drain() {
      while (!queue.isEmpty()) {
        Event.PacketIn p = queue.poll();
        (p.dst().equals(CLIENT) ? client : server).handle(0, p, this);
      }
    }
  }
}
