package org.eccp.tools.dissect;

import java.io.Closeable;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * Reads the records of a pcap or pcapng file through libpcap (by pcap4j), one at a time.
 *
 * <p>libpcap reads both formats; a pcapng file must use one link type for all its interfaces
 * (libpcap 1.10 rejects others). Errors become {@link CaptureException}s whose message names the
 * file and what libpcap reported.
 */
public final class CaptureReader implements Closeable {
  /** Part of libpcap's message for a pcapng file whose interfaces differ in link type. */
  private static final String MIXED_LINK_TYPES = "different from the type of the first interface";

  private final Path path;
  private final PcapHandle handle;
  private final int linkType;
  private long recordsRead;

  /** One captured record: the bytes present, the packet's length on the wire, and the time. */
  public record Record(long number, long epochNanos, byte[] data, int originalLength) {}

  private CaptureReader(Path path, PcapHandle handle) {
    this.path = path;
    this.handle = handle;
    this.linkType = handle.getDlt().value();
  }

  /** Opens the file. The exception's message states why a file is not a readable capture. */
  public static CaptureReader open(Path path) throws CaptureException {
    if (path.toString().isEmpty()) {
      throw new CaptureException("the file name is empty; give the path of a pcap or pcapng file");
    }
    if (!Files.exists(path)) {
      throw new CaptureException(path + ": file not found; check the path");
    }
    if (Files.isDirectory(path)) {
      throw new CaptureException(path + " is a directory; give a pcap or pcapng file");
    }
    if (!Files.isReadable(path)) {
      throw new CaptureException(path + ": permission denied; check the file's permissions");
    }
    try {
      if (Files.size(path) == 0) {
        throw new CaptureException(path + " is empty; the capture wrote no file header");
      }
      return new CaptureReader(path, Pcaps.openOffline(path.toString(), TimestampPrecision.NANO));
    } catch (PcapNativeException e) {
      throw new CaptureException(path + " is not a readable pcap or pcapng capture (libpcap: "
          + libpcapMessage(e) + "); give a file written by tcpdump, tshark or dumpcap");
    } catch (java.io.IOException e) {
      throw new CaptureException(path + ": cannot read the file (" + e.getMessage() + ")");
    }
  }

  /** Returns the link type that libpcap reports (a DLT_ value, such as 12 for LINKTYPE_RAW files). */
  public int linkType() {
    return linkType;
  }

  /** Returns how many records were read so far. */
  public long recordsRead() {
    return recordsRead;
  }

  /**
   * Returns the next record, or null at the end of the file.
   *
   * @throws CaptureException when the file is damaged at this record (cut short, or a record
   *     length that libpcap rejects)
   */
  public Record next() throws CaptureException {
    byte[] data;
    try {
      data = handle.getNextRawPacketEx();
    } catch (EOFException e) {
      return null;
    } catch (PcapNativeException e) {
      String message = libpcapMessage(e);
      if (message.contains(MIXED_LINK_TYPES)) {
        throw new CaptureException(path + " mixes interfaces of several link types at record "
            + (recordsRead + 1) + ", which libpcap cannot read (libpcap: " + message + "); split it"
            + " per interface, for example with tshark -r FILE -w PART.pcapng -Y"
            + " 'frame.interface_id == 0'");
      }
      throw new CaptureException(path + " is damaged at record " + (recordsRead + 1)
          + " (libpcap: " + message + ")");
    } catch (TimeoutException | NotOpenException e) {
      throw new IllegalStateException("reading an open capture file cannot time out", e);
    }
    recordsRead++;
    Timestamp time = handle.getTimestamp();
    long epochNanos = Math.floorDiv(time.getTime(), 1000L) * 1_000_000_000L + time.getNanos();
    return new Record(recordsRead, epochNanos, data, handle.getOriginalLength());
  }

  @Override
  public void close() {
    handle.close();
  }

  /** Returns libpcap's error text without pcap4j's prefix. */
  private static String libpcapMessage(PcapNativeException e) {
    String m = e.getMessage() == null ? "unknown error" : e.getMessage();
    int colon = m.indexOf("Error occurred in pcap_next_ex(): ");
    return colon >= 0 ? m.substring(colon + "Error occurred in pcap_next_ex(): ".length()) : m;
  }
}
