package org.eccp.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the golden vectors from docs/protocol.md and checks them against the codec. */
class GoldenVectorsTest {
  private static final String FENCE = "```eccp-vector ";
  private static Map<String, byte[]> vectors;

  @BeforeAll
  static void readVectors() throws IOException {
    vectors = parse(Files.readAllLines(protocolDoc()));
  }

  /** Returns the fenced blocks named {@code eccp-vector NAME}, hex before each '#'. */
  static Map<String, byte[]> parse(List<String> lines) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    String name = null;
    StringBuilder hex = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith(FENCE)) {
        name = line.substring(FENCE.length()).trim();
        hex.setLength(0);
      } else if (name != null && line.startsWith("```")) {
        out.put(name, Hex.bytes(hex.toString()));
        name = null;
      } else if (name != null) {
        int comment = line.indexOf('#');
        hex.append(comment < 0 ? line : line.substring(0, comment));
      }
    }
    return out;
  }

  static Path protocolDoc() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/protocol.md"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("docs/protocol.md not found above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve("docs/protocol.md");
  }

  @Test
  void docHasOneVectorPerExpectedPacket() {
    assertEquals(GoldenPackets.all().keySet(), vectors.keySet());
    Set<PacketType> types = GoldenPackets.all().values().stream()
        .map(v -> v.packet().type()).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(PacketType.class), types);
  }

  @Test
  void vectorsParseToTheExpectedValues() {
    GoldenPackets.all().forEach((name, expected) -> {
      byte[] bytes = vectors.get(name);
      EccpHeader view = new EccpHeader().wrap(Hex.store(bytes), 0, bytes.length);
      CheckResult result = view.check();
      assertTrue(result.ok(), () -> name + ": " + result.message());
      EccpPacket packet = expected.packet();
      assertEquals(packet.type(), view.type(), name);
      assertEquals(packet.nextProtocol(), view.nextProtocol(), name);
      assertEquals(packet.senderFlowId(), view.senderFlowId(), name);
      assertEquals(packet.receiverFlowId(), view.receiverFlowId(), name);
      assertEquals(packet.nonce(), view.nonce(), name);
      assertEquals(packet.senderNonce(), view.senderNonce(), name);
      assertEquals(packet.join(), view.join(), name);
      assertEquals(packet, view.toPacket(), name);
      assertEquals(bytes.length - expected.payload().length, view.headerLength(), name);
      assertArrayEquals(expected.payload(),
          Hex.copy(view.store(), view.payloadOffset(), view.payloadLength()), name);
    });
  }

  @Test
  void expectedValuesEmitTheVectorBytes() {
    GoldenPackets.all().forEach((name, expected) -> {
      byte[] bytes = vectors.get(name);
      int headerLength = bytes.length - expected.payload().length;
      byte[] out = new byte[headerLength];
      int written = new EccpHeader().wrap(Hex.store(out), 0, out.length).emit(expected.packet());
      assertEquals(headerLength, written, name);
      assertEquals(Hex.of(Arrays.copyOf(bytes, headerLength)), Hex.of(out), name);
    });
  }

  @Test
  void everyTruncatedPrefixIsTruncated() {
    EccpHeader view = new EccpHeader();
    vectors.forEach((name, bytes) -> {
      BytesStore<?, byte[]> store = Hex.store(bytes);
      int headerLength = view.wrap(store, 0, bytes.length).headerLength();
      for (int n = 0; n < headerLength; n++) {
        CheckResult result = view.wrap(store, 0, n).check();
        String where = name + " cut to " + n + " bytes";
        assertEquals(Problem.TRUNCATED, result.problem(), where);
        assertEquals(n < EccpHeader.FIXED_LENGTH ? EccpHeader.FIXED_LENGTH : headerLength,
            result.expected(), where);
        assertEquals(n, result.actual(), where);
      }
      for (int n = headerLength; n <= bytes.length; n++) {
        int length = n;
        assertTrue(view.wrap(store, 0, n).check().ok(), () -> name + " with " + length + " bytes");
      }
    });
  }

  @Test
  void truncatedMessageNamesBothLengths() {
    byte[] bytes = vectors.get("ack");
    CheckResult result = new EccpHeader().wrap(Hex.store(bytes), 0, 12).check();
    assertEquals("truncated ECCP header, 12 of 20 bytes", result.message());
  }
}
