package org.eccp.engine;

import java.util.List;
import org.eccp.wire.IpAddress;

/**
 * Chooses this host's local address for a flow: on a SYN it receives, on an address loss, and
 * when a new address appears. A policy must be immutable: copies of an engine share it.
 */
public interface InterfacePolicy {
  /**
   * Returns one of {@code candidates} (never empty; all of the family of {@code remote}) for a
   * flow to {@code remote}. {@code hint} is the address the peer used or the flow had (may be
   * null or not among the candidates).
   */
  LocalAddress choose(List<LocalAddress> candidates, IpAddress remote, IpAddress hint);

  /** The preference advertised for this address in the IList, 0 most preferred, up to 255. */
  int preference(LocalAddress address);
}
