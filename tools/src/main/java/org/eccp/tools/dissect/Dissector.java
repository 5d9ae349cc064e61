package org.eccp.tools.dissect;

import net.openhft.chronicle.bytes.BytesStore;
import org.eccp.wire.CheckResult;
import org.eccp.wire.EccpHeader;
import org.eccp.wire.Problem;

/** Turns captured records into {@link Outcome}s: link layer, then IP and UDP, then ECCP. */
public final class Dissector {
  private final LinkLayer link;
  private final IpLocator locator;
  private final EccpHeader header = new EccpHeader();

  /**
   * @param linkType the capture's link type as libpcap reports it
   * @param eccpProtocol the IP protocol number of ECCP directly in IP
   * @param eccpPort the UDP port of ECCP in UDP
   */
  public Dissector(int linkType, int eccpProtocol, int eccpPort) {
    this.link = new LinkLayer(linkType);
    this.locator = new IpLocator(eccpProtocol, eccpPort);
  }

  public Outcome dissect(CaptureReader.Record record) {
    byte[] frame = record.data();
    int ip = link.ipOffset(frame, frame.length);
    if (ip == LinkLayer.NOT_IP) {
      return new Outcome.Other(record.number(), record.epochNanos(), link.reason());
    }
    boolean cut = frame.length < record.originalLength();
    return switch (locator.locate(frame, ip, frame.length, cut)) {
      case OTHER -> new Outcome.Other(record.number(), record.epochNanos(), locator.message);
      case MALFORMED -> malformed(record, locator.problemKey,
          cut && locator.problemKey.equals(IpLocator.key(Problem.TRUNCATED_UDP))
              ? locator.message + kept(record) : locator.message);
      case ECCP -> eccp(record);
    };
  }

  private Outcome eccp(CaptureReader.Record record) {
    byte[] frame = record.data();
    // The IP header may claim more bytes than the capture kept.
    int offset = Math.min(locator.eccpOffset, frame.length);
    int present = Math.min(locator.eccpLength, frame.length - offset);
    header.wrap(BytesStore.wrap(frame), offset, present);
    CheckResult check = header.check();
    if (!check.ok()) {
      String message = check.message();
      if (present < locator.eccpLength && frame.length < record.originalLength()) {
        message += kept(record);
      }
      return malformed(record, IpLocator.key(check.problem()), message);
    }
    return new Outcome.Eccp(record.number(), record.epochNanos(), locator.source,
        locator.sourcePort, locator.destination, locator.destinationPort, header.toPacket(),
        header.headerLength(), locator.eccpLength - header.headerLength());
  }

  /** Says how much of a cut record the capture kept, and how to capture it whole. */
  private static String kept(CaptureReader.Record record) {
    return " (the capture kept " + record.data().length + " of " + record.originalLength()
        + " bytes: capture again with a larger snap length, for example tcpdump -s 0)";
  }

  private Outcome malformed(CaptureReader.Record record, String problem, String message) {
    return new Outcome.Malformed(record.number(), record.epochNanos(), locator.source,
        locator.sourcePort, locator.destination, locator.destinationPort, problem, message);
  }
}
