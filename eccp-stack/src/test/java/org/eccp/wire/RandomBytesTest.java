package org.eccp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Random;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input never makes a check throw: every byte string is either valid, and
 * then parses, or gets a problem with a message.
 */
class RandomBytesTest {
  private static final int ROUNDS = Integer.getInteger("eccp.wire.fuzz.rounds", 100_000);

  @Test
  void randomBytesNeverThrow() {
    long seed = Long.getLong("eccp.wire.seed", System.nanoTime());
    Random r = new Random(seed);
    byte[] bytes = new byte[1100];
    BytesStore<?, byte[]> store = Hex.store(bytes);
    EccpHeader header = new EccpHeader();
    EccpLocator locator = new EccpLocator(Encapsulation.DEFAULT.withUdp(7400));
    int valid = 0;
    for (int i = 0; i < ROUNDS; i++) {
      int length = r.nextInt(r.nextBoolean() ? 64 : bytes.length);
      r.nextBytes(bytes);
      if (r.nextBoolean()) {
        makePlausible(bytes, r);
      }
      try {
        valid += checkHeader(header.wrap(store, 0, length)) ? 1 : 0;
        if (locator.locate(store, 0, length).ok()) {
          checkHeader(locator.header());
        } else {
          assertNotNull(locator.locate(store, 0, length).message());
        }
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("seed " + seed + " (-Deccp.wire.seed), round " + i, e);
      }
    }
    System.out.println("random bytes: " + valid + " of " + ROUNDS + " were valid headers");
  }

  /** Sets version 1, a valid type and a header length that fits, so checks get further. */
  private static void makePlausible(byte[] bytes, Random r) {
    PacketType[] types = PacketType.values();
    PacketType type = types[r.nextInt(types.length)];
    bytes[0] = 0x10;
    bytes[1] = (byte) type.flags();
    bytes[3] = (byte) (type.isControl() ? 7 + r.nextInt(8) : 5);
    for (int i = 28; i < 60; i += 1 + r.nextInt(4)) {
      bytes[i] = (byte) r.nextInt(6);
    }
  }

  @Test
  void mutatedGoldenVectorsNeverThrow() throws Exception {
    long seed = Long.getLong("eccp.wire.seed", System.nanoTime());
    Random r = new Random(seed);
    List<byte[]> vectors = List.copyOf(GoldenVectorsTest.parse(
        java.nio.file.Files.readAllLines(GoldenVectorsTest.protocolDoc())).values());
    EccpHeader header = new EccpHeader();
    for (int i = 0; i < ROUNDS / 2; i++) {
      byte[] bytes = vectors.get(r.nextInt(vectors.size())).clone();
      for (int flips = 1 + r.nextInt(3); flips > 0; flips--) {
        bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
      }
      try {
        checkHeader(header.wrap(Hex.store(bytes), 0, r.nextInt(bytes.length + 1)));
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("seed " + seed + " (-Deccp.wire.seed), round " + i + ": "
            + Hex.of(bytes), e);
      }
    }
  }

  /** Checks the header, and parses and re-emits it when valid. Returns whether it was valid. */
  private static boolean checkHeader(EccpHeader header) {
    CheckResult result = header.check();
    if (!result.ok()) {
      assertNotNull(result.message());
      return false;
    }
    EccpPacket packet = header.toPacket();
    byte[] out = new byte[EccpHeader.lengthOf(packet)];
    EccpHeader copy = new EccpHeader().wrap(Hex.store(out), 0, out.length);
    copy.emit(packet);
    assertEquals(true, copy.check().ok(), copy.lastCheck().message());
    assertEquals(packet, copy.toPacket());
    return true;
  }
}
