package org.eccp.tools.lab;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eccp lab down}: removes everything a lab made. */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Remove the lab's namespaces, /etc/netns files and state, also after a crash.")
final class LabDownCommand extends LabSubcommand {

  @Option(names = "--all-test-labs",
      description = "Remove every test lab (prefix eccpt-) that has a state directory in /run/eccp-lab, instead of one lab.")
  boolean allTestLabs;

  @Override
  int run(LabPrefix prefix) throws LabException {
    List<String> removed = allTestLabs ? Lab.downAllTestLabs() : Lab.open(prefix).down();
    String what = allTestLabs ? "test labs" : "lab " + prefix.labName();
    if (removed.isEmpty()) {
      out().println("nothing to remove for " + what);
    } else {
      out().println("removed " + what + ":");
      removed.forEach(item -> out().println("  " + item));
    }
    out().flush();
    return 0;
  }
}
