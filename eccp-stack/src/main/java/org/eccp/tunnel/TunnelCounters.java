package org.eccp.tunnel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What a tunnel end counts; safe to read from any thread. */
public final class TunnelCounters {
  /** Inner packets read from the TUN device and sent into the tunnel. */
  public final AtomicLong sentPackets = new AtomicLong();
  public final AtomicLong sentBytes = new AtomicLong();
  /** Inner packets that arrived through the tunnel and were written to the TUN device. */
  public final AtomicLong receivedPackets = new AtomicLong();
  public final AtomicLong receivedBytes = new AtomicLong();
  /** Received inner packets that took the engine's path (flow not yet known to the data path). */
  public final AtomicLong slowPath = new AtomicLong();
  /** TCP SYNs whose MSS was lowered. */
  public final AtomicLong mssClamped = new AtomicLong();
  /** Packets from the TUN device shorter than an IP header. */
  public final AtomicLong dropTooShort = new AtomicLong();
  /** Packets whose IP length disagrees with the bytes read or received. */
  public final AtomicLong dropLengthMismatch = new AtomicLong();
  /** Packets that are neither IPv4 nor IPv6. */
  public final AtomicLong dropNotIp = new AtomicLong();
  /** Packets from the TUN device held while no flow could carry them, sent later. */
  public final AtomicLong held = new AtomicLong();
  /** Packets sent again after the peer moved, because copies sent to its old address were lost. */
  public final AtomicLong resent = new AtomicLong();
  /** Packets from the TUN device that no flow could carry and that could not be held. */
  public final AtomicLong dropNoFlow = new AtomicLong();
  /** Packets the kernel refused to send. */
  public final AtomicLong dropSendError = new AtomicLong();
  /** Packets the TUN device refused. */
  public final AtomicLong dropTunWrite = new AtomicLong();
  /** Changes of a flow's path MTU: a new path, EMSGSIZE, or an ICMP error. */
  public final AtomicLong pmtuChanges = new AtomicLong();
  /** Outer packets that the kernel refused with EMSGSIZE (larger than the interface MTU). */
  public final AtomicLong sendTooBig = new AtomicLong();
  /** Inner packets dropped because they do not fit their flow's path MTU. */
  public final AtomicLong dropTooBig = new AtomicLong();
  /** Of those, IPv4 packets without DF: the sender allows fragmentation, the tunnel does not. */
  public final AtomicLong dropTooBigNoDf = new AtomicLong();
  /** ICMP "fragmentation needed" and ICMPv6 "packet too big" written to the TUN device. */
  public final AtomicLong icmpTooBigSent = new AtomicLong();
  /** Too-big inner packets left without an ICMP error by the rate limit. */
  public final AtomicLong icmpRateLimited = new AtomicLong();
  /** Received ICMP "fragmentation needed" messages that lowered or confirmed a flow's MTU. */
  public final AtomicLong icmpFragNeeded = new AtomicLong();
  /** Valid "fragmentation needed" messages about ECCP packets of no current flow or path. */
  public final AtomicLong icmpUnmatched = new AtomicLong();
  /** Received "destination unreachable" messages that were malformed. */
  public final AtomicLong icmpMalformed = new AtomicLong();

  void drop(InnerPackets.Verdict v) {
    switch (v) {
      case TOO_SHORT -> dropTooShort.incrementAndGet();
      case LENGTH_MISMATCH -> dropLengthMismatch.incrementAndGet();
      case NOT_IP -> dropNotIp.incrementAndGet();
      default -> { }
    }
  }

  /** Every counter by name, in a fixed order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("sent_packets", sentPackets.get());
    m.put("sent_bytes", sentBytes.get());
    m.put("received_packets", receivedPackets.get());
    m.put("received_bytes", receivedBytes.get());
    m.put("slow_path", slowPath.get());
    m.put("mss_clamped", mssClamped.get());
    m.put("held", held.get());
    m.put("resent", resent.get());
    m.put("drop_too_short", dropTooShort.get());
    m.put("drop_length_mismatch", dropLengthMismatch.get());
    m.put("drop_not_ip", dropNotIp.get());
    m.put("drop_no_flow", dropNoFlow.get());
    m.put("drop_send_error", dropSendError.get());
    m.put("drop_tun_write", dropTunWrite.get());
    m.put("pmtu_changes", pmtuChanges.get());
    m.put("send_emsgsize", sendTooBig.get());
    m.put("drop_too_big", dropTooBig.get());
    m.put("drop_too_big_no_df", dropTooBigNoDf.get());
    m.put("icmp_too_big_sent", icmpTooBigSent.get());
    m.put("icmp_rate_limited", icmpRateLimited.get());
    m.put("icmp_frag_needed", icmpFragNeeded.get());
    m.put("icmp_unmatched", icmpUnmatched.get());
    m.put("icmp_malformed", icmpMalformed.get());
    return m;
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
