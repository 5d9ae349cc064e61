package org.eccp.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyscallsTest {

  @Test
  void openMissingFileNamesErrno() {
    NativeException e = assertThrows(NativeException.class,
        () -> Syscalls.open("/nonexistent/eccp", Linux.O_RDONLY));

    assertEquals(Linux.ENOENT, e.errno());
    assertTrue(e.getMessage().contains("ENOENT"), e.getMessage());
    assertTrue(e.getMessage().contains("No such file"), e.getMessage());
    assertTrue(e.getMessage().startsWith("open(/nonexistent/eccp)"), e.getMessage());
    assertTrue(e.getStackTrace().length > 0);
  }

  @Test
  void eagainIsWouldBlockWithoutStackTrace() throws Exception {
    int fd = Syscalls.socket(Linux.AF_INET, Linux.SOCK_DGRAM | Linux.SOCK_NONBLOCK, 0);
    try {
      NativeMemory buf = new NativeMemory(64);
      NativeException e = assertThrows(NativeException.class,
          () -> Syscalls.recvfrom(fd, buf.address(), 64, 0, null));

      assertTrue(e.isWouldBlock());
      assertFalse(e.isInterrupted());
      assertEquals(0, e.getStackTrace().length);
    } finally {
      Syscalls.close(fd);
    }
  }

  @Test
  void udpLoopbackRoundTripFillsSenderAddress() throws Exception {
    int a = Syscalls.socket(Linux.AF_INET, Linux.SOCK_DGRAM, 0);
    int b = Syscalls.socket(Linux.AF_INET, Linux.SOCK_DGRAM, 0);
    try {
      Syscalls.bind(b, SockAddr.inet4(0x7f000001, 0));
      SockAddr bound = new SockAddr();
      Syscalls.getsockname(b, bound);
      NativeMemory out = new NativeMemory(16);
      out.putBytes(0, new byte[] {1, 2, 3, 4, 5});

      assertEquals(5, Syscalls.sendto(a, out.address(), 5, 0, bound));
      NativeMemory in = new NativeMemory(16);
      SockAddr from = new SockAddr();
      int n = Syscalls.recvfrom(b, in.address(), 16, 0, from);

      assertEquals(5, n);
      assertEquals(3, in.getByte(2));
      assertEquals(Linux.AF_INET, from.family());
      assertEquals(0x7f000001, from.inet4Address());
      assertTrue(from.port() != 0);
    } finally {
      Syscalls.close(a);
      Syscalls.close(b);
    }
  }

  @Test
  void sockaddrStoresNetworkOrder() {
    SockAddr v4 = SockAddr.inet4(0xc6120001, 7400);
    SockAddr v6 = SockAddr.inet6(0xfd00000000000000L, 1, 7400, 0);

    assertEquals("198.18.0.1:7400", v4.toString());
    assertEquals(16, v4.length());
    assertEquals("[fd00:0:0:0:0:0:0:1]:7400", v6.toString());
    assertEquals(28, v6.length());
  }

  @Test
  void ifNameToIndexFindsLoopback() throws Exception {
    assertEquals(1, Syscalls.ifNameToIndex("lo"));
    NativeException e = assertThrows(NativeException.class,
        () -> Syscalls.ifNameToIndex("eccp-missing0"));
    assertEquals("ENODEV", Syscalls.errnoSymbol(e.errno()));
  }
}
