package org.eccp.tcplite;

import java.util.Collection;

/** The coupled increase of RFC 6356 (MPTCP's "linked increases"), over a connection's flows. */
final class Coupling {
  private Coupling() {}

  /**
   * Returns alpha / cwnd_total: the per-byte increase cap that makes all flows together no more
   * aggressive than one TCP flow on the best of their paths.
   */
  static double factor(Collection<Path> paths, int mss) {
    double total = 0;
    double best = 0;
    double sum = 0;
    for (Path p : paths) {
      if (!p.usable) {
        continue;
      }
      double rtt = Math.max(1, p.srtt == 0 ? p.baseRto : p.srtt) / 1e9;
      total += p.cwnd;
      best = Math.max(best, p.cwnd / (rtt * rtt));
      sum += p.cwnd / rtt;
    }
    if (total == 0 || sum == 0) {
      return 0;
    }
    double alpha = total * best / (sum * sum);
    return alpha * mss / total;
  }
}
