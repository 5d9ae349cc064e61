package org.eccp.pcap;

import java.io.Closeable;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PacketTap} that writes the packets of chosen directions to a {@link PcapWriter}.
 *
 * <p>Both directions share one file, so a lock orders the records; LINKTYPE_RAW records carry no
 * direction. A failed write is logged once and counted, and capture stops so that the link goes
 * on unharmed. Packets that arrive after {@link #close()} are ignored.
 */
public final class PcapTap implements PacketTap, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(PcapTap.class);

  private final PcapWriter writer;
  private final boolean inbound;
  private final boolean outbound;
  private final Object lock = new Object();
  private long failedWrites;
  private boolean stopped;
  private boolean closed;

  /** Captures both directions. */
  public PcapTap(PcapWriter writer) {
    this(writer, true, true);
  }

  public PcapTap(PcapWriter writer, boolean inbound, boolean outbound) {
    this.writer = writer;
    this.inbound = inbound;
    this.outbound = outbound;
  }

  @Override
  public void onPacket(Direction direction, long address, int length, long epochNanos) {
    if (direction == Direction.INBOUND ? !inbound : !outbound) {
      return;
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (stopped) {
        failedWrites++;
        return;
      }
      try {
        writer.writeFromAddress(address, length, epochNanos);
      } catch (IOException | RuntimeException e) {
        stopped = true;
        failedWrites++;
        LOG.error("capture to {} stopped: writing a packet failed", writer.path(), e);
      }
    }
  }

  /** Returns the packets that were not captured because a write failed. */
  public long failedWrites() {
    synchronized (lock) {
      return failedWrites;
    }
  }

  /** Writes the buffered packets to the file. */
  public void flush() throws IOException {
    synchronized (lock) {
      writer.flush();
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (lock) {
      closed = true;
      writer.close();
    }
  }
}
