package org.eccp.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.pcap.EccpCapture;
import org.eccp.pcap.PacketTap.Direction;
import org.eccp.pcap.PcapWriter;
import org.eccp.tools.json.Json;
import org.eccp.tools.dissect.CaptureLab;
import org.eccp.tools.dissect.DissectTestPackets;
import org.eccp.wire.EccpPacket;
import org.eccp.wire.InterfaceList;
import org.eccp.wire.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DissectCommandTest {
  /** 2026-12-04T20:26:01.123456789Z */
  private static final long T0 = 1_796_415_961_123_456_789L;

  @TempDir Path dir;

  /** What one run printed and returned. */
  record Run(int exitCode, List<String> lines, String err) {}

  static Run dissect(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = EccpCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "dissect";
    System.arraycopy(args, 0, all, 1, args.length);
    int exitCode = cli.execute(all);
    return new Run(exitCode, out.toString().lines().toList(), err.toString());
  }

  private Path capture(String name, List<byte[]> packets) throws IOException {
    return capture(name, PcapWriter.DEFAULT_SNAP_LENGTH, packets);
  }

  private Path capture(String name, int snapLength, List<byte[]> packets) throws IOException {
    Path file = dir.resolve(name);
    try (PcapWriter w = PcapWriter.create(file, snapLength)) {
      long t = T0;
      for (byte[] p : packets) {
        w.write(ByteBuffer.wrap(p), t);
        t += 1_000_000;
      }
    }
    return file;
  }

  private static int payloadOf(EccpPacket p) {
    return p.type().carriesPayload() ? 10 : 0;
  }

  private static List<byte[]> framesOf(List<EccpPacket> packets, boolean v6, boolean udp) {
    List<byte[]> frames = new ArrayList<>();
    for (EccpPacket p : packets) {
      frames.add(DissectTestPackets.framed(p, payloadOf(p), v6, udp));
    }
    return frames;
  }

  @Test
  void textLines_showEveryField() throws IOException {
    List<EccpPacket> packets = DissectTestPackets.oneOfEachType();
    for (boolean v6 : new boolean[] {false, true}) {
      for (boolean udp : new boolean[] {false, true}) {
        Path file = capture("types-" + v6 + udp + ".pcap", framesOf(packets, v6, udp));
        Run run = dissect(file.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (int i = 0; i < packets.size(); i++) {
          checkTextLine(run.lines().get(i), i + 1, packets.get(i), v6, udp);
        }
      }
    }
  }

  private static void checkTextLine(String line, int number, EccpPacket p, boolean v6,
      boolean udp) {
    String[] f = line.split(" ");
    String context = "line " + number + ": " + line;
    assertEquals(String.valueOf(number), f[0], context);
    assertEquals(String.format("20:26:01.%09d", 123_456_789 + (number - 1) * 1_000_000), f[1],
        context);
    String src = v6 ? "fd00::1" : "198.18.0.1";
    String dst = v6 ? "fd00::2" : "198.18.0.2";
    if (udp) {
      src = (v6 ? "[" + src + "]" : src) + ":7400";
      dst = (v6 ? "[" + dst + "]" : dst) + ":7400";
    }
    assertEquals(src, f[2], context);
    assertEquals("→", f[3], context);
    assertEquals(dst, f[4], context);
    assertEquals(p.type().name().replace('_', '-'), f[5], context);
    assertEquals("01020304", value(line, "sender"), context);
    assertEquals(String.format("%08x", p.receiverFlowId()), value(line, "receiver"), context);
    assertEquals(p.type().isControl() ? String.valueOf(p.version()) : null,
        value(line, "version"), context);
    assertEquals(p.type().acknowledges() ? String.valueOf(p.ackVersion()) : null,
        value(line, "ack"), context);
    assertEquals(String.format("%016x", p.nonce()).substring(0, 4) + "…", value(line, "nonce"),
        context);
    assertEquals(p.type().carriesPayload() ? "datagram" : "none", value(line, "next"), context);
    assertEquals(String.valueOf(payloadOf(p)), value(line, "payload"), context);
    assertEquals(p.interfaceList() != null, line.contains("ILIST("), context);
    assertEquals(p.newAddress() != null, line.contains("NEW_ADDRESS(198.18.1.1)"), context);
    assertEquals(p.senderNonce() != 0, line.contains("SENDER_NONCE("), context);
    assertEquals(p.join() != 0, line.contains("JOIN(0a0b0c0d)"), context);
  }

  /** Returns the value of {@code key=value} in a text line, or null when absent. */
  private static String value(String line, String key) {
    Matcher m = Pattern.compile(" " + key + "=(\\S+)").matcher(line);
    return m.find() ? m.group(1) : null;
  }

  @Test
  void textLines_matchDocumentedExamples() throws IOException {
    List<EccpPacket> packets = DissectTestPackets.oneOfEachType();
    Path file = capture("examples.pcap", framesOf(packets, false, true));
    List<String> lines = dissect(file.toString()).lines();

    assertEquals("1 20:26:01.123456789 198.18.0.1:7400 → 198.18.0.2:7400 SYN sender=01020304"
        + " receiver=00000000 version=1 nonce=0000… ext=ILIST(198.18.0.1 pref 0, fd00::1 pref 1),"
        + "SENDER_NONCE(1122…) next=none payload=0", lines.get(0));
    assertEquals("4 20:26:01.126456789 198.18.0.1:7400 → 198.18.0.2:7400 RSYN sender=01020304"
        + " receiver=0a0b0c0d version=2 nonce=99aa… ext=ILIST(198.18.0.1 pref 0, fd00::1 pref 1),"
        + "NEW_ADDRESS(198.18.1.1) next=none payload=0", lines.get(3));
    assertEquals("5 20:26:01.127456789 198.18.0.1:7400 → 198.18.0.2:7400 RSYN-ACK"
        + " sender=01020304 receiver=0a0b0c0d version=1 ack=2 nonce=99aa…"
        + " ext=ILIST(198.18.0.1 pref 0, fd00::1 pref 1) next=none payload=0", lines.get(4));
    assertEquals("10 20:26:01.132456789 198.18.0.1:7400 → 198.18.0.2:7400 DATA sender=01020304"
        + " receiver=0a0b0c0d nonce=99aa… next=datagram payload=10", lines.get(9));
    assertEquals("summary: 12 records (raw IP), 12 ECCP, 0 malformed, 0 other", lines.get(12));
    assertEquals("  types: SYN 2, SYN-ACK 1, ACK 1, RSYN 1, RSYN-ACK 1, FIN 1, FIN-ACK 1, RST 1,"
        + " NACK 1, DATA 1, DATA-ACK 1", lines.get(13));
    assertEquals(14, lines.size());
  }

  @Test
  void jsonLines_carryEveryField() throws IOException {
    List<EccpPacket> packets = DissectTestPackets.oneOfEachType();
    Path file = capture("json.pcap", framesOf(packets, true, true));
    Run run = dissect("--json", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(packets.size() + 1, run.lines().size());
    for (int i = 0; i < packets.size(); i++) {
      EccpPacket p = packets.get(i);
      Map<?, ?> j = (Map<?, ?>) Json.parse(run.lines().get(i));
      String context = run.lines().get(i);
      assertEquals((long) i + 1, j.get("number"), context);
      assertEquals("fd00::1", j.get("src"), context);
      assertEquals("fd00::2", j.get("dst"), context);
      assertEquals("udp", j.get("transport"), context);
      assertEquals(7400L, j.get("src_port"), context);
      assertEquals(7400L, j.get("dst_port"), context);
      assertEquals(p.type().name().replace('_', '-'), j.get("type"), context);
      assertEquals("01020304", j.get("sender_flow_id"), context);
      assertEquals(String.format("%08x", p.receiverFlowId()), j.get("receiver_flow_id"), context);
      assertEquals(p.type().isControl() ? (Object) (long) p.version() : null, j.get("version"),
          context);
      assertEquals(p.type().acknowledges() ? (Object) (long) p.ackVersion() : null,
          j.get("ack_version"), context);
      assertEquals(String.format("%016x", p.nonce()), j.get("nonce"), context);
      assertEquals(p.type().carriesPayload() ? "datagram" : "none", j.get("next_protocol"),
          context);
      assertEquals((long) payloadOf(p), j.get("payload_length"), context);
      List<?> extensions = (List<?>) j.get("extensions");
      int expectedExtensions = (p.interfaceList() != null ? 1 : 0)
          + (p.newAddress() != null ? 1 : 0) + (p.senderNonce() != 0 ? 1 : 0)
          + (p.join() != 0 ? 1 : 0);
      assertEquals(expectedExtensions, extensions.size(), context);
      if (p.interfaceList() != null) {
        assertEquals(Map.of("type", "ILIST", "entries", List.of(
            Map.of("address", "198.18.0.1", "preference", 0L),
            Map.of("address", "fd00::1", "preference", 1L))), extensions.get(0), context);
      }
    }
    assertEquals("{\"number\": 4, \"time\": \"2026-12-04T20:26:01.126456789Z\", \"src\": \"fd00::1\", "
        + "\"dst\": \"fd00::2\", \"transport\": \"udp\", \"src_port\": 7400, \"dst_port\": 7400, "
        + "\"type\": \"RSYN\", \"sender_flow_id\": \"01020304\", \"receiver_flow_id\": \"0a0b0c0d\", "
        + "\"version\": 2, \"nonce\": \"99aabbccddeeff00\", \"next_protocol\": \"none\", "
        + "\"extensions\": [{\"type\": \"ILIST\", \"entries\": [{\"address\": \"198.18.0.1\", "
        + "\"preference\": 0}, {\"address\": \"fd00::1\", \"preference\": 1}]}, "
        + "{\"type\": \"NEW_ADDRESS\", \"address\": \"198.18.1.1\"}], \"header_length\": 64, "
        + "\"payload_length\": 0}", run.lines().get(3));
    assertEquals("{\"summary\": true, \"link_type\": \"raw IP\", \"records\": 12, \"eccp\": 12, "
        + "\"malformed\": 0, \"other\": 0, \"types\": {\"SYN\": 2, \"SYN-ACK\": 1, \"ACK\": 1, "
        + "\"RSYN\": 1, \"RSYN-ACK\": 1, \"FIN\": 1, \"FIN-ACK\": 1, \"RST\": 1, \"NACK\": 1, "
        + "\"DATA\": 1, \"DATA-ACK\": 1}, \"problems\": {}}", run.lines().get(12));
  }

  @Test
  void malformedPackets_printedAndSkipped() throws IOException {
    EccpPacket ack = DissectTestPackets.oneOfEachType().get(2);
    byte[] good = DissectTestPackets.eccp(ack, 0);
    byte[] badVersion = good.clone();
    badVersion[0] = 0x20;
    byte[] badFlags = good.clone();
    badFlags[1] = (byte) 0x05; // SYN and RSYN together: no such type
    List<byte[]> frames = List.of(
        DissectTestPackets.ip(false, true, Arrays.copyOf(good, 12)),
        DissectTestPackets.ip(false, true, good),
        DissectTestPackets.ip(true, false, badVersion),
        DissectTestPackets.ip(false, false, badFlags),
        DissectTestPackets.frame(DissectTestPackets.A4, DissectTestPackets.B4, 1, -1, new byte[8]),
        DissectTestPackets.ip(false, true, good));
    Path file = capture("malformed.pcap", frames);

    Run run = dissect(file.toString());
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.lines();
    assertEquals("packet 1: truncated ECCP header, 12 of 20 bytes (20:26:01.123456789"
        + " 198.18.0.1:7400 → 198.18.0.2:7400)", lines.get(0));
    assertTrue(lines.get(1).startsWith("2 "), lines.get(1));
    assertTrue(lines.get(2).startsWith("packet 3: unsupported ECCP version 2, expected 1"),
        lines.get(2));
    assertTrue(lines.get(3).startsWith("packet 4: unknown ECCP packet type: flags 0x05"),
        lines.get(3));
    assertTrue(lines.get(4).startsWith("6 "), "the ICMP packet is not printed: " + lines.get(4));
    assertEquals("summary: 6 records (raw IP), 2 ECCP, 3 malformed, 1 other", lines.get(5));
    assertEquals("  types: ACK 2", lines.get(6));
    assertEquals("  problems: truncated 1, unknown_type 1, unsupported_version 1", lines.get(7));

    List<String> all = dissect("--all", file.toString()).lines();
    assertTrue(all.contains("5 20:26:01.127456789 other: IP protocol 1"), all.toString());

    List<String> json = dissect("--json", file.toString()).lines();
    assertEquals("{\"number\": 1, \"time\": \"2026-12-04T20:26:01.123456789Z\", "
        + "\"src\": \"198.18.0.1\", \"dst\": \"198.18.0.2\", \"transport\": \"udp\", "
        + "\"src_port\": 7400, \"dst_port\": 7400, \"problem\": \"truncated\", "
        + "\"message\": \"truncated ECCP header, 12 of 20 bytes\"}", json.get(0));
    Map<?, ?> summary = (Map<?, ?>) Json.parse(json.get(json.size() - 1));
    assertEquals(Boolean.TRUE, summary.get("summary"));
    assertEquals(Map.of("truncated", 1L, "unknown_type", 1L, "unsupported_version", 1L),
        summary.get("problems"));
    assertEquals(6L, summary.get("records"));
    assertEquals(1L, summary.get("other"));

    List<String> jsonAll = dissect("--json", "--all", file.toString()).lines();
    assertEquals(Map.of("number", 5L, "time", "2026-12-04T20:26:01.127456789Z", "other", true,
        "reason", "IP protocol 1"), Json.parse(jsonAll.get(4)));
  }

  @Test
  void snapLengthCut_isNamedInTheProblem() throws IOException {
    EccpPacket syn = DissectTestPackets.oneOfEachType().get(0);
    byte[] frame = DissectTestPackets.framed(syn, 0, false, true);
    Path file = capture("snap.pcap", 40, List.of(frame));
    List<String> lines = dissect(file.toString()).lines();
    assertEquals("packet 1: truncated ECCP header, 12 of 20 bytes (the capture kept 40 of "
        + frame.length + " bytes: capture again with a larger snap length, for example tcpdump"
        + " -s 0) (20:26:01.123456789 198.18.0.1:7400 → 198.18.0.2:7400)", lines.get(0));
  }

  @Test
  void portAndProtocolOptions_selectEccp() throws IOException {
    EccpPacket fin = DissectTestPackets.oneOfEachType().get(5);
    byte[] eccp = DissectTestPackets.eccp(fin, 0);
    Path file = capture("options.pcap", List.of(
        DissectTestPackets.frame(DissectTestPackets.A4, DissectTestPackets.B4, 17, 9000, eccp),
        DissectTestPackets.frame(DissectTestPackets.A4, DissectTestPackets.B4, 200, -1, eccp)));

    assertEquals("summary: 2 records (raw IP), 0 ECCP, 0 malformed, 2 other",
        dissect(file.toString()).lines().get(0));
    List<String> lines = dissect("--udp-port", "9000", "--protocol", "200", file.toString()).lines();
    assertTrue(lines.get(0).contains("198.18.0.2:9000 FIN "), lines.get(0));
    assertTrue(lines.get(1).contains("198.18.0.1 → 198.18.0.2 FIN "), lines.get(1));
  }

  @Test
  void linkCapture_dissectsEveryType() throws IOException {
    Path file = dir.resolve("link.pcap");
    List<EccpPacket> packets = DissectTestPackets.oneOfEachType();
    try (EccpCapture capture = new EccpCapture(PcapWriter.create(file), 253)) {
      for (int i = 0; i < packets.size(); i++) {
        EccpPacket p = packets.get(i);
        byte[] eccp = DissectTestPackets.eccp(p, payloadOf(p));
        Bytes<Void> buffer = Bytes.allocateDirect(eccp.length);
        try {
          buffer.write(eccp);
          // Inbound from fd00::1 (the remote address) to fd00::2 (the local one).
          capture.capture(Direction.INBOUND, DissectTestPackets.B6, DissectTestPackets.A6, buffer,
              T0 + i * 1_000_000L);
        } finally {
          buffer.releaseLast();
        }
      }
    }
    Run run = dissect(file.toString());
    assertEquals(0, run.exitCode(), run.err());
    for (int i = 0; i < packets.size(); i++) {
      checkTextLine(run.lines().get(i), i + 1, packets.get(i), true, false);
    }
  }

  @Test
  void closedOutput_stopsReading() throws IOException {
    EccpPacket ack = DissectTestPackets.oneOfEachType().get(2);
    byte[] frame = DissectTestPackets.framed(ack, 0, false, true);
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      frames.add(frame);
    }
    Path file = capture("many.pcap", frames);
    long[] offered = new long[1];
    Writer closedPipe = new Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) throws IOException {
        offered[0] += length;
        throw new IOException("Broken pipe");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    CommandLine cli = EccpCommand.newCommandLine();
    cli.setOut(new PrintWriter(closedPipe, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));

    assertEquals(0, cli.execute("dissect", file.toString()));
    long oneLine = dissect(capture("one.pcap", List.of(frame)).toString()).lines().get(0).length();
    assertTrue(offered[0] < 5_000 * (oneLine + 10),
        "dissect went on writing " + offered[0] + " characters to a closed output");
  }

  @Test
  void invalidOptions_exitTwoWithTheFix() throws IOException {
    Path file = capture("empty-capture.pcap", List.of());
    Run port = dissect("--udp-port", "70000", file.toString());
    assertEquals(2, port.exitCode());
    assertTrue(port.err().contains("invalid --udp-port 70000: expected a port from 1 to 65535"),
        port.err());
    Run protocol = dissect("--protocol", "256", file.toString());
    assertEquals(2, protocol.exitCode());
    assertTrue(protocol.err().contains("invalid --protocol 256"), protocol.err());
    Run udp = dissect("--protocol", "17", file.toString());
    assertEquals(2, udp.exitCode());
    assertTrue(udp.err().contains("other than 17 (UDP; for ECCP in UDP use --udp-port)"),
        udp.err());
  }

  @Test
  void emptyCapture_printsZeroSummary() throws IOException {
    Path file = capture("no-packets.pcap", List.of());
    Run run = dissect(file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of("summary: 0 records (raw IP), 0 ECCP, 0 malformed, 0 other"), run.lines());
  }

  @Test
  void unreadableFiles_exitTwoNamingTheFile() throws IOException {
    Path missing = dir.resolve("missing.pcap");
    Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
    byte[] random = new byte[4096];
    new java.util.Random(7).nextBytes(random);
    Path noise = Files.write(dir.resolve("random.pcap"), random);
    Path good = capture("good.pcap", List.of(new byte[40]));
    Path shortHeader = Files.write(dir.resolve("short-header.pcap"),
        Arrays.copyOf(Files.readAllBytes(good), 10));

    checkUnreadable(missing, "file not found");
    checkUnreadable(empty, "is empty");
    checkUnreadable(noise, "not a readable pcap or pcapng capture (libpcap: unknown file format)");
    checkUnreadable(shortHeader, "truncated dump file; tried to read 24 file header bytes");
    checkUnreadable(dir, "is a directory");
  }

  @Test
  void emptyFileName_saysSo() {
    Run run = dissect("");
    assertEquals(2, run.exitCode(), run.err());
    assertEquals("eccp dissect: the file name is empty; give the path of a pcap or pcapng file",
        run.err().strip());
  }

  @Test
  void jsonTime_alwaysHasNineFractionalDigits() throws IOException {
    byte[] frame = DissectTestPackets.framed(DissectTestPackets.oneOfEachType().get(0), 0, false,
        true);
    Path file = dir.resolve("whole-second.pcap");
    try (PcapWriter w = PcapWriter.create(file, PcapWriter.DEFAULT_SNAP_LENGTH)) {
      w.write(ByteBuffer.wrap(frame), 1_700_000_000_000_000_000L);
      w.write(ByteBuffer.wrap(frame), 1_700_000_000_068_546_000L);
    }
    List<String> lines = dissect("--json", file.toString()).lines();
    assertEquals("2023-11-14T22:13:20.000000000Z", ((Map<?, ?>) Json.parse(lines.get(0))).get(
        "time"));
    assertEquals("2023-11-14T22:13:20.068546000Z", ((Map<?, ?>) Json.parse(lines.get(1))).get(
        "time"));
  }

  private static void checkUnreadable(Path file, String expected) {
    Run run = dissect(file.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("eccp dissect: " + file), run.err());
    assertTrue(run.err().contains(expected), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
    assertTrue(run.lines().isEmpty(), run.lines().toString());
  }

  @Test
  void damagedRecords_exitOneAfterTheGoodOnes() throws IOException {
    EccpPacket ack = DissectTestPackets.oneOfEachType().get(2);
    byte[] frame = DissectTestPackets.framed(ack, 0, false, true);
    Path good = capture("two.pcap", List.of(frame, frame));
    byte[] bytes = Files.readAllBytes(good);

    Path cut = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(bytes, bytes.length - 5));
    checkDamaged(cut, "truncated dump file");

    // The second record claims more bytes than the file holds, within the snap length.
    byte[] longRecord = bytes.clone();
    ByteBuffer.wrap(longRecord).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(24 + 16 + frame.length + 8, 5000).putInt(24 + 16 + frame.length + 12, 5000);
    checkDamaged(Files.write(dir.resolve("long.pcap"), longRecord), "truncated dump file");

    // The second record claims more bytes than any record may have.
    byte[] hugeRecord = bytes.clone();
    ByteBuffer.wrap(hugeRecord).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putInt(24 + 16 + frame.length + 8, 0x7fffffff);
    checkDamaged(Files.write(dir.resolve("huge.pcap"), hugeRecord), "bigger than");
  }

  private static void checkDamaged(Path file, String expected) {
    Run run = dissect(file.toString());
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.lines().get(0).startsWith("1 "), run.lines().toString());
    assertTrue(run.lines().get(1).startsWith("summary: 1 records"), run.lines().toString());
    assertTrue(run.lines().get(3).startsWith("  stopped early: " + file + " is damaged at record 2"),
        run.lines().toString());
    assertTrue(run.err().startsWith("eccp dissect: " + file + " is damaged at record 2 (libpcap: "),
        run.err());
    assertTrue(run.err().contains(expected), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
  }

  @Test
  void mixedLinkTypes_nameTheFix() throws Exception {
    assumeTrue(CaptureLab.available("editcap", "mergecap"),
        "needs root, editcap and mergecap (apt-get install tshark)");
    EccpPacket ack = DissectTestPackets.oneOfEachType().get(2);
    Path raw = capture("raw.pcap", List.of(DissectTestPackets.framed(ack, 0, false, true)));
    Path rawNg = dir.resolve("raw.pcapng");
    Path ethernetNg = dir.resolve("ethernet.pcapng");
    Path mixed = dir.resolve("mixed.pcapng");
    CaptureLab.run("editcap", "-F", "pcapng", raw.toString(), rawNg.toString());
    CaptureLab.run("editcap", "-F", "pcapng", "-T", "ether", raw.toString(), ethernetNg.toString());
    CaptureLab.run("mergecap", "-F", "pcapng", "-w", mixed.toString(), rawNg.toString(),
        ethernetNg.toString());

    Run run = dissect(mixed.toString());
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains(" mixes interfaces of several link types at record 1, which"
        + " libpcap cannot read"), run.err());
    assertTrue(run.err().contains("split it per interface"), run.err());
  }

  @Test
  void longInterfaceList_printedWhole() throws IOException {
    List<InterfaceList.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 42; i++) {
      entries.add(new InterfaceList.Entry(org.eccp.wire.IpAddress.v4(0xc6120000 | i), i));
    }
    EccpPacket rsyn = DissectTestPackets.packet(PacketType.RSYN, 7, 9L, 3, 0,
        new InterfaceList(entries), null, 0, 0);
    Path file = capture("big-ilist.pcap", List.of(
        DissectTestPackets.framed(rsyn, 0, false, false)));
    String line = dissect(file.toString()).lines().get(0);
    assertTrue(line.contains("ILIST(198.18.0.0 pref 0, 198.18.0.1 pref 1,"), line);
    assertTrue(line.contains("198.18.0.41 pref 41)"), line);
  }
}
