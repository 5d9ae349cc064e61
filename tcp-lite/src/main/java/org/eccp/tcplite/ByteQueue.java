package org.eccp.tcplite;

/** A growable ring of bytes: appended at the tail, read or dropped at the head, peeked anywhere. */
final class ByteQueue {
  private byte[] buf = new byte[4096];
  private int head;
  private int size;

  int size() {
    return size;
  }

  void append(byte[] src, int off, int len) {
    ensure(size + len);
    int tail = (head + size) % buf.length;
    int first = Math.min(len, buf.length - tail);
    System.arraycopy(src, off, buf, tail, first);
    System.arraycopy(src, off + first, buf, 0, len - first);
    size += len;
  }

  /** Copies {@code len} bytes starting {@code from} bytes after the head; removes nothing. */
  void peek(int from, byte[] dst, int off, int len) {
    if (from < 0 || from + len > size) {
      throw new IndexOutOfBoundsException(from + "+" + len + " of " + size);
    }
    int p = (head + from) % buf.length;
    int first = Math.min(len, buf.length - p);
    System.arraycopy(buf, p, dst, off, first);
    System.arraycopy(buf, 0, dst, off + first, len - first);
  }

  /** Removes {@code len} bytes from the head. */
  void drop(int len) {
    if (len > size) {
      throw new IndexOutOfBoundsException(len + " of " + size);
    }
    head = (head + len) % buf.length;
    size -= len;
    if (size == 0) {
      head = 0;
    }
  }

  /** Moves up to {@code len} bytes from the head into {@code dst}; returns how many. */
  int read(byte[] dst, int off, int len) {
    int n = Math.min(len, size);
    peek(0, dst, off, n);
    drop(n);
    return n;
  }

  private void ensure(int capacity) {
    if (capacity <= buf.length) {
      return;
    }
    int n = buf.length;
    while (n < capacity) {
      n *= 2;
    }
    byte[] bigger = new byte[n];
    peek(0, bigger, 0, size);
    buf = bigger;
    head = 0;
  }
}
