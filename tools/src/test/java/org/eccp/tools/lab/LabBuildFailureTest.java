package org.eccp.tools.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lab whose build fails midway removes what it made and reports the failing command. */
class LabBuildFailureTest {

  /** Replaces the veth for net-c by one with an invalid type, so the real {@code ip} fails there. */
  private static final class FailingAtNetC extends CommandRunner {
    @Override
    public Result run(List<String> command, String stdin) throws LabException {
      if (command.contains("link") && command.contains("add") && command.contains("rc")) {
        List<String> broken = new ArrayList<>(command);
        broken.set(broken.indexOf("veth"), "no-such-link-type");
        return super.run(broken, stdin);
      }
      return super.run(command, stdin);
    }
  }

  @Test
  void failedBuildRemovesWhatItMade() throws Exception {
    LabFixture.assumeLabPossible();
    LabFixture fixture = new LabFixture();
    LabPrefix prefix = new LabPrefix(fixture.prefix);
    LabEnvironment env = LabEnvironment.check();
    Lab lab = new Lab(prefix, LabPaths.SYSTEM, new Ip(new FailingAtNetC(), env.ip(), env.tc()), env.nft());
    try {
      LabException e = assertThrows(LabException.class, () -> lab.up(Topology.byName("default").orElseThrow()));

      assertTrue(e.getMessage().contains("no-such-link-type"), e.getMessage());
      assertTrue(e.getMessage().contains("removed"), e.getMessage());
      String namespaces = LabFixture.system("ip", "netns", "list").stdout();
      for (String role : Topology.ROLES) {
        assertFalse(namespaces.contains(prefix.namespace(role)), namespaces);
      }
      assertFalse(Files.exists(Path.of("/run/eccp-lab", prefix.labName())), "state directory removed");
    } finally {
      fixture.down();
    }
  }
}
