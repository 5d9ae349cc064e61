package org.eccp.stack;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.eccp.link.ImpairedLink;
import org.eccp.link.ImpairmentFile;
import org.eccp.link.LabMembership;
import org.eccp.link.NetworkImpairment;
import org.eccp.netlink.NetlinkEvent;
import org.eccp.wire.IpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which lab network each local address is on, learnt from the same rtnetlink events that feed
 * the engine: an interface's name gives its network ({@link LabMembership#networkOf}), and an
 * address belongs to its interface's network. The event loop applies the events. Senders on any
 * thread read an immutable snapshot, replaced on every change, so a lookup takes no lock.
 */
final class LabImpairments implements ImpairedLink.Networks {
  private static final Logger LOG = LoggerFactory.getLogger(LabImpairments.class);

  private final LabMembership lab;
  private final LongSupplier nanoClock;
  private final Map<Integer, String> networkOfInterface = new HashMap<>();
  private final Map<String, NetworkImpairment> networks = new HashMap<>();
  private final Map<IpAddress, Integer> interfaceOfAddress = new HashMap<>();
  private volatile Map<IpAddress, NetworkImpairment> bySource = Map.of();

  LabImpairments(LabMembership lab, LongSupplier nanoClock) {
    this.lab = lab;
    this.nanoClock = nanoClock;
  }

  @Override
  public NetworkImpairment of(IpAddress local) {
    return bySource.get(local);
  }

  /** Applies one rtnetlink event. Call it on the loop thread only. */
  void apply(NetlinkEvent event) {
    if (event instanceof NetlinkEvent.LinkChanged l && l.name() != null) {
      String network = LabMembership.networkOf(l.name());
      if (network == null) {
        networkOfInterface.remove(l.ifindex());
      } else {
        networkOfInterface.put(l.ifindex(), network);
      }
    } else if (event instanceof NetlinkEvent.LinkRemoved l) {
      networkOfInterface.remove(l.ifindex());
      interfaceOfAddress.values().removeIf(i -> i == l.ifindex());
    } else if (event instanceof NetlinkEvent.AddressAdded a) {
      interfaceOfAddress.put(a.address(), a.ifindex());
    } else if (event instanceof NetlinkEvent.AddressRemoved r) {
      interfaceOfAddress.remove(r.address(), r.ifindex());
    } else {
      return;
    }
    publish();
  }

  private void publish() {
    Map<IpAddress, NetworkImpairment> next = new HashMap<>();
    for (Map.Entry<IpAddress, Integer> e : interfaceOfAddress.entrySet()) {
      String network = networkOfInterface.get(e.getValue());
      if (network != null) {
        next.put(e.getKey(), networks.computeIfAbsent(network, this::open));
      }
    }
    if (!next.equals(bySource)) {
      LOG.debug("lab {} networks by local address: {}", lab.lab(), next);
      bySource = Map.copyOf(next);
    }
  }

  private NetworkImpairment open(String network) {
    ImpairmentFile file = new ImpairmentFile(lab.impairmentFile(network), nanoClock);
    LOG.info("packets sent on lab network {} follow {}", network, file.path());
    return new NetworkImpairment(network, file);
  }

  /** Returns the name of the network of {@code local}, or null. Used by tests. */
  String networkOf(IpAddress local) {
    NetworkImpairment n = bySource.get(local);
    return n == null ? null : n.name();
  }
}
