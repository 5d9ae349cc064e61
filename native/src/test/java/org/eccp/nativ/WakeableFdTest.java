package org.eccp.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WakeableFdTest {

  private static WakeableFd udpSocket() throws NativeException {
    int fd = Syscalls.socket(Linux.AF_INET, Linux.SOCK_DGRAM | Linux.SOCK_CLOEXEC, 0);
    Syscalls.bind(fd, SockAddr.inet4(0x7f000001, 0));
    return WakeableFd.wrap(fd, "udp test socket");
  }

  @Test
  void wakeupReturnsBlockedReceive() throws Exception {
    try (WakeableFd socket = udpSocket()) {
      NativeMemory buf = new NativeMemory(64);
      CompletableFuture<Integer> result = CompletableFuture.supplyAsync(() -> {
        try {
          return socket.recvfrom(buf.address(), 64, null);
        } catch (NativeException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(50);
      assertFalse(result.isDone(), "receive returned before any datagram or wakeup");

      socket.wakeup();

      assertEquals(-1, result.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void clearedWakeupLetsDataThrough() throws Exception {
    try (WakeableFd socket = udpSocket()) {
      socket.wakeup();
      socket.clearWakeup();
      SockAddr self = new SockAddr();
      Syscalls.getsockname(socket.fd(), self);
      NativeMemory buf = new NativeMemory(64);
      buf.putInt(0, 42);

      socket.sendto(buf.address(), 4, self);
      NativeMemory in = new NativeMemory(64);

      assertEquals(4, socket.recvfrom(in.address(), 64, null));
      assertEquals(42, in.getInt(0));
    }
  }

  @Test
  void batchSendAndReceiveMoveEightDatagrams() throws Exception {
    try (WakeableFd socket = udpSocket()) {
      SockAddr self = new SockAddr();
      Syscalls.getsockname(socket.fd(), self);
      NativeMemory out = new NativeMemory(8 * 16);
      NativeMemory in = new NativeMemory(8 * 64);
      MmsgVector send = new MmsgVector(8);
      MmsgVector receive = new MmsgVector(8);
      for (int i = 0; i < 8; i++) {
        out.putInt(i * 16, 1000 + i);
        send.setSend(i, out.address() + i * 16, 4 + i, self);
      }

      assertEquals(8, socket.sendmmsg(send, 8));

      // recvmmsg may return fewer than asked; each call fills entries from 0 again.
      int got = 0;
      while (got < 8) {
        for (int i = 0; i < 8; i++) {
          receive.setReceive(i, in.address() + i * 64, 64);
        }
        int n = socket.recvmmsg(receive, 8 - got);
        for (int i = 0; i < n; i++) {
          int datagram = got + i;
          assertEquals(4 + datagram, receive.length(i), "length of datagram " + datagram);
          assertEquals(1000 + datagram, in.getInt(i * 64), "content of datagram " + datagram);
          assertEquals(self.port(), receive.sender(i).port(), "sender of datagram " + datagram);
        }
        got += n;
      }
    }
  }

  @Test
  void closeWakesBlockedReceive() throws Exception {
    WakeableFd socket = udpSocket();
    NativeMemory buf = new NativeMemory(64);
    CompletableFuture<Integer> result = CompletableFuture.supplyAsync(() -> {
      try {
        return socket.read(buf.address(), 64);
      } catch (NativeException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);

    socket.close();

    assertEquals(-1, result.get(5, TimeUnit.SECONDS));
    assertEquals(-1, socket.read(buf.address(), 64));
  }
}
