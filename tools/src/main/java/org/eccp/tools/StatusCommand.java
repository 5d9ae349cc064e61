package org.eccp.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eccp.tools.control.ControlSocket;
import org.eccp.tools.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Shows every running tunnel end on this machine, read from their control sockets. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the running tunnel ends: connection, flows, RTT, bytes and drop counters.")
final class StatusCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print one JSON object: {\"tunnels\": [...]}.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    List<Object> tunnels = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    Path dir = Path.of(ControlSocket.DIRECTORY);
    List<Path> sockets = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().endsWith(".sock")).sorted()
            .forEach(sockets::add);
      }
    }
    for (Path p : sockets) {
      try {
        tunnels.add(Json.parse(ControlSocket.request(p)));
      } catch (IOException | RuntimeException e) {
        unreachable.add(p + " (" + e.getMessage() + ")");
      }
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("tunnels", tunnels);
      out.put("unreachable", unreachable);
      System.out.println(Json.write(out));
    } else {
      print(tunnels, unreachable);
    }
    return 0;
  }

  private static void print(List<Object> tunnels, List<String> unreachable) {
    if (tunnels.isEmpty()) {
      System.out.println("no tunnel is running (no control socket answers in "
          + ControlSocket.DIRECTORY + "); start one with eccp tunnel --listen or --peer ADDR");
    }
    for (Object o : tunnels) {
      StatusText.print((Map<?, ?>) o, System.out);
    }
    for (String u : unreachable) {
      System.out.println("no answer from " + u + ": the tunnel end probably stopped; the file "
          + "can be removed");
    }
  }
}
