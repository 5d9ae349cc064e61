package org.eccp.tools.lab;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eccp lab up}: builds the lab, or leaves a complete one as it is. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Build the lab; a complete lab is left as is and a partial one is rebuilt.")
final class LabUpCommand extends LabSubcommand {

  @Option(names = "--topology", paramLabel = "NAME", defaultValue = "default",
      description = "Layout to build: default (client on net-a, server on net-s) or multihomed (client on net-a and net-b).")
  String topologyName;

  @Override
  int run(LabPrefix prefix) throws LabException {
    Topology topology = Topology.byName(topologyName).orElseThrow(() -> usage(
        "unknown --topology '" + topologyName + "': use one of " + Topology.builtInNames()));
    Lab lab = Lab.open(prefix);
    Lab.UpResult result = lab.up(topology);
    if (!result.cleaned().isEmpty()) {
      out().println("removed a partial lab: " + String.join(", ", result.cleaned()));
    }
    out().println(result.built()
        ? "lab " + prefix.labName() + " is up (topology " + topology.name() + ")"
        : "lab " + prefix.labName() + " was already up (topology " + result.topology().name() + "); left as is");
    out().print(lab.status().toText());
    out().flush();
    return 0;
  }
}
