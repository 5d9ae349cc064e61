package org.eccp.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.eccp.nativ.NetworkNamespace;

/**
 * The bytes a network device of a namespace has received, read from that namespace's
 * {@code /proc/net/dev}. A thread inside the namespace opens the file once, and the file stays
 * bound to that namespace. Each sample reads it again from the start with one system call.
 */
final class DeviceCounter implements LongSupplier, AutoCloseable {
  private final FileChannel file;
  private final String prefix;
  private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);

  private DeviceCounter(FileChannel file, String device) {
    this.file = file;
    this.prefix = device + ":";
  }

  /** Opens the counter of {@code device} in the namespace {@code namespace}. */
  static DeviceCounter open(String namespace, String device) throws IOException {
    try (NetworkNamespace ns = NetworkNamespace.open(namespace)) {
      FileChannel file = ns.call(() -> FileChannel.open(Path.of("/proc/thread-self/net/dev")));
      DeviceCounter c = new DeviceCounter(file, device);
      if (c.read() < 0) {
        c.close();
        throw new IOException("no device " + device + " in the namespace " + namespace);
      }
      return c;
    }
  }

  /** Returns the received bytes, or 0 once the device is gone. */
  @Override
  public long getAsLong() {
    try {
      return Math.max(0, read());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the received bytes, or -1 when the device is not listed. */
  private synchronized long read() throws IOException {
    buffer.clear();
    long position = 0;
    int n;
    while (buffer.hasRemaining() && (n = file.read(buffer, position)) > 0) {
      position += n;
    }
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    return receivedBytes(text, prefix);
  }

  /** Returns the first number after {@code prefix} (device name and colon), or -1. */
  static long receivedBytes(String procNetDev, String prefix) {
    for (String line : procNetDev.split("\n")) {
      String t = line.strip();
      if (t.startsWith(prefix)) {
        String[] fields = t.substring(prefix.length()).strip().split("\\s+");
        return Long.parseLong(fields[0]);
      }
    }
    return -1;
  }

  @Override
  public void close() {
    try {
      file.close();
    } catch (IOException e) {
      // Nothing is left to release.
    }
  }
}
