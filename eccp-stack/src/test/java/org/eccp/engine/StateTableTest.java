package org.eccp.engine;

import static org.eccp.engine.Wire.B3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks the flow transition table of docs/protocol.md. The engine must have exactly its rows.
 * For every row, a fixture engine in the row's state gets the row's event under the row's
 * condition, and must do the row's action and end in the row's next state.
 */
class StateTableTest {
  private static final Pattern SEND = Pattern.compile(
      "(re)?send ([A-Z-]+)(?: and ([A-Z-]+))?( with JOIN)?( \\(IList only\\))?");
  private static final Pattern NOTIFY = Pattern.compile("notify FAILED\\(([A-Z_]+)\\)");
  private static final Pattern COUNT = Pattern.compile("count ([a-z_ ]+)");

  private static List<TableRow> docRows() throws Exception {
    return TableRow.parse(TableRow.protocolDoc());
  }

  @Test
  void table_docMatchesCode() throws Exception {
    List<TableRow> doc = docRows();
    List<Transition> code = TransitionTable.get().rows();
    List<String> missing = new ArrayList<>();
    for (Transition t : code) {
      if (doc.stream().noneMatch(r -> r.sameAs(t))) {
        missing.add("in code, not in docs/protocol.md: " + t.toTableRow());
      }
    }
    for (TableRow r : doc) {
      if (code.stream().noneMatch(r::sameAs)) {
        missing.add("in docs/protocol.md, not in code: " + r);
      }
    }
    assertEquals(List.of(), missing);
    assertEquals(code.size(), doc.size(), "row counts");
  }

  @Test
  void table_sameOrderPerEvent() throws Exception {
    List<TableRow> doc = docRows();
    for (Transition t : TransitionTable.get().rows()) {
      List<Condition> inCode = TransitionTable.get().rows().stream()
          .filter(x -> x.state() == t.state() && x.trigger() == t.trigger())
          .map(Transition::condition).toList();
      List<Condition> inDoc = doc.stream()
          .filter(x -> x.state() == t.state() && x.trigger() == t.trigger())
          .map(TableRow::condition).toList();
      assertEquals(inCode, inDoc, t.state() + " on " + t.trigger().label());
    }
  }

  @Test
  void table_coversEveryState() throws Exception {
    Set<FlowState> seen = new HashSet<>();
    docRows().forEach(r -> seen.add(r.state()));
    assertEquals(Set.of(FlowState.values()), seen);
  }

  @TestFactory
  Stream<DynamicTest> everyRow_actsAndMoves() throws Exception {
    List<TableRow> rows = docRows();
    return rows.stream().map(r -> DynamicTest.dynamicTest(r.toString(), () -> check(r)));
  }

  private static void check(TableRow row) {
    long seed = 1000 + row.line();
    Fixtures.Fixture fx = Fixtures.build(row.state(), row.trigger(), row.condition(), seed);
    Host a = fx.a();
    FlowView subject = fx.flow();
    if (subject != null) {
      assertEquals(row.state(), subject.state(), "fixture state, seed " + seed);
    }
    a.sent.clear();
    a.events.clear();
    Snapshot before = new Snapshot(a, subject);
    Inject.run(fx, row.trigger(), row.condition());
    Snapshot after = new Snapshot(a, subject);
    FlowView result = resultFlow(before, after, subject);
    checkNext(row, a, before, after, result);
    checkAction(row, a, before, after, result);
  }

  /** Returns the flow the row's next state is about: the subject, or the flow the row created. */
  private static FlowView resultFlow(Snapshot before, Snapshot after, FlowView subject) {
    if (subject != null) {
      return subject;
    }
    List<FlowView> created = after.flows.stream()
        .filter(f -> before.flows.stream().noneMatch(g -> g.localFlowId() == f.localFlowId()))
        .toList();
    return created.isEmpty() ? null : created.get(0);
  }

  private static void checkNext(TableRow row, Host a, Snapshot before, Snapshot after,
      FlowView result) {
    if (row.next() == FlowState.LISTEN) {
      assertTrue(a.engine.isListening(), "listening");
      assertEquals(before.flows.size(), after.flows.size(), "no new flow");
      return;
    }
    if (row.next() == FlowState.CLOSED) {
      if (result != null) {
        assertNull(a.engine.demux(result.localFlowId()), "the flow is gone");
      } else {
        assertEquals(before.flows.size(), after.flows.size(), "no new flow");
      }
      return;
    }
    assertNotNull(result, "a flow to be in " + row.next());
    assertEquals(row.next(), result.state());
  }

  private static void checkAction(TableRow row, Host a, Snapshot before, Snapshot after,
      FlowView result) {
    List<PacketType> expected = new ArrayList<>();
    for (String clause : clauses(row.action())) {
      Matcher send = SEND.matcher(clause);
      Matcher notify = NOTIFY.matcher(clause);
      Matcher count = COUNT.matcher(clause);
      if (clause.equals("none")) {
        continue;
      } else if (send.matches()) {
        expected.add(type(send.group(2)));
        if (send.group(3) != null) {
          expected.add(type(send.group(3)));
        }
        if (send.group(1) != null) {
          assertTrue(after.counter(Counter.RETRANSMISSIONS) > before.counter(Counter.RETRANSMISSIONS),
              "counted as a retransmission");
        }
        if (send.group(4) != null) {
          assertNotEquals(0, a.sent.get(0).header().join(), "SYN carries JOIN");
        }
        if (send.group(5) != null) {
          assertNull(a.sent.get(0).header().newAddress(), "no NEW_ADDRESS");
        }
      } else if (notify.matches()) {
        FailureReason reason = FailureReason.valueOf(notify.group(1));
        if (before.userKnows) {
          assertTrue(a.events.stream().anyMatch(e -> e instanceof ConnectionEvent.FlowFailed f
              && f.reason() == reason), "notified " + reason + ": " + a.events);
        }
      } else if (count.matches()) {
        checkCount(count.group(1), before, after);
      } else {
        checkEffect(clause, a, before, result);
      }
    }
    List<PacketType> sent = a.sent.stream().map(s -> s.header().type()).toList();
    assertEquals(expected, sent, "packets sent");
  }

  private static void checkEffect(String clause, Host a, Snapshot before, FlowView f) {
    ConnectionView c = f == null ? null : a.engine.connection(f.connectionId());
    switch (clause) {
      case "version++" -> assertEquals(before.localVersion + 1, c.localVersion());
      case "move to it" -> {
        assertNotNull(f.localAddress());
        assertNotEquals(before.localAddress, f.localAddress());
      }
      case "take peer address and IList" -> {
        assertEquals(B3, f.remoteAddress());
        assertEquals(InterfaceList.of(B3), c.peerInterfaceList());
      }
      case "create connection and flow" -> assertEquals(before.connections + 1,
          a.engine.connections().size());
      case "create flow" -> assertEquals(before.connections, a.engine.connections().size());
      case "pick flowID, nonce and version", "pick flowID and nonce" -> {
        assertNotEquals(0, f.localFlowId());
        assertNotEquals(0L, f.localNonce());
      }
      case "store peer" -> {
        assertNotEquals(0, f.remoteFlowId());
        assertNotEquals(0L, f.remoteNonce());
      }
      default -> fail("no check for the action '" + clause + "'");
    }
  }

  private static void checkCount(String counterName, Snapshot before, Snapshot after) {
    List<String> grew = after.counters.entrySet().stream()
        .filter(e -> e.getValue() > before.counters.get(e.getKey()))
        .map(Map.Entry::getKey).collect(Collectors.toList());
    if (counterName.equals("the limit")) {
      assertTrue(grew.stream().anyMatch(k -> k.startsWith("limit.")), "a limit counted: " + grew);
    } else {
      assertTrue(grew.stream().anyMatch(k -> k.equals(counterName) || k.endsWith("." + counterName)),
          counterName + " counted: " + grew);
    }
  }

  /** Splits an action into clauses at ";" and at ", " before a verb. */
  static List<String> clauses(String action) {
    List<String> out = new ArrayList<>();
    for (String part : action.split(";")) {
      for (String c : part.trim().split(", (?=(send|resend|count|notify|move|version|take)\\b)")) {
        out.add(c.trim());
      }
    }
    return out;
  }

  private static PacketType type(String name) {
    return PacketType.valueOf(name.replace('-', '_'));
  }

  /** What a row's checks compare before and after the event. */
  private static final class Snapshot {
    final List<FlowView> flows;
    final Map<String, Long> counters;
    final int connections;
    final int localVersion;
    final org.eccp.wire.IpAddress localAddress;
    final boolean userKnows;

    Snapshot(Host a, FlowView subject) {
      flows = a.engine.flows();
      counters = a.engine.counters().asMap();
      connections = a.engine.connections().size();
      ConnectionView c = subject == null ? null : a.engine.connection(subject.connectionId());
      localVersion = c == null ? 0 : c.localVersion();
      localAddress = subject == null ? null : subject.localAddress();
      userKnows = c != null && (c.initiator() || c.state() != ConnectionState.OPENING);
    }

    long counter(Counter k) {
      return counters.get(k.label());
    }
  }

  @Test
  void clauses_splitAtVerbsOnly() {
    assertEquals(List.of("pick flowID, nonce and version", "send SYN"),
        clauses("pick flowID, nonce and version; send SYN"));
    assertEquals(List.of("version++", "move to it", "send RSYN"),
        clauses("version++, move to it; send RSYN"));
    assertFalse(clauses("send RST, count not_listening").contains("send RST, count not_listening"));
  }
}
