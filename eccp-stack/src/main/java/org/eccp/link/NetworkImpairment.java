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

  /** Decides the fate of one packet under {@code settings}, this network's current ones. */
  Impairer.Decision decide(Impairment settings, long now, int length, Impairer.Decision into) {
    if (settings != impairer.settings()) {
      impairer.update(settings);
    }
    return impairer.decide(now, length, into);
  }

  @Override
  public String toString() {
    return name + " (" + file.path() + ")";
  }
}
