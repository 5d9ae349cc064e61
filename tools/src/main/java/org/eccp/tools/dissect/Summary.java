package org.eccp.tools.dissect;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.eccp.wire.PacketType;

/** Counts of a dissection: records, ECCP packets per type, malformed packets per problem, others. */
public final class Summary {
  private final Map<PacketType, Long> types = new EnumMap<>(PacketType.class);
  private final Map<String, Long> problems = new TreeMap<>();
  private long records;
  private long eccp;
  private long malformed;
  private long other;

  public void count(Outcome outcome) {
    records++;
    if (outcome instanceof Outcome.Eccp e) {
      eccp++;
      types.merge(e.packet().type(), 1L, Long::sum);
    } else if (outcome instanceof Outcome.Malformed m) {
      malformed++;
      problems.merge(m.problem(), 1L, Long::sum);
    } else {
      other++;
    }
  }

  public long records() {
    return records;
  }

  public long eccp() {
    return eccp;
  }

  public long malformed() {
    return malformed;
  }

  public long other() {
    return other;
  }

  /** Returns the ECCP packets per type, in the order of {@link PacketType}. */
  public Map<PacketType, Long> types() {
    return types;
  }

  /** Returns the malformed packets per problem, by problem name. */
  public Map<String, Long> problems() {
    return problems;
  }
}
