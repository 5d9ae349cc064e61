/**
 * The ECCP engine: one pure state machine per host.
 *
 * <p>How to drive it: create an {@link org.eccp.engine.Engine} with an
 * {@link org.eccp.engine.EngineConfig}, an {@link org.eccp.engine.EntropySource} (seeded for
 * tests and simulations, {@link org.eccp.engine.SecureEntropy} in production) and an
 * {@link org.eccp.engine.InterfacePolicy}. Feed it {@link org.eccp.engine.Event}s with the current
 * time. Its effects go out through an {@link org.eccp.engine.ActionSink}. Tell it the host's addresses
 * first ({@code AddressAdded}): it sends only from, and accepts only packets to, addresses it
 * knows. Call {@code handle(now, new Event.Tick(), sink)} when {@code nextDeadline()} is due.
 *
 * <p>What it implements: the flow table of docs/protocol.md row for row
 * ({@link org.eccp.engine.TransitionTable}, walked by StateTableTest), the connection states
 * derived from the flows, echo, RST for unknown flows with a rate limit, the limits of
 * {@link org.eccp.engine.EngineConfig}, counters for every drop reason, and an allocation-free
 * flowID lookup ({@link org.eccp.engine.Engine#demux}).
 *
 * <p>What it does not: it keeps no keepalive, so a peer that vanished while this host sat in
 * ESTABLISHED is noticed only by the delivery protocol above; it does not try the peer's IList
 * when the peer's address stops answering (simultaneous movement, which the ECCP paper leaves to other mechanisms); a host without a
 * listener refuses SYNs rather than queueing them; {@code nextDeadline()} scans every flow.
 */
package org.eccp.engine;
