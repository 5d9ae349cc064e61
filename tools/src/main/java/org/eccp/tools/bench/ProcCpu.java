package org.eccp.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time of processes, read from {@code /proc/<pid>/stat} (user plus system time). */
public final class ProcCpu {
  /** USER_HZ: the unit of utime and stime, 100 on every Linux architecture we run on. */
  static final double TICKS_PER_SECOND = 100;

  private ProcCpu() {}

  /** Returns the CPU seconds that the processes used so far (a process that has ended counts 0). */
  public static double seconds(List<Long> pids) {
    double total = 0;
    for (long pid : pids) {
      total += seconds(pid);
    }
    return total;
  }

  static double seconds(long pid) {
    try {
      return fromStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Parses utime and stime (fields 14 and 15) of a stat line. The command name in field 2 may
   * hold spaces and parentheses, so the fields are counted after its last ')'.
   */
  static double fromStat(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return 0;
    }
    String[] f = stat.substring(close + 1).trim().split(" ");
    if (f.length < 13) {
      return 0;
    }
    // f[0] is field 3 (state), so utime (field 14) is f[11] and stime (field 15) is f[12].
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }
}
