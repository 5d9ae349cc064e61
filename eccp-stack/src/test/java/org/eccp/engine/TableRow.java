package org.eccp.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One row of the flow transition table as docs/protocol.md writes it. */
record TableRow(int line, FlowState state, Trigger trigger, Condition condition, String action,
    FlowState next) {

  static final String SECTION = "### Flow transitions";

  /** Finds docs/protocol.md from the working directory or one of its parents. */
  static Path protocolDoc() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path p = dir.resolve("docs/protocol.md");
      if (Files.exists(p)) {
        return p;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("docs/protocol.md not found above " + Path.of("").toAbsolutePath());
  }

  /** Parses the rows of the flow transition table. */
  static List<TableRow> parse(Path doc) throws IOException {
    List<String> lines = Files.readAllLines(doc);
    int start = lines.indexOf(SECTION);
    if (start < 0) {
      throw new IllegalStateException(doc + " has no section '" + SECTION + "'");
    }
    List<TableRow> rows = new ArrayList<>();
    boolean inTable = false;
    for (int i = start + 1; i < lines.size(); i++) {
      String l = lines.get(i).trim();
      if (l.startsWith("#")) {
        break;
      }
      if (!l.startsWith("|")) {
        if (inTable) {
          break;
        }
        continue;
      }
      inTable = true;
      String[] cells = l.substring(1, l.length() - 1).split("\\|", -1);
      if (cells.length != 5) {
        throw new IllegalStateException("line " + (i + 1) + " has " + cells.length + " cells");
      }
      if (cells[0].trim().equals("State") || cells[0].trim().startsWith("---")) {
        continue;
      }
      rows.add(new TableRow(i + 1, FlowState.valueOf(cells[0].trim()),
          Trigger.byLabel(cells[1].trim()), Condition.byLabel(cells[2].trim()), cells[3].trim(),
          FlowState.valueOf(cells[4].trim())));
    }
    return rows;
  }

  boolean sameAs(Transition t) {
    return state == t.state() && trigger == t.trigger() && condition == t.condition()
        && action.equals(t.action()) && next == t.next();
  }

  @Override
  public String toString() {
    return "line " + line + ": | " + state + " | " + trigger.label() + " | " + condition.label()
        + " | " + action + " | " + next + " |";
  }
}
