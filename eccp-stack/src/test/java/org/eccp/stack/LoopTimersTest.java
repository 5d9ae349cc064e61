package org.eccp.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopTimersTest {
  private final LoopTimers timers = new LoopTimers();
  private final List<String> ran = new ArrayList<>();

  private void runDue(long now) {
    Runnable r;
    while ((r = timers.pollDue(now)) != null) {
      r.run();
    }
  }

  @Test
  void pollDue_runsInDeadlineThenScheduleOrder() {
    timers.schedule(30, () -> ran.add("c"));
    timers.schedule(10, () -> ran.add("a"));
    timers.schedule(10, () -> ran.add("b"));
    runDue(20);
    assertEquals(List.of("a", "b"), ran);
    assertEquals(30, timers.nextDeadline());
    runDue(30);
    assertEquals(List.of("a", "b", "c"), ran);
    assertEquals(Long.MAX_VALUE, timers.nextDeadline());
  }

  @Test
  void cancel_keepsTaskFromRunning() {
    LoopTimers.Timer t = timers.schedule(5, () -> ran.add("x"));
    t.cancel();
    assertNull(timers.pollDue(100));
    assertEquals(List.of(), ran);
  }

  @Test
  void task_mayScheduleAnotherThatIsDue() {
    timers.schedule(1, () -> timers.schedule(1, () -> ran.add("second")));
    runDue(1);
    assertEquals(List.of("second"), ran);
  }

  @Test
  void deadlines_compareAcrossNanoTimeWrap() {
    timers.schedule(Long.MIN_VALUE + 5, () -> ran.add("late"));
    timers.schedule(Long.MAX_VALUE - 5, () -> ran.add("early"));
    runDue(Long.MAX_VALUE - 5);
    assertEquals(List.of("early"), ran);
  }
}
