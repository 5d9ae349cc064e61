package org.eccp.tcplite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eccp.tcplite.wire.SackBlock;
import org.junit.jupiter.api.Test;

class ReceiveSideTest {
  private final byte[] ten = "0123456789".getBytes();

  @Test
  void receive_finHeldUntilGapFills() {
    ReceiveSide r = new ReceiveSide(1000);
    r.syn(-5);
    r.data(11, ten, 0, 10);
    r.fin(21);
    assertFalse(r.finished());
    assertEquals(0, r.available());
    r.data(1, ten, 0, 10);
    assertTrue(r.finished());
    assertEquals(20, r.available());
  }

  @Test
  void receive_sackLatestFirst() {
    ReceiveSide r = new ReceiveSide(1000);
    r.syn(-16);
    r.data(11, ten, 0, 10);
    r.data(31, ten, 0, 10);
    r.data(51, ten, 0, 10);
    r.data(21, ten, 0, 10);
    List<SackBlock> sacks = r.sackBlocks();
    assertEquals(List.of(new SackBlock(-16 + 11, -16 + 41), new SackBlock(-16 + 51, -16 + 61)),
        sacks);
    assertEquals(1, r.next);
  }

  @Test
  void receive_duplicatesAndOverflowRefused() {
    ReceiveSide r = new ReceiveSide(15);
    r.syn(0);
    assertTrue(r.data(1, ten, 0, 10));
    assertFalse(r.data(1, ten, 0, 10));
    assertFalse(r.data(11, ten, 0, 10));
    assertEquals(5, r.window());
  }
}
