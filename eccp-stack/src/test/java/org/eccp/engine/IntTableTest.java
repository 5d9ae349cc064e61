package org.eccp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntTableTest {

  @Test
  void millionFlows_lookupsAllocateNothing() {
    int n = 1_000_000;
    IntTable<Integer> table = new IntTable<>(16);
    SplittableRandom r = new SplittableRandom(1);
    int[] keys = new int[n];
    Integer[] values = new Integer[n];
    for (int i = 0; i < n; i++) {
      int k;
      do {
        k = r.nextInt();
      } while (k == 0 || table.contains(k));
      keys[i] = k;
      values[i] = i;
      table.put(k, values[i]);
    }
    assertEquals(n, table.size());
    ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long found = 0;
    for (int round = 0; round < 3; round++) { // the last rounds run compiled code
      long before = mx.getThreadAllocatedBytes(tid);
      found = 0;
      for (int i = 0; i < n; i++) {
        if (table.get(keys[i]) == values[i]) {
          found++;
        }
      }
      long allocated = mx.getThreadAllocatedBytes(tid) - before;
      if (round == 2) {
        assertTrue(allocated < 64 * 1024, "lookups allocated " + allocated + " bytes");
      }
    }
    assertEquals(n, found);
  }

  @Test
  void randomPutsAndRemoves_matchAHashMap() {
    for (long seed = 1; seed <= 50; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      IntTable<String> table = new IntTable<>(4);
      Map<Integer, String> model = new HashMap<>();
      for (int step = 0; step < 5_000; step++) {
        int k = 1 + r.nextInt(300); // a small key space forces long probe runs
        if (model.containsKey(k) && r.nextBoolean()) {
          table.remove(k);
          model.remove(k);
        } else if (!model.containsKey(k)) {
          String v = "v" + step;
          table.put(k, v);
          model.put(k, v);
        }
        int probe = 1 + r.nextInt(300);
        assertEquals(model.get(probe), table.get(probe), "seed " + seed + " step " + step);
      }
      assertEquals(model.size(), table.size(), "seed " + seed);
      for (Map.Entry<Integer, String> e : model.entrySet()) {
        assertSame(e.getValue(), table.get(e.getKey()), "seed " + seed);
      }
    }
  }

  @Test
  void put_rejectsZeroAndDuplicates() {
    IntTable<String> t = new IntTable<>(4);
    assertThrows(IllegalArgumentException.class, () -> t.put(0, "x"));
    assertNull(t.get(0));
    t.put(7, "a");
    assertThrows(IllegalStateException.class, () -> t.put(7, "b"));
  }
}
