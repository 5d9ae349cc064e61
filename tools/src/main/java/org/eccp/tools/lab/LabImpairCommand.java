package org.eccp.tools.lab;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eccp lab impair}: sets or clears the impairment of one network. */
@Command(name = "impair", mixinStandardHelpOptions = true,
    description = "Set the impairment of a network (each call replaces the previous one), or clear it.",
    footer = {"", "The rate limit is a tbf qdisc on both ends of the network. Delay, jitter, loss, duplication and "
        + "reordering use netem when the kernel has it; otherwise they are written to "
        + "/run/eccp-lab/<lab>/impair/<net>.properties for the user-space link, and loss is also "
        + "dropped at random by an nft rule in the router when nft is installed."})
final class LabImpairCommand extends LabSubcommand {

  @Parameters(index = "0", paramLabel = "NET", description = "Network to impair: net-a, net-b, net-c, net-s or net-t.")
  String network;

  @Option(names = "--delay", converter = DecimalConverter.class, paramLabel = "MS", description = "Added delay in milliseconds, from 0 to 60000.")
  double delayMs;

  @Option(names = "--jitter", converter = DecimalConverter.class, paramLabel = "MS", description = "Random delay variation in milliseconds, from 0 to 60000 (needs --delay).")
  double jitterMs;

  @Option(names = "--loss", converter = DecimalConverter.class, paramLabel = "P", description = "Probability from 0 to 1 that a packet is dropped.")
  double loss;

  @Option(names = "--dup", converter = DecimalConverter.class, paramLabel = "P", description = "Probability from 0 to 1 that a packet is duplicated.")
  double dup;

  @Option(names = "--reorder", converter = DecimalConverter.class, paramLabel = "P", description = "Probability from 0 to 1 that a packet is reordered.")
  double reorder;

  @Option(names = "--rate", converter = DecimalConverter.class, paramLabel = "MBIT", description = "Rate limit in Mbit/s, in both directions, from 0.001 (tc's step of 1 kbit/s) up to 100000.")
  double rateMbit;

  @Option(names = "--seed", paramLabel = "S", description = "Seed for the user-space impairment's random choices (default: 0).")
  long seed;

  @Option(names = "--clear", description = "Remove every impairment from the network.")
  boolean clear;

  @Override
  int run(LabPrefix prefix) throws LabException {
    Impairment impairment = new Impairment(delayMs, jitterMs, loss, dup, reorder, rateMbit, seed);
    List<String> problems = impairment.problems();
    if (!problems.isEmpty()) {
      throw usage(String.join("\n", problems));
    }
    if (clear && !impairment.isNone()) {
      throw usage("--clear removes every impairment: give it alone, or leave it out to set new values");
    }
    if (!clear && impairment.isNone()) {
      throw usage("nothing to set on " + network
          + ": give at least one of --delay, --jitter, --loss, --dup, --reorder, --rate, or --clear");
    }
    Lab.checkNetwork(network);
    LabState.AppliedImpairment applied = Lab.open(prefix).impair(network, impairment);
    out().println(network + ": " + (clear ? "impairment cleared" : LabStatus.describe(applied)));
    java.nio.file.Path file = LabPaths.SYSTEM.impairFile(prefix, network);
    if (java.nio.file.Files.exists(file)) {
      out().println("user-space impairment settings: " + file);
    }
    out().flush();
    return 0;
  }
}
