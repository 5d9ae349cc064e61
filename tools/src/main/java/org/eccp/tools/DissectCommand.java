package org.eccp.tools;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eccp.tools.dissect.CaptureException;
import org.eccp.tools.dissect.CaptureReader;
import org.eccp.tools.dissect.DissectPrinter;
import org.eccp.tools.dissect.Dissector;
import org.eccp.tools.dissect.LinkLayer;
import org.eccp.tools.dissect.Outcome;
import org.eccp.tools.dissect.Summary;
import org.eccp.wire.Encapsulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code eccp dissect}: one line per ECCP packet of a pcap or pcapng capture, then a summary. */
@Command(
    name = "dissect",
    mixinStandardHelpOptions = true,
    description = "Print the ECCP packets of a pcap or pcapng capture, one per line, and a summary.")
final class DissectCommand implements Callable<Integer> {
  static final int EXIT_DAMAGED = 1;
  static final int EXIT_UNREADABLE = 2;
  /** Records between two checks that someone still reads the output. */
  private static final int OUTPUT_CHECK_INTERVAL = 4096;
  private static final String[] QUIET_LOGGERS = {
    "org.slf4j.simpleLogger.log.org.pcap4j", "org.slf4j.simpleLogger.log.net.openhft"};

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The capture file (pcap or pcapng).")
  Path file;

  @Option(names = "--json", description = "Print one JSON object per line instead of text.")
  boolean json;

  @Option(names = "--all", description = "Print a line for packets that are not ECCP too.")
  boolean all;

  @Option(names = "--udp-port", paramLabel = "P",
      defaultValue = "" + Encapsulation.DEFAULT_UDP_PORT,
      description = "The UDP port of ECCP in UDP, as source or destination port"
          + " (default: ${DEFAULT-VALUE}).")
  int udpPort;

  @Option(names = "--protocol", paramLabel = "N",
      defaultValue = "" + Encapsulation.DEFAULT_IP_PROTOCOL,
      description = "The IP protocol number of ECCP directly in IP (default: ${DEFAULT-VALUE}).")
  int protocol;

  @Override
  public Integer call() {
    checkArguments();
    // pcap4j and chronicle log at INFO where they loaded from; dissect's output has no place for it.
    for (String logger : QUIET_LOGGERS) {
      if (System.getProperty(logger) == null) {
        System.setProperty(logger, "warn");
      }
    }
    // A buffer of its own, because the command line's writer may flush on every line.
    PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
    try (CaptureReader reader = CaptureReader.open(file)) {
      if (!LinkLayer.isSupported(reader.linkType())) {
        return fail(EXIT_UNREADABLE, file + " uses " + LinkLayer.name(reader.linkType())
            + ", which dissect does not decode; capture with tcpdump -i any or on an Ethernet, "
            + "veth or TUN interface");
      }
      return dissect(reader, out);
    } catch (CaptureException e) {
      return fail(EXIT_UNREADABLE, e.getMessage());
    }
  }

  private int dissect(CaptureReader reader, PrintWriter out) {
    Dissector dissector = new Dissector(reader.linkType(), protocol, udpPort);
    DissectPrinter printer = new DissectPrinter(out, json, all);
    Summary summary = new Summary();
    String error = null;
    try {
      for (CaptureReader.Record r = reader.next(); r != null; r = reader.next()) {
        Outcome outcome = dissector.dissect(r);
        summary.count(outcome);
        printer.print(outcome);
        if (r.number() % OUTPUT_CHECK_INTERVAL == 0 && outputClosed(out)) {
          return 0; // the reader went away, as "eccp dissect FILE | head" does
        }
      }
    } catch (CaptureException e) {
      error = e.getMessage();
    }
    printer.printSummary(summary, reader.linkType(), error);
    out.flush();
    if (error != null) {
      return fail(EXIT_DAMAGED, error + "; the records before it were dissected");
    }
    return 0;
  }

  /** Returns true when standard output is closed, for example by the end of a pipe. */
  private boolean outputClosed(PrintWriter out) {
    out.flush();
    // System.out swallows write errors too, so the command line's writer never sees them.
    return spec.commandLine().getOut().checkError() || System.out.checkError();
  }

  private void checkArguments() {
    if (udpPort < 1 || udpPort > 65535) {
      throw new ParameterException(spec.commandLine(),
          "invalid --udp-port " + udpPort + ": expected a port from 1 to 65535");
    }
    if (protocol < 0 || protocol > 255 || protocol == Encapsulation.UDP_PROTOCOL) {
      throw new ParameterException(spec.commandLine(), "invalid --protocol " + protocol
          + ": expected an IP protocol number from 0 to 255 other than 17 (UDP; for ECCP in UDP"
          + " use --udp-port)");
    }
  }

  private int fail(int exitCode, String message) {
    spec.commandLine().getErr().println("eccp dissect: " + message);
    return exitCode;
  }
}
