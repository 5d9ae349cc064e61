package org.eccp.tools.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eccp.wire.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFileTest {
  @TempDir Path dir;

  private Path hosts(String text) throws Exception {
    Path file = dir.resolve("hosts");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void resolve_takesFirstIpv4OfName() throws Exception {
    Path file = hosts("""
        127.0.0.1\tlocalhost
        # server is here
        fd00:0:19:1::10\tserver
        198.19.1.10\tserver other  # comment
        198.19.2.10\tserver
        """);
    assertEquals(IpAddress.parse("198.19.1.10"), HostsFile.resolve("server", file));
    assertEquals(IpAddress.parse("198.19.1.10"), HostsFile.resolve("OTHER", file));
  }

  @Test
  void resolve_acceptsLiteralsWithoutReadingTheFile() throws Exception {
    Path missing = dir.resolve("none");
    assertEquals(IpAddress.parse("198.18.1.10"), HostsFile.resolve("198.18.1.10", missing));
  }

  @Test
  void resolve_rejectsUnknownNames() throws Exception {
    Path file = hosts("fd00::10 server6\n");
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> HostsFile.resolve("nobody", file));
    assertTrue(unknown.getMessage().contains("nobody"), unknown.getMessage());
  }

  @Test
  void resolve_takesIpv6WhenNoIpv4OrAsked() throws Exception {
    Path file = hosts("""
        fd00::10 server6
        fd00:0:19:1::10\tserver
        198.19.1.10\tserver
        """);

    assertEquals(IpAddress.parse("fd00::10"), HostsFile.resolve("server6", file));
    assertEquals(IpAddress.parse("fd00:0:19:1::10"),
        HostsFile.resolve("server", file, HostsFile.Family.IPV6));
    assertEquals(IpAddress.parse("198.19.1.10"),
        HostsFile.resolve("server", file, HostsFile.Family.IPV4));
    assertEquals(IpAddress.parse("fd00::1"), HostsFile.resolve("fd00::1", file));
  }

  @Test
  void resolve_rejectsOtherFamily() throws Exception {
    Path file = hosts("fd00::10 server6\n");

    IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
        () -> HostsFile.resolve("server6", file, HostsFile.Family.IPV4));
    IllegalArgumentException literal = assertThrows(IllegalArgumentException.class,
        () -> HostsFile.resolve("fd00::10", file, HostsFile.Family.IPV4));

    assertTrue(name.getMessage().contains("no IPv4 address"), name.getMessage());
    assertTrue(literal.getMessage().contains("not an IPv4 address"), literal.getMessage());
  }

  @Test
  void lookup_skipsInvalidLines() {
    assertEquals(List.of(IpAddress.parse("198.18.1.1")),
        HostsFile.lookup("gw", List.of("not-an-address gw", "198.18.1.1 gw", "")));
  }
}
