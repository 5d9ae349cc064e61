package org.eccp.tools.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class LinkLayerTest {
  private static final byte[] MACS = new byte[12];

  private static byte[] ethernet(int... typesThenTags) {
    ByteBuffer b = ByteBuffer.allocate(12 + typesThenTags.length * 4 + 20);
    b.put(MACS);
    for (int i = 0; i < typesThenTags.length; i++) {
      b.putShort((short) typesThenTags[i]);
      if (i < typesThenTags.length - 1) {
        b.putShort((short) 0x0005); // VLAN tag control information: VLAN 5
      }
    }
    b.put((byte) 0x45);
    return b.array();
  }

  @Test
  void ethernet_skipsVlanTags() {
    LinkLayer link = new LinkLayer(LinkLayer.DLT_EN10MB);
    byte[] plain = ethernet(0x0800);
    assertEquals(14, link.ipOffset(plain, plain.length));
    byte[] tagged = ethernet(0x8100, 0x86dd);
    assertEquals(18, link.ipOffset(tagged, tagged.length));
    byte[] doubleTagged = ethernet(0x88a8, 0x8100, 0x0800);
    assertEquals(22, link.ipOffset(doubleTagged, doubleTagged.length));
  }

  @Test
  void ethernet_reportsWhyFrameIsNotIp() {
    LinkLayer link = new LinkLayer(LinkLayer.DLT_EN10MB);
    byte[] arp = ethernet(0x0806);
    assertEquals(LinkLayer.NOT_IP, link.ipOffset(arp, arp.length));
    assertEquals("not IP: protocol type 0x0806", link.reason());
    assertEquals(LinkLayer.NOT_IP, link.ipOffset(arp, 10));
    assertEquals("truncated Ethernet header, 10 of 14 bytes", link.reason());
    byte[] tagged = ethernet(0x8100, 0x0800);
    assertEquals(LinkLayer.NOT_IP, link.ipOffset(tagged, 16));
    assertEquals("truncated VLAN tag", link.reason());
    byte[] threeTags = ethernet(0x8100, 0x8100, 0x8100, 0x0800);
    assertEquals(LinkLayer.NOT_IP, link.ipOffset(threeTags, threeTags.length));
  }

  @Test
  void cookedCaptures_readTheirProtocolField() {
    byte[] v1 = new byte[16 + 20];
    v1[14] = (byte) 0x86;
    v1[15] = (byte) 0xdd;
    assertEquals(16, new LinkLayer(LinkLayer.DLT_LINUX_SLL).ipOffset(v1, v1.length));
    byte[] v2 = new byte[20 + 20];
    v2[0] = 0x08;
    assertEquals(20, new LinkLayer(LinkLayer.DLT_LINUX_SLL2).ipOffset(v2, v2.length));
    LinkLayer sll2 = new LinkLayer(LinkLayer.DLT_LINUX_SLL2);
    assertEquals(LinkLayer.NOT_IP, sll2.ipOffset(v2, 19));
    assertEquals("truncated Linux cooked v2 header, 19 of 20 bytes", sll2.reason());
  }

  @Test
  void rawAndLoopback_needNoProtocolField() {
    byte[] packet = new byte[24];
    for (int type : new int[] {LinkLayer.DLT_RAW, LinkLayer.DLT_RAW_OPENBSD,
        LinkLayer.LINKTYPE_RAW, LinkLayer.DLT_IPV4, LinkLayer.DLT_IPV6}) {
      assertEquals(0, new LinkLayer(type).ipOffset(packet, packet.length), "link type " + type);
    }
    assertEquals(4, new LinkLayer(LinkLayer.DLT_NULL).ipOffset(packet, packet.length));
    assertEquals(4, new LinkLayer(LinkLayer.DLT_LOOP).ipOffset(packet, packet.length));
  }

  @Test
  void unsupportedLinkType_isRejected() {
    assertFalse(LinkLayer.isSupported(105));
    assertTrue(LinkLayer.isSupported(276));
    assertEquals("link type 105", LinkLayer.name(105));
    assertThrows(IllegalArgumentException.class, () -> new LinkLayer(105));
  }
}
