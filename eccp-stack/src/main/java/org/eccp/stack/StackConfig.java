package org.eccp.stack;

import org.eccp.engine.EngineConfig;
import org.eccp.wire.Encapsulation;

/**
 * How an {@link EccpStack} runs.
 *
 * @param encapsulation ECCP directly in IP (protocol 253 by default) or in UDP on a port
 * @param addresses which local addresses the engine may use
 * @param engine the engine's timers and limits
 * @param listen true to accept incoming connections
 */
public record StackConfig(Encapsulation encapsulation, AddressFilter addresses,
    EngineConfig engine, boolean listen) {

  /** ECCP in IP, every routable IPv4 address, engine defaults, not listening. */
  public static StackConfig defaults() {
    return new StackConfig(Encapsulation.DEFAULT, AddressFilter.ANY, EngineConfig.defaults(),
        false);
  }

  public StackConfig withEncapsulation(Encapsulation e) {
    return new StackConfig(e, addresses, engine, listen);
  }

  public StackConfig withAddresses(AddressFilter filter) {
    return new StackConfig(encapsulation, filter, engine, listen);
  }

  public StackConfig withListen(boolean accept) {
    return new StackConfig(encapsulation, addresses, engine, accept);
  }
}
