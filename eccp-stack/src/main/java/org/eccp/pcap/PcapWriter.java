package org.eccp.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.core.OS;

/**
 * Writes IP packets to a pcap file with link type LINKTYPE_RAW (101) and nanosecond timestamps
 * (magic 0xa1b23c4d), the classic format that tcpdump, tshark and libpcap read.
 *
 * <p>Records collect in one direct buffer and reach the file through a {@link FileChannel} when
 * the buffer is full, on {@link #flush()} and on {@link #close()}; writing a packet allocates
 * nothing. Packets longer than the snap length are cut to it, and the record keeps their original
 * length. Not thread-safe: callers on several threads share one writer through a lock, as
 * {@link PcapTap} does.
 */
public final class PcapWriter implements Closeable {
  /** The link type of raw IPv4 or IPv6 packets with no link-layer header. */
  public static final int LINKTYPE_RAW = 101;
  /** The magic number of pcap files with nanosecond timestamps. */
  public static final int MAGIC_NANOS = 0xa1b23c4d;
  /** The snap length that tcpdump uses by default. */
  public static final int DEFAULT_SNAP_LENGTH = 262_144;

  static final int FILE_HEADER_LENGTH = 24;
  static final int RECORD_HEADER_LENGTH = 16;
  private static final int MIN_BUFFER = 64 * 1024;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final long bufferAddress;
  private final int snapLength;
  private final Path path;
  private long packetsWritten;
  private boolean closed;

  private PcapWriter(Path path, FileChannel channel, int snapLength) {
    this.path = path;
    this.channel = channel;
    this.snapLength = snapLength;
    this.buffer = ByteBuffer.allocateDirect(Math.max(MIN_BUFFER, 2 * (snapLength + RECORD_HEADER_LENGTH)))
        .order(ByteOrder.LITTLE_ENDIAN);
    this.bufferAddress = Jvm.address(buffer);
  }

  /** Creates (or truncates) the file and writes its header, with the default snap length. */
  public static PcapWriter create(Path path) throws IOException {
    return create(path, DEFAULT_SNAP_LENGTH);
  }

  /**
   * Creates (or truncates) the file and writes its header.
   *
   * @param snapLength the maximum bytes kept per packet, 1 to 262144
   */
  public static PcapWriter create(Path path, int snapLength) throws IOException {
    if (snapLength < 1 || snapLength > DEFAULT_SNAP_LENGTH) {
      throw new IllegalArgumentException(
          "invalid snap length " + snapLength + ": expected 1 to " + DEFAULT_SNAP_LENGTH);
    }
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    PcapWriter writer = new PcapWriter(path, channel, snapLength);
    writer.writeFileHeader();
    return writer;
  }

  private void writeFileHeader() {
    buffer.putInt(MAGIC_NANOS);
    buffer.putShort((short) 2); // version 2.4
    buffer.putShort((short) 4);
    buffer.putInt(0); // this zone: always UTC
    buffer.putInt(0); // significant figures: always 0
    buffer.putInt(snapLength);
    buffer.putInt(LINKTYPE_RAW);
  }

  /**
   * Writes one packet from off-heap memory.
   *
   * @param address the address of the packet's first byte (the IP header)
   * @param length the packet length in bytes
   * @param epochNanos the capture time in nanoseconds since 1970-01-01 UTC
   */
  public void writeFromAddress(long address, int length, long epochNanos) throws IOException {
    int captured = beginRecord(length, epochNanos);
    OS.memory().copyMemory(address, bufferAddress + buffer.position(), captured);
    buffer.position(buffer.position() + captured);
  }

  /**
   * Writes one packet made of two pieces of off-heap memory, such as an outer header built
   * elsewhere and the packet behind it. The snap length applies to the two pieces together.
   */
  public void writeFromAddresses(long headerAddress, int headerLength, long address, int length,
      long epochNanos) throws IOException {
    if (headerLength < 0) {
      throw new IllegalArgumentException("negative header length " + headerLength);
    }
    int captured = beginRecord(headerLength + length, epochNanos);
    int fromHeader = Math.min(headerLength, captured);
    OS.memory().copyMemory(headerAddress, bufferAddress + buffer.position(), fromHeader);
    OS.memory().copyMemory(address, bufferAddress + buffer.position() + fromHeader,
        captured - fromHeader);
    buffer.position(buffer.position() + captured);
  }

  /** Writes the packet in {@code src} from its position to its limit; the position does not move. */
  public void write(ByteBuffer src, long epochNanos) throws IOException {
    int length = src.remaining();
    int captured = beginRecord(length, epochNanos);
    buffer.put(buffer.position(), src, src.position(), captured);
    buffer.position(buffer.position() + captured);
  }

  /** Writes {@code length} bytes of {@code src} starting at {@code offset}. */
  public void write(BytesStore<?, ?> src, long offset, int length, long epochNanos) throws IOException {
    if (offset < src.start() || offset + length > src.capacity()) {
      throw new IndexOutOfBoundsException("packet at " + offset + " of " + length
          + " bytes is outside the store of " + src.capacity() + " bytes");
    }
    if (src.isDirectMemory()) {
      writeFromAddress(src.addressForRead(offset), length, epochNanos);
      return;
    }
    int captured = beginRecord(length, epochNanos);
    for (int i = 0; i < captured; i++) {
      buffer.put(src.readByte(offset + i));
    }
  }

  /** Writes the record header and returns how many packet bytes the record keeps. */
  private int beginRecord(int length, long epochNanos) throws IOException {
    if (closed) {
      throw new IOException("pcap file " + path + " is closed");
    }
    if (length < 0) {
      throw new IllegalArgumentException("negative packet length " + length);
    }
    int captured = Math.min(length, snapLength);
    if (buffer.remaining() < RECORD_HEADER_LENGTH + captured) {
      drain();
    }
    buffer.putInt((int) Math.floorDiv(epochNanos, NANOS_PER_SECOND));
    buffer.putInt((int) Math.floorMod(epochNanos, NANOS_PER_SECOND));
    buffer.putInt(captured);
    buffer.putInt(length);
    packetsWritten++;
    return captured;
  }

  private void drain() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  /** Writes the buffered records to the file (not forced to the disk). */
  public void flush() throws IOException {
    if (!closed) {
      drain();
    }
  }

  /** Returns the number of packets written so far. */
  public long packetsWritten() {
    return packetsWritten;
  }

  public Path path() {
    return path;
  }

  /** Flushes and closes the file; later writes fail, a second close does nothing. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      drain();
    } finally {
      closed = true;
      channel.close();
    }
  }
}
