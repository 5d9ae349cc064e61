package org.eccp.sim;

/**
 * Bounds of an exhaustive exploration.
 *
 * @param flows flows of the connection, 1 or 2
 * @param migrations how many times the client may move to a fresh address
 * @param losses how many packets may be dropped on one path
 * @param duplications how many packets may be duplicated on one path
 * @param reorders how many packets may be delivered ahead of an earlier packet of the same
 *     direction
 * @param maxStates the exploration stops, reporting itself incomplete, past this many states
 */
public record ExploreConfig(int flows, int migrations, int losses, int duplications, int reorders,
    int maxStates) {

  public ExploreConfig {
    if (flows < 1 || flows > 2) {
      throw new IllegalArgumentException("--flows " + flows + " is invalid: give 1 or 2");
    }
    check("--migrations", migrations);
    check("--losses", losses);
    check("--dups", duplications);
    check("--reorders", reorders);
    if (maxStates < 1) {
      throw new IllegalArgumentException("--max-states " + maxStates + " is invalid: give 1 or more");
    }
  }

  private static void check(String name, int v) {
    if (v < 0 || v > 10) {
      throw new IllegalArgumentException(name + " " + v + " is outside 0..10");
    }
  }
}
