package org.eccp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class PreferencePolicyTest {
  private static final LocalAddress ETH0 = new LocalAddress(1, IpAddress.parse("198.18.1.10"));
  private static final LocalAddress ETH1 = new LocalAddress(2, IpAddress.parse("198.18.2.10"));
  private static final LocalAddress WWAN = new LocalAddress(3, IpAddress.parse("198.18.3.10"));
  private static final IpAddress PEER = IpAddress.parse("198.19.1.10");

  @Test
  void ranked_choosesInListOrder() {
    PreferencePolicy p = PreferencePolicy.ranked(List.of(2, 3));
    assertEquals(ETH1, p.choose(List.of(ETH0, ETH1, WWAN), PEER, ETH0.address()),
        "the first named interface wins over the hint");
    assertEquals(WWAN, p.choose(List.of(ETH0, WWAN), PEER, ETH0.address()),
        "the second named one comes next");
    assertEquals(ETH0, p.choose(List.of(ETH0), PEER, null), "an unnamed one is still usable");
  }

  @Test
  void ranked_advertisesRanks() {
    PreferencePolicy p = PreferencePolicy.ranked(List.of(2, 3));
    assertEquals(0, p.preference(ETH1));
    assertEquals(1, p.preference(WWAN));
    assertEquals(2, p.preference(ETH0), "unnamed interfaces come after every named one");
  }

  @Test
  void ranked_emptyTreatsAllAlike() {
    PreferencePolicy p = PreferencePolicy.ranked(List.of());
    assertEquals(ETH1, p.choose(List.of(ETH0, ETH1), PEER, ETH1.address()), "the hint wins");
    assertEquals(0, p.preference(ETH0));
  }

  @Test
  void addressLoss_movesFlowToNextPreferred() {
    Engine e = new Engine(EngineConfig.defaults(), new SeededEntropy(7),
        PreferencePolicy.ranked(List.of(2, 3)));
    Wire w = new Wire(new Host("A", e), new Host("B", 8));
    for (LocalAddress l : List.of(ETH0, ETH1, WWAN)) {
      w.a.handle(w.now, new Event.AddressAdded(l.ifIndex(), l.address()));
    }
    w.b.handle(w.now, new Event.AddressAdded(1, PEER));
    w.b.handle(w.now, new Event.Listen());
    w.a.handle(w.now, new Event.Connect(ETH1.address(), PEER));
    w.settle();
    FlowView flow = w.a.onlyFlow();
    assertEquals(ETH1.address(), flow.localAddress(), "the connection starts where asked");
    w.a.handle(w.now, new Event.AddressRemoved(2, ETH1.address()));
    w.settle();
    assertEquals(WWAN.address(), w.a.onlyFlow().localAddress(), "the next preferred, not eth0");
    assertEquals(FlowState.ESTABLISHED, w.a.onlyFlow().state());
  }
}
