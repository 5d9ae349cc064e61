package org.eccp.tools.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eccp.tools.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local control socket of a running tunnel end: a Unix stream socket under
 * {@value #DIRECTORY}. Every client that connects gets one JSON status object and a newline, then
 * the socket closes. The file is removed when the end stops.
 */
public final class ControlSocket implements AutoCloseable {
  public static final String DIRECTORY = "/run/eccp";
  private static final Logger LOG = LoggerFactory.getLogger(ControlSocket.class);
  private static final Pattern PID_SUFFIX = Pattern.compile(".*-([0-9]{1,18})\\.sock");

  /** Produces the status; may throw when the tunnel does not answer in time. */
  public interface StatusSource {
    Map<String, Object> status() throws InterruptedException, TimeoutException;
  }

  private final Path path;
  private final ServerSocketChannel server;
  private final Thread thread;
  private final StatusSource source;

  private ControlSocket(Path path, ServerSocketChannel server, StatusSource source) {
    this.path = path;
    this.server = server;
    this.source = source;
    this.thread = new Thread(this::serve, "eccp-control");
    thread.setDaemon(true);
  }

  /** Opens {@code /run/eccp/<name>.sock}, first removing the sockets of killed ends. */
  public static ControlSocket open(String name, StatusSource source) throws IOException {
    Path dir = Path.of(DIRECTORY);
    Files.createDirectories(dir);
    removeStale(dir);
    Path path = dir.resolve(name + ".sock");
    Files.deleteIfExists(path);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    ControlSocket c = new ControlSocket(path, server, source);
    c.thread.start();
    LOG.info("status on {}", path);
    return c;
  }

  /**
   * Removes the sockets in {@code dir} that a killed end left: a name ending in {@code -PID.sock}
   * whose process is gone and on which a connection is refused. Other files are kept.
   */
  static void removeStale(Path dir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.sock")) {
      for (Path file : files) {
        if (isStale(file)) {
          Files.deleteIfExists(file);
          LOG.info("removed {}: its tunnel end is no longer running", file);
        }
      }
    } catch (IOException e) {
      LOG.debug("looking for stale sockets in {} failed: {}", dir, e.getMessage());
    }
  }

  private static boolean isStale(Path file) {
    Matcher matcher = PID_SUFFIX.matcher(file.getFileName().toString());
    if (!matcher.matches() || ProcessHandle.of(Long.parseLong(matcher.group(1))).isPresent()) {
      return false;
    }
    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(file))) {
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public Path path() {
    return path;
  }

  private void serve() {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        client.write(ByteBuffer.wrap(answer().getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        if (server.isOpen()) {
          LOG.debug("a status request failed: {}", e.getMessage());
        }
      }
    }
  }

  private String answer() {
    try {
      return Json.write(source.status()).replace("\n", " ") + "\n";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "{\"error\": \"interrupted\"}\n";
    } catch (TimeoutException | RuntimeException e) {
      return Json.write(Map.of("error", "status not available: " + e.getMessage())) + "\n";
    }
  }

  /** Reads the status from the socket at {@code path}. */
  public static String request(Path path) throws IOException {
    try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
      StringBuilder b = new StringBuilder();
      ByteBuffer buf = ByteBuffer.allocate(65536);
      while (c.read(buf) >= 0) {
        buf.flip();
        b.append(StandardCharsets.UTF_8.decode(buf));
        buf.clear();
      }
      return b.toString().trim();
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.debug("closing {} failed: {}", path, e.getMessage());
    }
  }
}
