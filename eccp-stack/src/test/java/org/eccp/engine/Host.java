package org.eccp.engine;

import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.BytesStore;
import org.eccp.wire.CheckResult;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.IpAddress;

/** One engine and everything it did, recorded: a test's view of a host. */
final class Host implements ActionSink {
  /** A packet the engine sent. */
  record Sent(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {}

  /** A payload the engine delivered. */
  record Delivered(int connectionId, int flowId, int nextProtocol, byte[] payload) {}

  private static final BytesStore<?, byte[]> STORE =
      BytesStore.wrap(new byte[EccpHeader.MAX_LENGTH]);
  private static final EccpHeader WIRE = new EccpHeader();

  final String name;
  final Engine engine;
  final List<Sent> sent = new ArrayList<>();
  final List<ConnectionEvent> events = new ArrayList<>();
  final List<Delivered> delivered = new ArrayList<>();

  Host(String name, Engine engine) {
    this.name = name;
    this.engine = engine;
  }

  Host(String name, long seed) {
    this(name, new Engine(EngineConfig.defaults(), new SeededEntropy(seed), new PreferencePolicy()));
  }

  long handle(long now, Event e) {
    return engine.handle(now, e, this);
  }

  /** Records the packet after checking that it survives the codec unchanged. */
  @Override
  public void send(IpAddress src, IpAddress dst, EccpPacket header, byte[] payload) {
    WIRE.wrap(STORE, 0, EccpHeader.lengthOf(header));
    WIRE.emit(header);
    CheckResult check = WIRE.check();
    if (!check.ok() || !WIRE.toPacket().equals(header)) {
      throw new AssertionError(name + " sent a header the codec does not carry unchanged: "
          + header + " (" + check.message() + ")");
    }
    sent.add(new Sent(src, dst, header, payload));
  }

  @Override
  public void deliver(int connectionId, int flowId, int nextProtocol, byte[] payload) {
    delivered.add(new Delivered(connectionId, flowId, nextProtocol, payload));
  }

  @Override
  public void notify(ConnectionEvent event) {
    events.add(event);
  }

  /** Returns what the engine sent so far and clears the record. */
  List<Sent> takeSent() {
    List<Sent> out = new ArrayList<>(sent);
    sent.clear();
    return out;
  }

  FlowView onlyFlow() {
    List<FlowView> flows = engine.flows();
    if (flows.size() != 1) {
      throw new AssertionError(name + " has " + flows.size() + " flows: " + flows);
    }
    return flows.get(0);
  }

  @Override
  public String toString() {
    return name;
  }
}
