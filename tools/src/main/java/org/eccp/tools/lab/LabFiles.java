package org.eccp.tools.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** File helpers for the lab: atomic replacement and the lock that serialises lab changes. */
final class LabFiles {

  private LabFiles() {}

  /** Replaces {@code file} with {@code text} so that a reader sees the old or the new file, never a mix. */
  static void writeAtomically(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A lab change that may fail. */
  interface LabAction<T> {
    T run() throws LabException;
  }

  /** Runs {@code action} while holding the {@link Lock}, and returns its result. */
  static <T> T locked(LabPaths paths, LabAction<T> action) throws LabException {
    Lock lock = Lock.acquire(paths);
    try {
      return action.run();
    } finally {
      lock.close();
    }
  }

  /**
   * An exclusive lock on {@code <runRoot>/.lock}, held while a command changes any lab, so two
   * commands never change labs at the same time. The lock file stays: it belongs to no one lab.
   */
  static final class Lock {

    private final FileChannel channel;
    private final FileLock lock;

    private Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    /** Waits for the lock and returns it. */
    static Lock acquire(LabPaths paths) throws LabException {
      Path file = paths.runRoot().resolve(".lock");
      try {
        Files.createDirectories(paths.runRoot());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
          return new Lock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      } catch (IOException e) {
        throw new LabException("cannot lock " + file + ": " + e.getMessage(), e);
      }
    }

    void close() throws LabException {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw new LabException("cannot release the lab lock: " + e.getMessage(), e);
      }
    }
  }
}
