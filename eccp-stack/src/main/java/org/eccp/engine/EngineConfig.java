package org.eccp.engine;

/**
 * Every tunable of the engine, with the reason for each default. Times are in nanoseconds.
 *
 * @param initialRetransmitNanos first retransmission after 200 ms: the minimum RTO of Linux TCP;
 *     control exchanges are rare, so a short first retry makes a migration quick, and the backoff
 *     keeps a slow path from being flooded
 * @param maxRetransmitNanos backoff stops doubling at 3.2 s, so a path that comes back after a
 *     long outage is found again within seconds
 * @param maxRetries 6 retransmissions (200 ms to 3.2 s, 12.6 s of waiting in all) before a flow
 *     fails: longer than a typical Wi-Fi roam or DHCP renewal, short enough to report a dead
 *     path before a user gives up
 * @param noAddressPatienceNanos a flow waits 30 s without a usable address before it fails: in
 *     the ECCP paper's VM migration experiment the host had no address for about 10 s, so
 *     three times that leaves room for a slow DHCP server
 * @param timeWaitNanos TIME_WAIT lasts 8 s: longer than two of the longest retransmission
 *     intervals, so a retransmitted FIN-ACK still finds the flow and old packets die out
 * @param maxConnections 65,536 connections per host bound the memory a peer can make us spend
 * @param maxHalfOpen 1,024 flows in SYN_RCVD at once bound what a SYN flood can hold
 * @param maxFlowsPerConnection 16 flows per connection: more interfaces than a host usually has,
 *     few enough that one peer cannot exhaust the flow table through one connection
 * @param rstPerSecond at most 100 RSTs a second for unknown flows, so the host cannot be used to
 *     reflect a flood
 * @param rstBurst up to 20 RSTs at once before the rate applies
 * @param initialFlowCapacity the flow table starts with room for 1,024 flows and doubles as
 *     needed (up to millions)
 * @param announceInterfaceListChanges when a local address appears or goes away, send the new
 *     IList to each peer with an RSYN (the IList-only update of the ECCP paper)
 * @param instanceTag 0 (the default) for a host alone on its link; otherwise a number from 1 to
 *     {@link #MAX_TAG} that goes into the top {@link #TAG_BITS} bits of every flowID this engine
 *     picks. A tagged engine drops packets for flowIDs with another tag, and a SYN when it is
 *     not listening, and sends no RST in reply, because on a raw IP link every ECCP program on
 *     the host receives the packets of all the others
 */
public record EngineConfig(
    long initialRetransmitNanos,
    long maxRetransmitNanos,
    int maxRetries,
    long noAddressPatienceNanos,
    long timeWaitNanos,
    int maxConnections,
    int maxHalfOpen,
    int maxFlowsPerConnection,
    int rstPerSecond,
    int rstBurst,
    int initialFlowCapacity,
    boolean announceInterfaceListChanges,
    int instanceTag) {

  private static final long MS = 1_000_000L;
  /**
   * Bits of a flowID that contain the instance tag. The other 22 bits identify the engine's flows.
   * NOTE: two engines that draw the same tag (1 chance in 1023 per pair) still reset each
   * other's flows.
   */
  public static final int TAG_BITS = 10;
  public static final int FLOW_BITS = 32 - TAG_BITS;
  public static final int MAX_TAG = (1 << TAG_BITS) - 1;

  public EngineConfig {
    if (initialRetransmitNanos <= 0 || maxRetransmitNanos < initialRetransmitNanos) {
      throw new IllegalArgumentException("retransmission times must be positive, max >= initial");
    }
    if (maxRetries < 0 || maxConnections < 1 || maxHalfOpen < 1 || maxFlowsPerConnection < 1) {
      throw new IllegalArgumentException("retries must be >= 0 and every limit >= 1");
    }
    if (noAddressPatienceNanos <= 0 || timeWaitNanos <= 0 || rstPerSecond < 0 || rstBurst < 0) {
      throw new IllegalArgumentException("timers must be positive and RST rates >= 0");
    }
    if (instanceTag < 0 || instanceTag > MAX_TAG) {
      throw new IllegalArgumentException("instance tag " + instanceTag + " is not in 0.." + MAX_TAG);
    }
  }

  /** Returns the defaults documented above. */
  public static EngineConfig defaults() {
    return new EngineConfig(200 * MS, 3200 * MS, 6, 30_000 * MS, 8_000 * MS, 65_536, 1_024, 16,
        100, 20, 1_024, true, 0);
  }

  public EngineConfig withMaxRetries(int n) {
    return new EngineConfig(initialRetransmitNanos, maxRetransmitNanos, n, noAddressPatienceNanos,
        timeWaitNanos, maxConnections, maxHalfOpen, maxFlowsPerConnection, rstPerSecond, rstBurst,
        initialFlowCapacity, announceInterfaceListChanges, instanceTag);
  }

  /** Returns this config with other timers (for simulations that want short runs). */
  public EngineConfig withTimers(long initialRetransmit, long maxRetransmit, long noAddressPatience,
      long timeWait) {
    return new EngineConfig(initialRetransmit, maxRetransmit, maxRetries, noAddressPatience,
        timeWait, maxConnections, maxHalfOpen, maxFlowsPerConnection, rstPerSecond, rstBurst,
        initialFlowCapacity, announceInterfaceListChanges, instanceTag);
  }

  public EngineConfig withLimits(int connections, int halfOpen, int flowsPerConnection) {
    return new EngineConfig(initialRetransmitNanos, maxRetransmitNanos, maxRetries,
        noAddressPatienceNanos, timeWaitNanos, connections, halfOpen, flowsPerConnection,
        rstPerSecond, rstBurst, initialFlowCapacity, announceInterfaceListChanges, instanceTag);
  }

  public EngineConfig withAnnounceInterfaceListChanges(boolean announce) {
    return new EngineConfig(initialRetransmitNanos, maxRetransmitNanos, maxRetries,
        noAddressPatienceNanos, timeWaitNanos, maxConnections, maxHalfOpen, maxFlowsPerConnection,
        rstPerSecond, rstBurst, initialFlowCapacity, announce, instanceTag);
  }

  /** Returns this config with an instance tag (0 for none). */
  public EngineConfig withInstanceTag(int tag) {
    return new EngineConfig(initialRetransmitNanos, maxRetransmitNanos, maxRetries,
        noAddressPatienceNanos, timeWaitNanos, maxConnections, maxHalfOpen, maxFlowsPerConnection,
        rstPerSecond, rstBurst, initialFlowCapacity, announceInterfaceListChanges, tag);
  }

  /** Returns a tag from 1 to {@link #MAX_TAG} drawn from {@code entropy}. */
  public static int drawTag(EntropySource entropy) {
    return 1 + Integer.remainderUnsigned(entropy.nextInt(), MAX_TAG);
  }

  /** Returns the tag that {@code flowId} carries: its top {@link #TAG_BITS} bits. */
  public static int tagOf(int flowId) {
    return flowId >>> FLOW_BITS;
  }

  /**
   * Returns true when {@code flowId} cannot be one of this engine's flows: the engine is tagged
   * and the flowID carries another tag.
   */
  public boolean otherStack(int flowId) {
    return instanceTag != 0 && tagOf(flowId) != instanceTag;
  }

  /** Makes a random number into a flowID of this engine: the tag goes into the top bits. */
  public int tagFlowId(int random) {
    int flowPart = random & ((1 << FLOW_BITS) - 1);
    return instanceTag == 0 ? random : (instanceTag << FLOW_BITS) | flowPart;
  }

  /** Returns the retransmission interval after {@code retries} retransmissions. */
  public long retransmitInterval(int retries) {
    long t = initialRetransmitNanos << Math.min(retries, 20);
    return t <= 0 || t > maxRetransmitNanos ? maxRetransmitNanos : t;
  }
}
