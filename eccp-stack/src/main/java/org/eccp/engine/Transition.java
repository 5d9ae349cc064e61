package org.eccp.engine;

/**
 * One row of the flow state table: in {@code state}, on {@code trigger}, when {@code condition}
 * is true, run {@code handler} (whose effect {@code action} describes in the table's words) and go
 * to {@code next}.
 */
public record Transition(FlowState state, Trigger trigger, Condition condition, String action,
    FlowState next, Handler handler) {

  /** The code of one row. */
  @FunctionalInterface
  interface Handler {
    void run(Step s);
  }

  /** Formats the row as the table in docs/protocol.md writes it. */
  public String toTableRow() {
    return "| " + state + " | " + trigger.label() + " | " + condition.label() + " | " + action
        + " | " + next + " |";
  }
}
