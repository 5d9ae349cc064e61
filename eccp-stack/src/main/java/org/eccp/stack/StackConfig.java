package org.eccp.stack;

import java.nio.file.Path;
import org.eccp.engine.EngineConfig;
import org.eccp.wire.Encapsulation;

/**
 * The settings of an {@link EccpStack}.
 *
 * @param encapsulation ECCP directly in IP (protocol 253 by default) or in UDP on a port
 * @param addresses which local addresses the engine may use
 * @param engine the engine's timers and limits
 * @param listen true to accept incoming connections
 * @param pcap a file to write every ECCP packet sent and received to, or null
 */
public record StackConfig(Encapsulation encapsulation, AddressFilter addresses,
    EngineConfig engine, boolean listen, Path pcap) {

  /** ECCP in IP, every routable IPv4 address, engine defaults, not listening, no capture. */
  public static StackConfig defaults() {
    return new StackConfig(Encapsulation.DEFAULT, AddressFilter.ANY, EngineConfig.defaults(),
        false, null);
  }

  public StackConfig withEncapsulation(Encapsulation e) {
    return new StackConfig(e, addresses, engine, listen, pcap);
  }

  public StackConfig withAddresses(AddressFilter filter) {
    return new StackConfig(encapsulation, filter, engine, listen, pcap);
  }

  public StackConfig withListen(boolean accept) {
    return new StackConfig(encapsulation, addresses, engine, accept, pcap);
  }

  public StackConfig withPcap(Path file) {
    return new StackConfig(encapsulation, addresses, engine, listen, file);
  }
}
