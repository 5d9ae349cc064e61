package org.eccp.sim;

/**
 * The parameters of one seeded random run.
 *
 * @param seed the seed of the run's only random source
 * @param loss chance of losing a packet while the network misbehaves
 * @param duplication chance of duplicating a packet while the network misbehaves
 * @param reorder chance of holding a packet back while the network misbehaves
 * @param migrations how many address changes the run makes at most, 0 or more
 * @param flows how many flows the connection has, 1 or more
 * @param fullTrace whether to keep every trace line
 */
public record RunConfig(
    long seed, double loss, double duplication, double reorder, int migrations, int flows,
    boolean fullTrace) {

  /** The largest number of flows a run supports. */
  public static final int MAX_FLOWS = 8;
  /** The largest number of migrations a run supports. */
  public static final int MAX_MIGRATIONS = 100;

  public RunConfig {
    new LinkProfile(0, 0, loss, duplication, reorder, 0);
    if (migrations < 0 || migrations > MAX_MIGRATIONS) {
      throw new IllegalArgumentException(
          "migrations " + migrations + " is outside 0.." + MAX_MIGRATIONS);
    }
    if (flows < 1 || flows > MAX_FLOWS) {
      throw new IllegalArgumentException("flows " + flows + " is outside 1.." + MAX_FLOWS);
    }
  }

  /** Returns this configuration with another seed and trace setting. */
  public RunConfig withSeed(long newSeed, boolean trace) {
    return new RunConfig(newSeed, loss, duplication, reorder, migrations, flows, trace);
  }

  /** Returns the {@code eccp simulate} arguments that replay this run with a full trace. */
  public String replayCommand() {
    return "tools/eccp simulate --seed " + seed + " --seeds 1 --loss " + loss + " --dup "
        + duplication + " --reorder " + reorder + " --migrations " + migrations + " --flows "
        + flows + " --trace";
  }
}
