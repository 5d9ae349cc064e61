package org.eccp.engine;

import org.eccp.wire.IpAddress;

/** A local address and the index of its interface. */
public record LocalAddress(int ifIndex, IpAddress address) {}
