package org.eccp.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class RtnetlinkParserTest {

  /** Writes an RTM_NEWADDR for 198.18.5.1/24 on ifindex 7, with IFA_ADDRESS and IFA_LOCAL. */
  static void newAddress(Bytes<?> b, int type) {
    b.writeInt(16 + 8 + 8 + 8);       // nlmsg_len
    b.writeUnsignedShort(type);       // nlmsg_type
    b.writeUnsignedShort(0);          // nlmsg_flags
    b.writeInt(0);                    // nlmsg_seq
    b.writeInt(0);                    // nlmsg_pid
    b.writeUnsignedByte(2);           // ifa_family AF_INET
    b.writeUnsignedByte(24);          // ifa_prefixlen
    b.writeUnsignedByte(0);           // ifa_flags
    b.writeUnsignedByte(0);           // ifa_scope
    b.writeInt(7);                    // ifa_index
    b.writeUnsignedShort(8);          // rta_len
    b.writeUnsignedShort(1);          // IFA_ADDRESS
    b.write(new byte[] {(byte) 198, 18, 5, 9});
    b.writeUnsignedShort(8);          // rta_len
    b.writeUnsignedShort(2);          // IFA_LOCAL
    b.write(new byte[] {(byte) 198, 18, 5, 1});
  }

  /**
   * Writes an RTM_NEWADDR for fd00:0:18:1::10/64 on ifindex 4 with IFA_ADDRESS, ifa_flags
   * {@code shortFlags} and, when {@code longFlags} is not null, an IFA_FLAGS attribute.
   */
  static void newAddress6(Bytes<?> b, int shortFlags, Integer longFlags) {
    b.writeInt(16 + 8 + 20 + (longFlags == null ? 0 : 8));
    b.writeUnsignedShort(20);         // RTM_NEWADDR
    b.writeUnsignedShort(0);
    b.writeInt(0);
    b.writeInt(0);
    b.writeUnsignedByte(10);          // ifa_family AF_INET6
    b.writeUnsignedByte(64);          // ifa_prefixlen
    b.writeUnsignedByte(shortFlags);  // ifa_flags
    b.writeUnsignedByte(0);           // ifa_scope: universe
    b.writeInt(4);                    // ifa_index
    b.writeUnsignedShort(20);         // rta_len
    b.writeUnsignedShort(1);          // IFA_ADDRESS
    b.write(IpAddress.parse("fd00:0:18:1::10").toBytes());
    if (longFlags != null) {
      b.writeUnsignedShort(8);        // rta_len
      b.writeUnsignedShort(8);        // IFA_FLAGS, host order like the other fields
      b.writeInt(longFlags);
    }
  }

  @Test
  void ipv6AddressCarriesTentativeFlag() {
    IpAddress v6 = IpAddress.parse("fd00:0:18:1::10");
    int tentative = 0x40;
    int dadFailed = 0x08;
    int permanent = 0x80;
    int nodad = 0x02;
    int managedTemporaryAddress = 0x100;
    Bytes<?> b = Bytes.allocateDirect(512);
    newAddress6(b, tentative | permanent, null);
    newAddress6(b, permanent, null);
    newAddress6(b, dadFailed | tentative, dadFailed | tentative);
    newAddress6(b, 0, permanent | nodad | managedTemporaryAddress);
    newAddress6(b, tentative, 0);
    RtnetlinkParser parser = new RtnetlinkParser();

    List<NetlinkEvent> events = parse(b, (int) b.writePosition(), parser);

    assertEquals(List.of(new NetlinkEvent.AddressAdded(4, v6, 64, true),
        new NetlinkEvent.AddressAdded(4, v6, 64, false),
        new NetlinkEvent.AddressAdded(4, v6, 64, true),
        new NetlinkEvent.AddressAdded(4, v6, 64, false),
        new NetlinkEvent.AddressAdded(4, v6, 64, false)), events,
        "IFA_FLAGS, when present, replaces the 8-bit ifa_flags");
    assertEquals(0, parser.malformed());
  }

  /** Writes an RTM_NEWLINK for ifindex 3 named "veth0", up but not running. */
  static void newLink(Bytes<?> b) {
    b.writeInt(16 + 16 + 12);
    b.writeUnsignedShort(16);         // RTM_NEWLINK
    b.writeUnsignedShort(0);
    b.writeInt(0);
    b.writeInt(0);
    b.writeUnsignedByte(0);           // ifi_family
    b.writeUnsignedByte(0);           // pad
    b.writeUnsignedShort(1);          // ifi_type
    b.writeInt(3);                    // ifi_index
    b.writeInt(0x1);                  // ifi_flags: IFF_UP
    b.writeInt(0);                    // ifi_change
    b.writeUnsignedShort(10);         // rta_len: 4 + "veth0\0"
    b.writeUnsignedShort(3);          // IFLA_IFNAME
    b.write(new byte[] {'v', 'e', 't', 'h', '0', 0, 0, 0});
  }

  private static List<NetlinkEvent> parse(Bytes<?> b, int length, RtnetlinkParser parser) {
    List<NetlinkEvent> events = new ArrayList<>();
    parser.parse(b, 0, length, events::add);
    return events;
  }

  @Test
  void addressAndLinkMessagesBecomeEvents() {
    Bytes<?> b = Bytes.allocateDirect(256);
    newAddress(b, 20);
    newAddress(b, 21);
    newLink(b);
    RtnetlinkParser parser = new RtnetlinkParser();

    List<NetlinkEvent> events = parse(b, (int) b.writePosition(), parser);

    IpAddress local = IpAddress.parse("198.18.5.1");
    assertEquals(List.of(new NetlinkEvent.AddressAdded(7, local, 24),
        new NetlinkEvent.AddressRemoved(7, local, 24),
        new NetlinkEvent.LinkChanged(3, "veth0", true, false)), events);
    assertEquals(0, parser.malformed());
  }

  @Test
  void doneReturnsDumpSequence() {
    Bytes<?> b = Bytes.allocateDirect(64);
    b.writeInt(20);
    b.writeUnsignedShort(3);          // NLMSG_DONE
    b.writeUnsignedShort(2);
    b.writeInt(1);                    // sequence of the dump
    b.writeInt(0);
    b.writeInt(0);
    List<NetlinkEvent> events = new ArrayList<>();

    int done = new RtnetlinkParser().parse(b, 0, 20, events::add);

    assertEquals(1, done);
    assertEquals(List.of(), events);
  }

  @Test
  void everyTruncatedPrefixIsCountedNotThrown() {
    Bytes<?> b = Bytes.allocateDirect(256);
    newAddress(b, 20);
    newLink(b);
    int whole = (int) b.writePosition();
    for (int length = 0; length < whole; length++) {
      RtnetlinkParser parser = new RtnetlinkParser();
      List<NetlinkEvent> events = parse(b, length, parser);
      assertTrue(events.size() <= 1, "prefix " + length + ": " + events);
      if (length > 0 && length != 40) {
        assertTrue(parser.malformed() > 0, "prefix " + length + " not counted");
      }
    }
  }

  @Test
  void randomBytesNeverThrow() {
    long seed = 20261204L;
    Random random = new Random(seed);
    Bytes<?> b = Bytes.allocateDirect(512);
    for (int round = 0; round < 20_000; round++) {
      b.clear();
      int length = random.nextInt(200);
      for (int i = 0; i < length; i++) {
        b.writeByte((byte) random.nextInt());
      }
      if (round % 2 == 0 && length >= 8) {
        // A plausible header with a fitting length makes the parser reach the attribute loops.
        b.writeInt(0, length);
        b.writeUnsignedShort(4, 20 + random.nextInt(2));
        if (length >= 17) {
          b.writeByte(16, (byte) (random.nextBoolean() ? 2 : 10));
        }
      }
      try {
        parse(b, length, new RtnetlinkParser());
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " round " + round + " threw", e);
      }
    }
  }
}
