package org.eccp.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;

class TappedLinkTest {
  private static final IpAddress LOCAL = IpAddress.parse("198.18.0.1");
  private static final IpAddress REMOTE = IpAddress.parse("198.18.0.2");

  private static Bytes<?> packet(int firstByte) {
    Bytes<?> b = Bytes.allocateDirect(128);
    b.writePosition(64);
    b.readPosition(64);
    b.writeUnsignedByte(firstByte);
    return b;
  }

  @Test
  void tapSeesSentPacketAndLeavesPositions() throws Exception {
    ImpairedLinkTest.RecordingLink inner = new ImpairedLinkTest.RecordingLink();
    List<String> seen = new ArrayList<>();
    TappedLink link = new TappedLink(inner, (out, local, remote, p) -> {
      seen.add(out + " " + local + " " + remote + " " + p.readUnsignedByte());
    });
    Bytes<?> p = packet(9);

    link.send(LOCAL, REMOTE, p);

    assertEquals(List.of("true 198.18.0.1 198.18.0.2 9"), seen);
    assertEquals(List.of(9), inner.sent);
    assertEquals(64, p.readPosition());
  }

  @Test
  void failingTapDoesNotStopSend() throws Exception {
    ImpairedLinkTest.RecordingLink inner = new ImpairedLinkTest.RecordingLink();
    TappedLink link = new TappedLink(inner, (out, local, remote, p) -> {
      throw new IllegalStateException("tap broke");
    });

    link.send(LOCAL, REMOTE, packet(1));
    link.send(LOCAL, REMOTE, packet(2));

    assertEquals(List.of(1, 2), inner.sent);
    assertEquals(2, link.tapFailures());
  }
}
