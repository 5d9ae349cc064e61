package org.eccp.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Local address changes: flows bound to a lost address get "address lost", flows without an
 * address get "address added", and so do flows away from their home family when an address of
 * that family appears. Each connection whose IList changed and that sent no RSYN for it gets
 * "IList changed" on one flow.
 */
final class AddressEvents {
  private AddressEvents() {}

  static void added(Engine e, long now, LocalAddress a, ActionSink out) {
    if (e.isLocal(a.address())) {
      return;
    }
    e.localAddressList().add(a);
    e.localAddressesChanged();
    for (Flow f : flowsWhere(e, f -> f.localAddress == null || mayGoHome(e, f, a))) {
      e.dispatch(new Step(e, now, null, out), Trigger.ADDRESS_ADDED, f, null);
    }
    announce(e, now, out);
  }

  static void removed(Engine e, long now, List<LocalAddress> removed, ActionSink out) {
    boolean changed = false;
    for (LocalAddress a : removed) {
      changed |= e.localAddressList().removeIf(l -> l.address().equals(a.address()));
    }
    if (!changed) {
      return;
    }
    e.localAddressesChanged();
    for (LocalAddress a : removed) {
      for (Flow f : flowsWhere(e, f -> a.address().equals(f.localAddress))) {
        Step s = new Step(e, now, null, out);
        e.dispatch(s, Trigger.ADDRESS_LOST, f, null);
        e.closeRemaining(now, s.conn, out);
      }
    }
    announce(e, now, out);
  }

  /**
   * Returns true when {@code added} lets the flow return to its home family: the flow is away
   * from it in ESTABLISHED or RSYN_SENT, the address is of that family, and the peer's IList
   * has an address of that family too.
   */
  private static boolean mayGoHome(Engine e, Flow f, LocalAddress added) {
    boolean stable = f.state == FlowState.ESTABLISHED || f.state == FlowState.RSYN_SENT;
    return stable && f.awayFromHome() && added.address().isV6() == f.homeV6
        && Step.peerAddressOfFamily(e.connectionOf(f), f.homeV6) != null;
  }

  private static void announce(Engine e, long now, ActionSink out) {
    if (!e.config().announceInterfaceListChanges()) {
      return;
    }
    for (ConnectionView view : e.connections()) {
      if (e.announcedConnections().contains(view.id())) {
        continue;
      }
      for (FlowView v : view.flows()) {
        FlowState st = v.state();
        if (st == FlowState.ESTABLISHED || st == FlowState.RSYN_SENT
            || st == FlowState.RSYN_RCVD || st == FlowState.RSYN_SENT_RCVD) {
          e.dispatch(new Step(e, now, null, out), Trigger.ILIST_CHANGED, (Flow) v, null);
          break;
        }
      }
    }
  }

  private static List<Flow> flowsWhere(Engine e, java.util.function.Predicate<Flow> p) {
    List<Flow> out = new ArrayList<>();
    for (FlowView v : e.flows()) {
      Flow f = (Flow) v;
      if (p.test(f)) {
        out.add(f);
      }
    }
    return out;
  }
}
