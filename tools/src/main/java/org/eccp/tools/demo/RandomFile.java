package org.eccp.tools.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** A file of random bytes to transfer, and the SHA-256 to compare both ends with. */
public final class RandomFile {
  private RandomFile() {}

  /** Writes {@code size} random bytes and returns their SHA-256 in hex. */
  public static String write(Path file, long size) throws IOException {
    SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    MessageDigest digest = sha256Digest();
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long done = 0; done < size; done += chunk.length) {
        random.nextBytes(chunk);
        int n = (int) Math.min(chunk.length, size - done);
        out.write(chunk, 0, n);
        digest.update(chunk, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  public static String sha256(Path file) throws IOException {
    MessageDigest digest = sha256Digest();
    byte[] chunk = new byte[1 << 20];
    try (var in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(chunk)) > 0) {
        digest.update(chunk, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
