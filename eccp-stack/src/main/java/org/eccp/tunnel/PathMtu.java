package org.eccp.tunnel;

import org.eccp.wire.IpAddress;

/**
 * The path MTU of one flow: the largest outer IP packet that its current path carries, and the
 * largest inner packet that fits in it. Written by the loop thread (a new path), the outbound
 * thread (EMSGSIZE) and the ICMP thread; read by the outbound thread for every packet.
 */
public final class PathMtu {
  private volatile int outer;
  private volatile int inner;
  /** The path the value was learned for; null until the flow has both addresses. */
  private IpAddress local;
  private IpAddress remote;

  PathMtu(int outer, int inner) {
    this.outer = outer;
    this.inner = inner;
  }

  /** Returns the largest outer IP packet, ECCP and tunnel headers included. */
  public int outer() {
    return outer;
  }

  /** Returns the largest inner packet the flow carries now. */
  public int inner() {
    return inner;
  }

  /** Returns whether the value was learned for this path. */
  synchronized boolean isFor(IpAddress localAddress, IpAddress remoteAddress) {
    return localAddress.equals(local) && remoteAddress.equals(remote);
  }

  /**
   * Starts over for a new path, or with null addresses for a path whose MTU is not known yet;
   * returns the previous outer MTU.
   */
  synchronized int reset(IpAddress localAddress, IpAddress remoteAddress, int newOuter,
      int newInner) {
    int old = outer;
    local = localAddress;
    remote = remoteAddress;
    outer = newOuter;
    inner = newInner;
    return old;
  }

  /**
   * Lowers the MTU when {@code newOuter} is below it and the value belongs to this path or to
   * none yet; returns the previous outer MTU, or -1 when nothing changed.
   */
  synchronized int lower(IpAddress localAddress, IpAddress remoteAddress, int newOuter,
      int newInner) {
    boolean unknown = local == null;
    if (newOuter >= outer || !unknown
        && (!localAddress.equals(local) || !remoteAddress.equals(remote))) {
      return -1;
    }
    local = localAddress;
    remote = remoteAddress;
    int old = outer;
    outer = newOuter;
    inner = newInner;
    return old;
  }
}
