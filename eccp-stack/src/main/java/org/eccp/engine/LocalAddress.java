package org.eccp.engine;

import org.eccp.wire.IpAddress;

/** A local address and the interface that holds it. */
public record LocalAddress(int ifIndex, IpAddress address) {}
