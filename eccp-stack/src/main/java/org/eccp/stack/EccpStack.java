package org.eccp.stack;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eccp.engine.Engine;
import org.eccp.engine.Event;
import org.eccp.engine.InterfacePolicy;
import org.eccp.engine.PreferencePolicy;
import org.eccp.engine.SecureEntropy;
import org.eccp.link.Link;
import org.eccp.link.LinkCounters;
import org.eccp.link.RawIpLink;
import org.eccp.link.UdpLink;
import org.eccp.netlink.AddressMonitor;
import org.eccp.netlink.NetlinkEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ECCP endpoint: one event-loop thread that owns an {@link Engine}, a link (raw IP or
 * UDP) with its receiving thread, and an rtnetlink monitor whose address and interface changes
 * become engine events, so a host that moves needs no one to call the engine by hand.
 *
 * <p>Threads: the receiver validates packets and queues them; the monitor queues netlink
 * events; the loop runs queued tasks, the engine's timers (on {@link System#nanoTime()}) and the
 * user's timers ({@link #schedule}). Every engine call and every {@link StackListener} callback
 * happens on the loop thread; other threads reach the engine through {@link #execute} or
 * {@link #call}. A task that throws is logged and counted, and the loop goes on.
 *
 * <p>Sockets are opened in the network namespace of the thread that calls {@link #start}.
 */
public final class EccpStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EccpStack.class);
  private static final int QUEUE_CAPACITY = 8192;
  /** Longest wait of an idle loop; only a safety net, because new tasks wake it at once. */
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final StackConfig config;
  private final Engine engine;
  private final Link link;
  private final StackListener listener;
  private final StackCounters counters = new StackCounters();
  private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final LoopTimers timers = new LoopTimers();
  private final PacketSender sender;
  private final EngineSink sink;
  private final AddressTracker tracker;
  private final CountDownLatch addressesKnown = new CountDownLatch(1);
  private final List<MoveTiming> moveTimings = new CopyOnWriteArrayList<>();
  private final Thread loopThread;
  private final Thread receiveThread;
  private AddressMonitor monitor;
  private volatile boolean stopping;
  private boolean closed;

  private EccpStack(StackConfig config, Link link, StackListener listener, InterfacePolicy policy) {
    this.config = config;
    this.link = link;
    this.listener = listener;
    this.engine = new Engine(config.engine(), new SecureEntropy(), policy);
    this.sender = new PacketSender(link, counters);
    this.sink = new EngineSink(this, sender, listener, moveTimings);
    this.tracker = new AddressTracker(config.addresses(), sink::addressEvent);
    this.loopThread = new Thread(this::runLoop, "eccp-loop");
    this.receiveThread = new Thread(new PacketReceiver(link, counters, this::enqueuePacket),
        "eccp-receive");
    loopThread.setDaemon(true);
    receiveThread.setDaemon(true);
  }

  /**
   * Opens the link and the address monitor in the calling thread's network namespace and starts
   * the threads. Listens for connections when the configuration says so.
   */
  public static EccpStack start(StackConfig config, StackListener listener) throws IOException {
    Link link = config.encapsulation().udp()
        ? UdpLink.open(config.encapsulation().udpPort())
        : RawIpLink.open(config.encapsulation());
    EccpStack stack = new EccpStack(config, link, listener, new PreferencePolicy());
    try {
      stack.loopThread.start();
      stack.receiveThread.start();
      stack.monitor = AddressMonitor.start(stack::enqueueNetlink);
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
    if (config.listen()) {
      stack.execute(() -> stack.handle(new Event.Listen()));
    }
    LOG.info("stack started: {}, {}", describe(config), config.listen() ? "listening" : "client");
    return stack;
  }

  private static String describe(StackConfig config) {
    String via = config.encapsulation().udp()
        ? "ECCP in UDP port " + config.encapsulation().udpPort()
        : "ECCP in IP protocol " + config.encapsulation().ipProtocol();
    List<?> bind = config.addresses().bind();
    return via + (bind.isEmpty() ? ", any IPv4 address" : ", addresses " + bind);
  }

  // ---- for other threads

  /** Runs {@code task} on the loop thread, after the tasks queued before it. */
  public void execute(Runnable task) {
    try {
      tasks.put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while queueing a task for the loop", e);
    }
  }

  /** Runs {@code f} on the loop thread and returns its result, waiting at most {@code timeoutMillis}. */
  public <T> T call(Function<EccpStack, T> f, long timeoutMillis)
      throws InterruptedException, TimeoutException {
    CompletableFuture<T> result = new CompletableFuture<>();
    execute(() -> {
      try {
        result.complete(f.apply(this));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a task on the loop failed", e.getCause());
    }
  }

  /** Waits until the host's addresses at start have reached the engine; false on timeout. */
  public boolean awaitAddresses(long timeoutMillis) throws InterruptedException {
    return addressesKnown.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  public StackCounters counters() {
    return counters;
  }

  public LinkCounters linkCounters() {
    return link.counters();
  }

  /** Returns the delays from an address change to the first RSYN sent after it, oldest first. */
  public List<MoveTiming> moveTimings() {
    return List.copyOf(moveTimings);
  }

  public StackConfig config() {
    return config;
  }

  // ---- for the loop thread (tasks and listener callbacks)

  /** Feeds one event to the engine now; returns what {@link Engine#handle} returns. */
  public long handle(Event event) {
    requireLoopThread();
    return engine.handle(System.nanoTime(), event, sink);
  }

  /** Returns the engine, for its views and counters; loop thread only. */
  public Engine engine() {
    requireLoopThread();
    return engine;
  }

  /** Runs {@code task} on the loop thread after {@code delayNanos}; loop thread only. */
  public LoopTimers.Timer schedule(long delayNanos, Runnable task) {
    requireLoopThread();
    return timers.schedule(System.nanoTime() + delayNanos, task);
  }

  /** Cancels a timer returned by {@link #schedule}; loop thread only. */
  public void cancel(LoopTimers.Timer timer) {
    requireLoopThread();
    timer.cancel();
  }

  private void requireLoopThread() {
    if (Thread.currentThread() != loopThread) {
      throw new IllegalStateException("call this on the stack's loop thread (use execute or call)");
    }
  }

  // ---- the loop

  private void runLoop() {
    while (!stopping) {
      long now = System.nanoTime();
      if (engine.nextDeadline() - now <= 0) {
        safely(() -> engine.handle(now, new Event.Tick(), sink));
      }
      Runnable due;
      while ((due = timers.pollDue(now)) != null) {
        safely(due);
      }
      long wait = Math.min(engine.nextDeadline() - now, timers.nextDeadline() - now);
      Runnable task;
      try {
        task = wait <= 0 ? tasks.poll()
            : tasks.poll(Math.min(wait, IDLE_WAIT_NANOS), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (task != null) {
        safely(task);
      }
    }
    LOG.debug("event loop stopped");
  }

  private void safely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      counters.taskErrors.incrementAndGet();
      LOG.error("a task on the event loop failed", e);
    }
  }

  private void enqueuePacket(Event.PacketIn packet) {
    if (!tasks.offer(() -> engine.handle(System.nanoTime(), packet, sink))) {
      counters.queueFull.incrementAndGet();
    }
  }

  private void enqueueNetlink(NetlinkEvent event) {
    long receivedAt = System.nanoTime();
    execute(() -> applyNetlink(event, receivedAt));
  }

  private void applyNetlink(NetlinkEvent event, long receivedAt) {
    sink.addressChangeAt(receivedAt);
    if (event instanceof NetlinkEvent.AddressAdded a) {
      tracker.addressAdded(a.ifindex(), a.address());
    } else if (event instanceof NetlinkEvent.AddressRemoved r) {
      tracker.addressRemoved(r.ifindex(), r.address());
    } else if (event instanceof NetlinkEvent.LinkChanged l) {
      tracker.linkChanged(l.ifindex(), l.up() && l.running());
    } else if (event instanceof NetlinkEvent.LinkRemoved l) {
      tracker.linkRemoved(l.ifindex());
    } else if (event instanceof NetlinkEvent.EventsLost) {
      tracker.beginResync();
    } else if (event instanceof NetlinkEvent.DumpComplete) {
      tracker.dumpComplete();
      addressesKnown.countDown();
    }
    if (sink.takeAddressesChanged()) {
      listener.onAddressesChanged(this);
    }
  }

  /**
   * Stops the monitor, the loop and the receiver, then closes the link. Waits for the threads
   * (a few seconds at most each). Must not be called on the loop thread.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() == loopThread) {
      throw new IllegalStateException("close the stack from another thread than its loop");
    }
    closed = true;
    if (monitor != null) {
      monitor.close();
    }
    stopping = true;
    loopThread.interrupt();
    join(loopThread);
    link.wakeup();
    join(receiveThread);
    link.close();
    sender.close();
    LOG.info("stack stopped: {}; link {}", counters, link.counters());
  }

  private static void join(Thread t) {
    if (!t.isAlive()) {
      return;
    }
    try {
      t.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      LOG.warn("thread {} did not stop within 5 s", t.getName());
    }
  }
}
