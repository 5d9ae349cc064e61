package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eccp.tools.DissectCommandTest.Run;
import org.eccp.tools.dissect.CaptureException;
import org.eccp.tools.dissect.CaptureLab;
import org.eccp.tools.dissect.CaptureReader;
import org.eccp.tools.dissect.DissectTestPackets;
import org.eccp.tools.dissect.Dissector;
import org.eccp.tools.dissect.Summary;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures crafted ECCP packets with real tcpdump and tshark between two network namespaces and
 * checks that dissect finds every one in each capture format. Runs as root only.
 */
class DissectLabTest {
  /**
   * Sends each input line "udp|raw|ethernet ADDRESS HEX" as one UDP datagram to port 7400, one raw
   * IP packet, or one whole Ethernet frame out of the device named by ADDRESS.
   */
  private static final String SENDER = """
      import socket, sys
      for line in sys.stdin:
          kind, address, payload = line.split()
          family = socket.AF_INET6 if ':' in address else socket.AF_INET
          if kind == 'ethernet':
              s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
              s.bind((address, 0))
              s.send(bytes.fromhex(payload))
          elif kind == 'udp':
              s = socket.socket(family, socket.SOCK_DGRAM)
              s.sendto(bytes.fromhex(payload), (address, 7400))
          else:
              s = socket.socket(family, socket.SOCK_RAW, 253)
              s.sendto(bytes.fromhex(payload), (address, 0))
          s.close()
      """;

  @TempDir Path dir;

  @Test
  void realCaptures_containEveryEccpPacket() throws Exception {
    assumeTrue(CaptureLab.available("ip", "tcpdump", "tshark", "python3"),
        "needs root, iproute2, tcpdump, tshark and python3 (apt-get install iproute2 tcpdump"
            + " tshark python3)");
    Map<String, String[]> captures = new LinkedHashMap<>();
    captures.put("cooked-v2.pcap", new String[] {"tcpdump", "-i", "any", "-U", "-w"});
    captures.put("cooked-v1.pcap", new String[] {"tcpdump", "-i", "any", "-y", "LINUX_SLL", "-U",
        "-w"});
    captures.put("ethernet.pcap", new String[] {"tcpdump", "-i", CaptureLab.DEVICE_A, "-U",
        "-w"});
    captures.put("ethernet.pcapng", new String[] {"tshark", "-i", CaptureLab.DEVICE_A,
        "-F", "pcapng", "-w"});
    List<EccpPacket> packets = DissectTestPackets.oneOfEachType();

    try (CaptureLab lab = new CaptureLab()) {
      List<Process> running = new ArrayList<>();
      for (Map.Entry<String, String[]> c : captures.entrySet()) {
        List<String> command = new ArrayList<>(List.of(c.getValue()));
        command.add(dir.resolve(c.getKey()).toString());
        String ready = command.get(0).equals("tshark") ? "Capturing on" : "listening on";
        running.add(lab.startCapture(ready, command.toArray(String[]::new)));
      }

      send(lab, packets);
      for (String file : captures.keySet()) {
        awaitPackets(dir.resolve(file), 4L * packets.size() + 1);
      }
      for (Process p : running) {
        CaptureLab.stop(p);
      }
    }

    List<String> reference = null;
    for (String file : captures.keySet()) {
      List<String> eccpLines = checkCapture(dir.resolve(file), packets);
      if (reference == null) {
        reference = eccpLines;
      }
      assertEquals(reference, eccpLines, file + " shows other packets than "
          + captures.keySet().iterator().next());
    }
  }

  @Test
  void vlanTaggedFrames_containEveryEccpPacket() throws Exception {
    assumeTrue(CaptureLab.available("ip", "tcpdump", "python3"),
        "needs root, iproute2, tcpdump and python3 (apt-get install iproute2 tcpdump python3)");
    Path file = dir.resolve("vlan.pcap");
    List<EccpPacket> packets = DissectTestPackets.oneOfEachType();
    // Broadcast frames tagged with VLAN 5; the peer has no VLAN 5, so it drops them.
    String tag = "ffffffffffff" + "020000000001" + "8100" + "0005" + "0800";
    try (CaptureLab lab = new CaptureLab()) {
      Process capture = lab.startCapture("listening on", "tcpdump", "-i", CaptureLab.DEVICE_A,
          "-U", "-w", file.toString());
      StringBuilder lines = new StringBuilder();
      for (EccpPacket p : packets) {
        byte[] ip = DissectTestPackets.framed(p, 0, false, true);
        lines.append("ethernet ").append(CaptureLab.DEVICE_A).append(' ').append(tag)
            .append(HexFormat.of().formatHex(ip)).append('\n');
      }
      runSender(lab, lines.toString());
      awaitPackets(file, packets.size());
      CaptureLab.stop(capture);
    }

    Run run = DissectCommandTest.dissect(file.toString());
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.lines();
    for (int i = 0; i < packets.size(); i++) {
      String type = packets.get(i).type().name().replace('_', '-');
      assertTrue(lines.get(i).contains(" 198.18.0.1:7400 → 198.18.0.2:7400 " + type + " "),
          lines.get(i));
    }
    assertTrue(lines.get(packets.size()).contains(" records (Ethernet), 12 ECCP, 0 malformed"),
        lines.get(packets.size()));
    String frames = CaptureLab.run("tcpdump", "-e", "-n", "-r", file.toString());
    assertTrue(frames.contains("vlan 5"), "the capture shows no VLAN tags: " + frames);
  }

  /** Sends every packet over UDP and raw IP, IPv4 and IPv6, and one truncated ECCP header. */
  private static void send(CaptureLab lab, List<EccpPacket> packets)
      throws IOException, InterruptedException {
    StringBuilder lines = new StringBuilder();
    for (String kind : List.of("udp", "raw")) {
      for (String address : List.of(CaptureLab.ADDRESS_B4, CaptureLab.ADDRESS_B6)) {
        for (EccpPacket p : packets) {
          byte[] eccp = DissectTestPackets.eccp(p, p.type().carriesPayload() ? 10 : 0);
          lines.append(kind).append(' ').append(address).append(' ')
              .append(HexFormat.of().formatHex(eccp)).append('\n');
        }
      }
    }
    byte[] truncated = DissectTestPackets.eccp(packets.get(2), 0);
    lines.append("udp ").append(CaptureLab.ADDRESS_B4).append(' ')
        .append(HexFormat.of().formatHex(truncated, 0, 12)).append('\n');

    runSender(lab, lines.toString());
  }

  private static void runSender(CaptureLab lab, String lines)
      throws IOException, InterruptedException {
    Process sender = lab.startInA("python3", "-c", SENDER);
    try (OutputStream in = sender.getOutputStream()) {
      in.write(lines.getBytes(StandardCharsets.US_ASCII));
    }
    String err = new String(sender.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, sender.waitFor(), "the sender failed: " + err);
  }

  /** Waits until the capture file contains {@code expected} ECCP packets, malformed ones included. */
  private static void awaitPackets(Path file, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    long found = -1;
    while (System.nanoTime() < deadline) {
      found = countEccp(file);
      if (found >= expected) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(file.getFileName() + " contains " + found + " ECCP packets, expected "
        + expected);
  }

  private static long countEccp(Path file) {
    try (CaptureReader reader = CaptureReader.open(file)) {
      Dissector dissector = new Dissector(reader.linkType(), 253, 7400);
      Summary summary = new Summary();
      for (CaptureReader.Record r = reader.next(); r != null; r = reader.next()) {
        summary.count(dissector.dissect(r));
      }
      return summary.eccp() + summary.malformed();
    } catch (CaptureException e) {
      return -1; // not written yet, or the last record is still being written
    }
  }

  private static long count(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).count();
  }

  /** Dissects one capture, checks its counts, and returns its ECCP lines without number and time. */
  private static List<String> checkCapture(Path file, List<EccpPacket> packets) {
    Run run = DissectCommandTest.dissect(file.toString());
    String name = file.getFileName().toString();
    assertEquals(0, run.exitCode(), name + ": " + run.err());
    List<String> lines = run.lines();
    String types = lines.get(lines.size() - 2);
    Map<PacketType, Integer> expected = new LinkedHashMap<>();
    for (EccpPacket p : packets) {
      expected.merge(p.type(), 4, Integer::sum);
    }
    StringBuilder expectedTypes = new StringBuilder("  types: ");
    expected.forEach((t, n) -> expectedTypes.append(t.name().replace('_', '-')).append(' ')
        .append(n).append(", "));
    assertEquals(expectedTypes.substring(0, expectedTypes.length() - 2), types, name);
    assertEquals("  problems: truncated 1", lines.get(lines.size() - 1), name);
    String summary = lines.get(lines.size() - 3);
    assertTrue(summary.contains(" 48 ECCP, 1 malformed, "), name + ": " + summary);
    String linkType = name.startsWith("cooked-v2") ? "Linux cooked v2"
        : name.startsWith("cooked-v1") ? "Linux cooked v1" : "Ethernet";
    assertTrue(summary.contains(" records (" + linkType + "), "), name + ": " + summary);

    List<String> eccp = new ArrayList<>();
    for (String line : lines.subList(0, lines.size() - 3)) {
      if (line.startsWith("packet ")) {
        assertTrue(line.contains(": truncated ECCP header, 12 of 20 bytes ("), line);
        continue;
      }
      String[] fields = line.split(" ", 3);
      // The sender's UDP source port is ephemeral.
      eccp.add(fields[2].replaceAll("(\\]|\\.[0-9]+):[0-9]+ → ", "$1:PORT → "));
    }
    assertEquals(48, eccp.size(), name);
    // IPv6 packets wait for neighbour discovery, so the kinds may interleave in any order.
    assertEquals(12, count(eccp, "198.18.77.1:PORT → 198.18.77.2:7400 "), name);
    assertEquals(12, count(eccp, "[fd00:77::1]:PORT → [fd00:77::2]:7400 "), name);
    assertEquals(12, count(eccp, "198.18.77.1 → 198.18.77.2 "), name);
    assertEquals(12, count(eccp, "fd00:77::1 → fd00:77::2 "), name);
    assertEquals(4, eccp.stream().filter(l -> l.contains(" RSYN ")
        && l.contains("NEW_ADDRESS(198.18.1.1)")).count(), name);
    assertEquals(4, eccp.stream().filter(l -> l.contains(" SYN ")
        && l.contains("JOIN(0a0b0c0d)")).count(), name);
    return eccp;
  }
}
