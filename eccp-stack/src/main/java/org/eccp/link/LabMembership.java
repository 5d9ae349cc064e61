package org.eccp.link;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code eccp lab} that the calling thread's network namespace belongs to, if any.
 *
 * <p>It is found from the namespace itself, so it works however the process got there
 * ({@code eccp lab exec}, {@code ip netns exec}, or a thread that called setns): the lab records
 * each namespace it made as {@code /run/eccp-lab/<lab>/namespaces/<namespace>}, and the namespace
 * whose {@code /run/netns/<namespace>} file is the same file as
 * {@code /proc/thread-self/ns/net} is ours. Outside a lab this reads one directory and stops.
 *
 * <p>A lab host's interface on network {@code net-X} is called {@code X0} (a0 on net-a, s0 on
 * net-s); {@link #networkOf} maps the name back.
 *
 * @param lab the lab's name: its prefix without the final dash, such as {@code eccp}
 * @param namespace the namespace's name, such as {@code eccp-client}
 * @param runRoot the directory that contains the labs' state, normally {@code /run/eccp-lab}
 */
public record LabMembership(String lab, String namespace, Path runRoot) {
  private static final Logger LOG = LoggerFactory.getLogger(LabMembership.class);

  /** Directory of the labs' state. */
  public static final Path RUN_ROOT = Path.of("/run/eccp-lab");
  /** Directory of the namespaces that {@code ip netns} names. */
  public static final Path NETNS_DIR = Path.of("/run/netns");
  /** The calling thread's network namespace. */
  public static final Path THREAD_NAMESPACE = Path.of("/proc/thread-self/ns/net");

  /** Returns the lab of the calling thread's namespace, or empty outside every lab. */
  public static Optional<LabMembership> find() {
    return find(RUN_ROOT, NETNS_DIR, THREAD_NAMESPACE);
  }

  /**
   * Returns the lab under {@code runRoot} that recorded a namespace whose file in
   * {@code netnsDir} is the same file as {@code self}; empty when there is none or on a read
   * error (logged).
   */
  public static Optional<LabMembership> find(Path runRoot, Path netnsDir, Path self) {
    if (!Files.isDirectory(runRoot)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> labs = Files.newDirectoryStream(runRoot, Files::isDirectory)) {
      for (Path lab : labs) {
        Optional<LabMembership> found = match(lab, netnsDir, self);
        if (found.isPresent()) {
          return found;
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot tell whether this namespace is in a lab ({}): no lab impairment",
          e.toString());
    }
    return Optional.empty();
  }

  private static Optional<LabMembership> match(Path lab, Path netnsDir, Path self)
      throws IOException {
    Path records = lab.resolve("namespaces");
    if (!Files.isDirectory(records)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> names = Files.newDirectoryStream(records)) {
      for (Path record : names) {
        String namespace = record.getFileName().toString();
        Path file = netnsDir.resolve(namespace);
        if (Files.exists(file) && Files.isSameFile(self, file)) {
          return Optional.of(new LabMembership(lab.getFileName().toString(), namespace,
              lab.getParent()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the lab network of a host interface ({@code a0} is on {@code net-a}), or null when
   * the name is not that of a lab host interface.
   */
  public static String networkOf(String interfaceName) {
    if (interfaceName == null || interfaceName.length() != 2 || interfaceName.charAt(1) != '0') {
      return null;
    }
    char c = interfaceName.charAt(0);
    return c >= 'a' && c <= 'z' ? "net-" + c : null;
  }

  /** Returns the impairment file of {@code network} in this lab. */
  public Path impairmentFile(String network) {
    return runRoot.resolve(lab).resolve("impair").resolve(network + ".properties");
  }
}
