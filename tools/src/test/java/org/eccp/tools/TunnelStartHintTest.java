package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.eccp.nativ.NativeException;
import org.eccp.nativ.Syscalls;
import org.eccp.tools.endpoint.StackOptions;
import org.junit.jupiter.api.Test;

class TunnelStartHintTest {
  private static final String ROOT = "need root";

  @Test
  void startFailure_namesAMissingPcapDirectory() {
    String m = StackOptions.explain(new NoSuchFileException("/nonexistent/dir/x.pcap"), ROOT);
    assertTrue(m.contains("/nonexistent/dir") && m.contains("does not exist"), m);
    assertFalse(m.contains(ROOT), m);
  }

  @Test
  void startFailure_procPcapDirectoryExists() {
    // Creating a file in /proc fails with ENOENT although /proc exists.
    String m = StackOptions.explain(new NoSuchFileException("/proc/x.pcap"), ROOT);
    assertTrue(m.contains("/proc"), m);
    assertTrue(m.contains("accepts no new files"), m);
    assertFalse(m.contains("does not exist"), m);
  }

  @Test
  void startFailure_namesAnEmptyPcapName() {
    String m = StackOptions.explain(new FileSystemException(""), ROOT);
    assertTrue(m.contains("file name is empty"), m);
  }

  @Test
  void startFailure_namesADeniedPcapFile() {
    String m = StackOptions.explain(new AccessDeniedException("/x.pcap"), ROOT);
    assertTrue(m.contains("/x.pcap") && m.contains("permission denied"), m);
    assertFalse(m.contains(ROOT), m);
  }

  @Test
  void startFailure_devNameOfOtherDevice() {
    // TUNSETIFF fails with EINVAL (22) when the name belongs to a device that is not TUN.
    String m = StackOptions.explain(Syscalls.error("ioctl(TUNSETIFF a0)", 22), ROOT);
    assertTrue(m.contains("not a TUN device"), m);
    assertTrue(m.contains("another --dev"), m);
    assertFalse(m.contains(ROOT), m);
  }

  @Test
  void startFailure_givesTheRootHintOnlyForPermissionErrors() {
    String m = StackOptions.explain(NativeException.of("open(/dev/net/tun)", "no device"), ROOT);
    assertFalse(m.contains(ROOT), m);
  }
}
