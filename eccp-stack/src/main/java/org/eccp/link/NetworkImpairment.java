package org.eccp.link;

/**
 * The impairment of the packets sent onto one network: the network's {@link ImpairmentFile} and
 * the seeded {@link Impairer} that applies it, so each network has its own random sequence and
 * rate queue. Not thread-safe: {@link ImpairedLink} calls it under its lock.
 */
public final class NetworkImpairment {
  private final String name;
  private final ImpairmentFile file;
  private final Impairer impairer = new Impairer();

  public NetworkImpairment(String name, ImpairmentFile file) {
    this.name = name;
    this.file = file;
  }

  public String name() {
    return name;
  }

  public ImpairmentFile file() {
    return file;
  }

  /**
   * Returns the settings now in force (re-reading the file at most every
   * {@link ImpairmentFile#CHECK_INTERVAL_NANOS}) and hands them to the impairer.
   */
  Impairment refresh() {
    Impairment now = file.current();
    if (now != impairer.settings()) {
      impairer.update(now);
    }
    return now;
  }

  Impairer impairer() {
    return impairer;
  }

  @Override
  public String toString() {
    return name + " (" + file.path() + ")";
  }
}
