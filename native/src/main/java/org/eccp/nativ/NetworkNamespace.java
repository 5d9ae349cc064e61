package org.eccp.nativ;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named network namespace (as {@code ip netns} manages them) and a thread that runs inside it.
 *
 * <p>setns(2) with CLONE_NEWNET moves only the calling thread, so code given to {@link #call}
 * runs on a dedicated thread that entered the namespace once. Sockets and TUN devices opened there
 * stay in the namespace, and any thread may use their descriptors afterwards.
 */
public final class NetworkNamespace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkNamespace.class);

  private final String name;
  private final boolean owned;
  private final int fd;
  private final ExecutorService thread;

  private NetworkNamespace(String name, boolean owned) throws IOException {
    this.name = name;
    this.owned = owned;
    this.fd = Syscalls.open("/run/netns/" + name, Linux.O_RDONLY | Linux.O_CLOEXEC);
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "netns-" + name);
      t.setDaemon(true);
      return t;
    });
    call(() -> {
      Syscalls.setns(fd, Linux.CLONE_NEWNET);
      return null;
    });
  }

  /** Creates the namespace with {@code ip netns add}; {@link #close()} deletes it. */
  public static NetworkNamespace create(String name) throws IOException {
    run("ip", "netns", "add", name);
    try {
      NetworkNamespace ns = new NetworkNamespace(name, true);
      ns.exec("ip", "link", "set", "lo", "up");
      LOG.info("created network namespace {}", name);
      return ns;
    } catch (IOException | RuntimeException e) {
      runQuietly("ip", "netns", "del", name);
      throw e;
    }
  }

  /** Opens an existing namespace; {@link #close()} leaves it in place. */
  public static NetworkNamespace open(String name) throws IOException {
    return new NetworkNamespace(name, false);
  }

  public String name() {
    return name;
  }

  /** Runs {@code task} on this namespace's thread and returns its result. */
  public <T> T call(Callable<T> task) throws IOException {
    try {
      return thread.submit(task).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running in namespace " + name, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("task in namespace " + name + " failed", cause);
    }
  }

  /** Returns a new, unstarted thread that enters this namespace before running {@code body}. */
  public Thread newThread(String threadName, Runnable body) {
    return new Thread(() -> {
      try {
        Syscalls.setns(fd, Linux.CLONE_NEWNET);
      } catch (NativeException e) {
        throw new IllegalStateException("cannot enter namespace " + name, e);
      }
      body.run();
    }, threadName);
  }

  /** Runs a command inside the namespace with {@code ip netns exec}; returns its output. */
  public String exec(String... command) throws IOException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
    all.addAll(List.of(command));
    return run(all.toArray(String[]::new));
  }

  /** Runs a command and returns its standard output; a non-zero exit becomes an IOException. */
  public static String run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException("command failed with exit code " + p.exitValue() + ": "
            + String.join(" ", command) + ": " + text.strip());
      }
      return text;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }

  private static void runQuietly(String... command) {
    try {
      run(command);
    } catch (IOException e) {
      LOG.warn("cleanup command failed: {}", e.getMessage());
    }
  }

  /** Stops the thread, closes the namespace descriptor and deletes the namespace if created here. */
  @Override
  public void close() {
    thread.shutdownNow();
    Syscalls.close(fd);
    if (owned) {
      runQuietly("ip", "netns", "del", name);
      LOG.info("deleted network namespace {}", name);
    }
  }
}
