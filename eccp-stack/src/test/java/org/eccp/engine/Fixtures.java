package org.eccp.engine;

import static org.eccp.engine.Wire.A1;
import static org.eccp.engine.Wire.A2;
import static org.eccp.engine.Wire.A3;
import static org.eccp.engine.Wire.B1;
import static org.eccp.engine.Wire.B2;

import org.eccp.wire.IpAddress;
import org.eccp.wire.PacketType;

/**
 * Engines driven, with real packets, into each state of the table. The subject is always host
 * A; "spare" gives A one more address than the flow needs, so that "address usable" holds.
 */
final class Fixtures {
  private static final IpAddress A6 = IpAddress.parse("fd00:0:18:1::10");
  private static final IpAddress B6 = IpAddress.parse("fd00:0:19:1::10");

  private Fixtures() {}

  /** A wire whose host A is in the state a row starts from, and the subject flow (or null). */
  record Fixture(Wire wire, FlowView flow) {
    Host a() {
      return wire.a;
    }
  }

  static Fixture build(FlowState state, Trigger trigger, Condition cond, long seed) {
    boolean spare = cond == Condition.ADDRESS_USABLE;
    boolean limited = cond == Condition.LIMIT_REACHED;
    EngineConfig cfg = limited ? EngineConfig.defaults().withLimits(1, 1024, 1)
        : EngineConfig.defaults();
    Wire w = new Wire(new Host("A", new Engine(cfg, new SeededEntropy(seed),
        new PreferencePolicy())), new Host("B", seed * 31 + 7));
    boolean settledAway = state == FlowState.ESTABLISHED || state == FlowState.RSYN_SENT;
    if (trigger == Trigger.ADDRESS_ADDED && settledAway) {
      return awayFromHome(w, state == FlowState.ESTABLISHED);
    }
    return switch (state) {
      case CLOSED, LISTEN -> host(w, state, trigger, limited);
      case SYN_SENT -> synSent(w, spare);
      case SYN_RCVD -> cond == Condition.NEWER_MOVED || cond == Condition.MOVED
          ? movedSynRcvd(w) : synRcvd(w, spare);
      case NOADDRESS_SYN_RCVD -> noAddressSynRcvd(w);
      case ESTABLISHED -> established(w, trigger == Trigger.SYN, spare ? 2 : 1);
      case NOADDRESS -> noAddress(w);
      case RSYN_SENT -> rsynSent(w, spare);
      case RSYN_RCVD -> rsynRcvd(w, spare ? 2 : 1);
      case RSYN_SENT_RCVD -> rsynSentRcvd(w, spare);
      case NOADDRESS_RSYN_RCVD -> noAddressRsynRcvd(w);
      case FIN_SENT -> finSent(w);
      case LAST_ACK -> lastAck(w);
      case TIME_WAIT -> timeWait(w);
    };
  }

  private static void addresses(Host h, IpAddress... list) {
    for (int i = 0; i < list.length; i++) {
      h.handle(0, new Event.AddressAdded(i + 1, list[i]));
    }
  }

  private static IpAddress[] firstOf(int n, IpAddress... list) {
    return java.util.Arrays.copyOf(list, n);
  }

  private static Fixture host(Wire w, FlowState state, Trigger trigger, boolean limited) {
    if (trigger == Trigger.ADD_FLOW || trigger == Trigger.JOIN_SYN) {
      Fixture est = established(w, false, 2);
      return new Fixture(est.wire(), null);
    }
    addresses(w.a, A1);
    addresses(w.b, B1);
    if (state == FlowState.LISTEN) {
      w.a.handle(w.now, new Event.Listen());
    }
    if (limited) {
      w.a.handle(w.now, new Event.Connect(A1, B2));
    }
    w.dropAll();
    return new Fixture(w, null);
  }

  private static Fixture synSent(Wire w, boolean spare) {
    addresses(w.a, spare ? new IpAddress[] {A1, A2} : new IpAddress[] {A1});
    addresses(w.b, B1);
    w.a.handle(w.now, new Event.Connect(A1, B1));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }

  private static Fixture synRcvd(Wire w, boolean spare) {
    addresses(w.a, spare ? new IpAddress[] {A1, A2} : new IpAddress[] {A1});
    addresses(w.b, B1);
    w.a.handle(w.now, new Event.Listen());
    w.b.handle(w.now, new Event.Connect(B1, A1));
    w.deliver(w.take(PacketType.SYN));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }

  /** Builds a responder that moved to A2 while in SYN_RCVD. */
  private static Fixture movedSynRcvd(Wire w) {
    synRcvd(w, true);
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }

  private static Fixture noAddressSynRcvd(Wire w) {
    synRcvd(w, false);
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }

  /** Builds an established connection that A opened, or B when {@code responder}. */
  static Fixture established(Wire w, boolean responder, int aAddresses) {
    addresses(w.a, firstOf(aAddresses, A1, A2, A3));
    addresses(w.b, B1, B2);
    Host opener = responder ? w.b : w.a;
    Host listener = responder ? w.a : w.b;
    listener.handle(w.now, new Event.Listen());
    opener.handle(w.now, responder ? new Event.Connect(B1, A1) : new Event.Connect(A1, B1));
    w.settle();
    return new Fixture(w, w.a.onlyFlow());
  }

  /**
   * Builds a flow opened over IPv4 that moved to IPv6 when A lost its only IPv4 address: in
   * ESTABLISHED when {@code settled}, else in RSYN_SENT with the RSYN of that move lost. An
   * IPv4 address added later lets it go home.
   */
  private static Fixture awayFromHome(Wire w, boolean settled) {
    addresses(w.a, A1, A6);
    addresses(w.b, B1, B6);
    w.b.handle(w.now, new Event.Listen());
    w.a.handle(w.now, new Event.Connect(A1, B1));
    w.settle();
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    if (settled) {
      w.settle();
    } else {
      w.dropAll();
    }
    return new Fixture(w, w.a.onlyFlow());
  }

  private static Fixture noAddress(Wire w) {
    established(w, false, 1);
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }

  private static Fixture rsynSent(Wire w, boolean spare) {
    established(w, false, spare ? 3 : 2);
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }

  private static Fixture rsynRcvd(Wire w, int aAddresses) {
    established(w, false, aAddresses);
    w.b.handle(w.now, new Event.AddressRemoved(1, B1));
    w.deliver(w.take(PacketType.RSYN));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }

  private static Fixture rsynSentRcvd(Wire w, boolean spare) {
    established(w, false, spare ? 3 : 2);
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.dropAll();
    w.b.handle(w.now, new Event.AddressRemoved(1, B1));
    Host.Sent rsyn = w.take(PacketType.RSYN);
    w.a.handle(w.now, new Event.PacketIn(rsyn.src(), A2, rsyn.header(), null));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }

  private static Fixture noAddressRsynRcvd(Wire w) {
    rsynRcvd(w, 1);
    w.a.handle(w.now, new Event.AddressRemoved(1, A1));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }

  private static Fixture finSent(Wire w) {
    established(w, false, 1);
    w.a.handle(w.now, new Event.Close(w.a.onlyFlow().connectionId()));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }

  private static Fixture lastAck(Wire w) {
    established(w, false, 1);
    w.b.handle(w.now, new Event.Close(w.b.onlyFlow().connectionId()));
    w.deliver(w.take(PacketType.FIN));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }

  private static Fixture timeWait(Wire w) {
    established(w, false, 1);
    w.a.handle(w.now, new Event.Close(w.a.onlyFlow().connectionId()));
    w.deliver(w.take(PacketType.FIN));
    w.deliver(w.take(PacketType.FIN_ACK));
    w.dropAll();
    return new Fixture(w, w.a.onlyFlow());
  }
}
