package org.eccp.engine;

import java.util.function.Predicate;

/**
 * The conditions of the state table. Rows for one state and event are tried in table order and
 * the first whose condition is true fires. So a fallback condition such as "acks another
 * version" may simply be true.
 */
public enum Condition {
  ALWAYS("-", s -> true),
  ROOM("room for it", Step::hasRoom),
  LIMIT_REACHED("a limit reached", s -> !s.hasRoom()),
  NEWER_VERSION("newer version", s -> Versions.isNewer(s.packet.version(), s.flow.peerVersion)),
  NEWER_MOVED("newer version, moved",
      s -> Versions.isNewer(s.packet.version(), s.flow.peerVersion) && s.flow.rsynCarriesAddress),
  MOVED("moved", s -> s.flow.rsynCarriesAddress),
  SAME_VERSION("same version", s -> s.packet.version() == s.flow.peerVersion),
  OLDER_VERSION("older version", s -> Versions.isOlder(s.packet.version(), s.flow.peerVersion)),
  NEWER_ACKS_MINE("newer version, acks my version",
      s -> Versions.isNewer(s.packet.version(), s.flow.peerVersion)
          && s.packet.ackVersion() == s.flow.sentVersion),
  ACKS_MINE("acks my version", s -> s.packet.ackVersion() == s.flow.sentVersion),
  ACKS_PEER("acks peer version", s -> s.packet.ackVersion() == s.flow.peerVersion),
  ACKS_OTHER("acks another version", s -> true),
  NAMES_MINE("names my version", s -> s.packet.version() == s.flow.sentVersion),
  ADDRESS_USABLE("address usable", s -> s.usableAddress() != null),
  NO_ADDRESS("no address usable", s -> s.usableAddress() == null),
  RETRIES_LEFT("retries left", s -> s.flow.retries < s.engine.config().maxRetries()),
  RETRIES_EXHAUSTED("retries exhausted",
      s -> s.flow.retries >= s.engine.config().maxRetries());

  private final String label;
  private final Predicate<Step> test;

  Condition(String label, Predicate<Step> test) {
    this.label = label;
    this.test = test;
  }

  public String label() {
    return label;
  }

  boolean test(Step s) {
    return test.test(s);
  }

  public static Condition byLabel(String label) {
    for (Condition c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no condition named '" + label + "'");
  }
}
