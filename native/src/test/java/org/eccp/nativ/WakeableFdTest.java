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
  void closeWakesBlockedReceiveAndLaterCallsReturnAtOnce() throws Exception {
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
