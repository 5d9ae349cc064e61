package org.eccp.link;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The impairment properties file of one lab network, re-read when its modification time, size or
 * inode changes (the lab replaces the file by renaming a new one over it). The file is looked at
 * no more often than every {@link #CHECK_INTERVAL_NANOS}. An absent file means no impairment.
 */
public final class ImpairmentFile {
  private static final Logger LOG = LoggerFactory.getLogger(ImpairmentFile.class);
  /** How often the file's attributes are checked: 100 ms. */
  public static final long CHECK_INTERVAL_NANOS = 100_000_000L;

  private final Path path;
  private final LongSupplier nanoClock;
  private Impairment current = Impairment.NONE;
  private long lastCheck;
  private boolean checkedOnce;
  private long modified = Long.MIN_VALUE;
  private long size = -1;
  private Object fileKey;

  public ImpairmentFile(Path path, LongSupplier nanoClock) {
    this.path = path;
    this.nanoClock = nanoClock;
  }

  /** Returns the file of network {@code net} in lab {@code lab} (the prefix without its dash). */
  public static Path labPath(String lab, String net) {
    return Path.of("/run/eccp-lab", lab, "impair", net + ".properties");
  }

  public Path path() {
    return path;
  }

  /** Returns the impairment now in force, re-reading the file if it changed. */
  public synchronized Impairment current() {
    long now = nanoClock.getAsLong();
    if (checkedOnce && now - lastCheck < CHECK_INTERVAL_NANOS) {
      return current;
    }
    checkedOnce = true;
    lastCheck = now;
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      long m = attributes.lastModifiedTime().toMillis();
      Object key = attributes.fileKey();
      if (m != modified || attributes.size() != size
          || (key != null && !key.equals(fileKey))) {
        modified = m;
        size = attributes.size();
        fileKey = key;
        current = read();
        LOG.info("impairment from {}: {}", path, current);
      }
    } catch (NoSuchFileException e) {
      if (size != -1) {
        LOG.info("impairment file {} removed: no impairment", path);
      }
      modified = Long.MIN_VALUE;
      size = -1;
      fileKey = null;
      current = Impairment.NONE;
    } catch (IOException e) {
      LOG.warn("cannot read impairment file {}, keeping {}: {}", path, current, e.toString());
    }
    return current;
  }

  private Impairment read() throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(path)) {
      p.load(r);
    }
    return Impairment.fromProperties(p, path.toString());
  }
}
