package org.eccp.tcplite.sim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import org.eccp.tcplite.CloseReason;
import org.eccp.tcplite.TcpLiteConnection;

/**
 * A one-way bulk transfer: the sender writes {@code total} seeded pseudo-random bytes and
 * closes; the receiver reads to the end and closes too. Both hash what they saw (SHA-256).
 */
final class Transfer {
  final long total;
  final Side sender = new Side();
  final Side receiver = new Side();
  private final SplittableRandom data;
  private final byte[] chunk = new byte[64 * 1024];
  long written;
  long read;
  long finishedAt = -1;
  /** While set, the receiver leaves arriving bytes unread. */
  boolean paused;
  CloseReason senderClosed;
  CloseReason receiverClosed;
  TcpLiteConnection clientConnection;
  TcpLiteConnection serverConnection;

  Transfer(long total, long seed) {
    this.total = total;
    this.data = new SplittableRandom(seed);
  }

  /** The sending application: writes on connect and whenever room appears. */
  final class SenderApp implements TcpLiteHost.App {
    @Override
    public void connected(TcpLiteConnection c, long now) {
      clientConnection = c;
      writeMore(c, now);
    }

    @Override
    public void writable(TcpLiteConnection c, long now) {
      writeMore(c, now);
    }

    @Override
    public void readable(TcpLiteConnection c, long now) {
      byte[] b = new byte[1024];
      while (c.read(now, b, 0, b.length) > 0) {
        // the receiver sends nothing but its FIN
      }
    }

    @Override
    public void closed(TcpLiteConnection c, CloseReason reason, long now) {
      senderClosed = reason;
    }
  }

  /** The receiving application: reads everything, closes at the end of the stream. */
  final class ReceiverApp implements TcpLiteHost.App {
    @Override
    public void accepted(TcpLiteConnection c, long now) {
      serverConnection = c;
      readable(c, now);
    }

    @Override
    public void readable(TcpLiteConnection c, long now) {
      if (paused) {
        return;
      }
      byte[] b = new byte[64 * 1024];
      int n;
      while ((n = c.read(now, b, 0, b.length)) > 0) {
        receiver.digest.update(b, 0, n);
        read += n;
      }
      if (n < 0 && finishedAt < 0) {
        finishedAt = now;
        c.close(now);
      }
    }

    @Override
    public void closed(TcpLiteConnection c, CloseReason reason, long now) {
      receiverClosed = reason;
    }
  }

  private void writeMore(TcpLiteConnection c, long now) {
    while (written < total && c.writable() > 0) {
      int n = (int) Math.min(Math.min(chunk.length, total - written), c.writable());
      fill(n);
      int w = c.write(now, chunk, 0, n);
      sender.digest.update(chunk, 0, w);
      written += w;
      if (w < n) {
        throw new IllegalStateException("wrote " + w + " of " + n);
      }
    }
    if (written == total) {
      c.close(now);
    }
  }

  private void fill(int n) {
    for (int i = 0; i < n; i += 8) {
      long v = data.nextLong();
      for (int j = 0; j < 8 && i + j < n; j++) {
        chunk[i + j] = (byte) (v >>> (8 * j));
      }
    }
  }

  boolean intact() {
    return read == total && MessageDigest.isEqual(sender.digest(), receiver.digest());
  }

  static final class Side {
    final MessageDigest digest;
    private byte[] done;

    Side() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    byte[] digest() {
      if (done == null) {
        done = digest.digest();
      }
      return done;
    }
  }
}
