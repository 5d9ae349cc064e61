package org.eccp.tools.lab;

import org.eccp.tools.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eccp lab status}: the lab as its namespaces show it now. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show hosts, networks, current addresses and impairments, read from the namespaces.")
final class LabStatusCommand extends LabSubcommand {

  @Option(names = "--json", description = "Print the status as JSON.")
  boolean json;

  @Override
  int run(LabPrefix prefix) throws LabException {
    LabStatus status = Lab.open(prefix).status();
    out().println(json ? Json.write(status.toJson()) : status.toText().stripTrailing());
    out().flush();
    return 0;
  }
}
