package org.eccp.stack;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.engine.Engine;
import org.eccp.engine.EngineConfig;
import org.eccp.engine.EntropySource;
import org.eccp.engine.Event;
import org.eccp.engine.InterfacePolicy;
import org.eccp.engine.PreferencePolicy;
import org.eccp.engine.SecureEntropy;
import org.eccp.link.ImpairedLink;
import org.eccp.link.LabMembership;
import org.eccp.link.Link;
import org.eccp.link.LinkCounters;
import org.eccp.link.DualStackRawLink;
import org.eccp.link.PacketBatch;
import org.eccp.link.UdpLink;
import org.eccp.netlink.AddressMonitor;
import org.eccp.netlink.NetlinkEvent;
import org.eccp.wire.IpAddress;
import org.eccp.pcap.EccpCapture;
import org.eccp.pcap.PcapWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running ECCP endpoint: one event-loop thread that owns an {@link Engine}, a link (raw IPv4
 * and IPv6, or UDP) with its receiving thread, and an rtnetlink monitor whose address and interface changes
 * become engine events, so a host that moves needs no one to call the engine by hand.
 *
 * <p>Threads: the receiver validates packets and queues them; the monitor queues netlink
 * events; the loop runs queued tasks, the engine's timers (on {@link System#nanoTime()}) and the
 * user's timers ({@link #schedule}). Every engine call and every {@link StackListener} callback
 * happens on the loop thread; other threads reach the engine through {@link #execute} or
 * {@link #call}. A task that throws is logged and counted, and the loop goes on.
 *
 * <p>Inside an {@code eccp lab} namespace ({@link LabMembership#find()} at start), every packet
 * sent from an address on a lab network gets that network's user-space impairment
 * ({@link ImpairedLink}): delayed packets wait in a queue that this loop drains, so no thread
 * sleeps on a delay. Outside a lab the link is used as it is.
 *
 * <p>Sockets are opened in the network namespace of the thread that calls {@link #start}. With
 * {@link StackConfig#pcap()} set, every ECCP packet sent and received is written to that file
 * ({@link EccpCapture}), flushed each second and on close.
 *
 * <p>On a raw IP link every ECCP program in the namespace receives every ECCP packet, so the
 * engine gets a random instance tag ({@link EngineConfig#instanceTag()}) unless the config names
 * one: it then ignores the other programs' packets instead of resetting their flows.
 */
public final class EccpStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EccpStack.class);
  private static final int QUEUE_CAPACITY = 8192;
  /** Maximum wait of an idle loop. It is only a safety net, because new tasks wake the loop at once. */
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final Runnable NO_OP = () -> { };

  private final StackConfig config;
  private final Engine engine;
  /** The engine's instance tag, 0 for none. */
  private final int instanceTag;
  private final Link link;
  /** The link with lab impairment inside a lab, else null. */
  private final ImpairedLink impaired;
  private final LabImpairments labNetworks;
  private final StackListener listener;
  private final StackCounters counters = new StackCounters();
  private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private final LoopTimers timers = new LoopTimers();
  /** Listener callbacks waiting for the engine call that caused them to return. */
  private final ArrayDeque<Runnable> callbacks = new ArrayDeque<>();
  /** Engine calls in progress on the loop thread: more than 1 only inside a callback. */
  private int depth;
  private final PacketSender sender;
  private final EngineSink sink;
  private final AddressTracker tracker;
  private final CountDownLatch addressesKnown = new CountDownLatch(1);
  private final List<MoveTiming> moveTimings = new CopyOnWriteArrayList<>();
  private final Thread loopThread;
  private final Thread receiveThread;
  private final EccpCapture capture;
  private AddressMonitor monitor;
  private volatile boolean stopping;
  private boolean closed;

  private EccpStack(StackConfig config, Link opened, EccpCapture capture, StackListener listener,
      InterfacePolicy policy, FastPath fastPath, LabMembership lab) {
    this.config = config;
    if (lab == null) {
      this.labNetworks = null;
      this.impaired = null;
      this.link = opened;
    } else {
      this.labNetworks = new LabImpairments(lab, System::nanoTime);
      this.impaired = new ImpairedLink(opened, labNetworks, System::nanoTime, this::wakeLoop);
      this.link = impaired;
    }
    this.capture = capture;
    this.listener = listener;
    SecureEntropy entropy = new SecureEntropy();
    // Seeds the generator here rather than on the loop when the first SYN arrives.
    entropy.nextLong();
    EngineConfig engineConfig = tagged(config, entropy);
    this.instanceTag = engineConfig.instanceTag();
    this.engine = new Engine(engineConfig, entropy, policy);
    this.sender = new PacketSender(link, counters);
    this.sink = new EngineSink(this, sender, listener, moveTimings);
    this.tracker = new AddressTracker(config.addresses(), sink::addressEvent);
    this.loopThread = new Thread(this::runLoop, "eccp-loop");
    this.receiveThread = new Thread(new PacketReceiver(link, counters, this::enqueuePacket, fastPath),
        "eccp-receive");
    loopThread.setDaemon(true);
    receiveThread.setDaemon(true);
  }

  /** Returns the engine config with an instance tag: the configured one, or a random one on raw IP. */
  private static EngineConfig tagged(StackConfig config, EntropySource entropy) {
    EngineConfig engine = config.engine();
    if (engine.instanceTag() != 0 || config.encapsulation().udp()) {
      return engine;
    }
    return engine.withInstanceTag(EngineConfig.drawTag(entropy));
  }

  /**
   * Opens the link and the address monitor in the calling thread's network namespace and starts
   * the threads. Listens for connections when {@link StackConfig#listen()} is set.
   */
  public static EccpStack start(StackConfig config, StackListener listener) throws IOException {
    return start(config, listener, null);
  }

  /**
   * Starts like {@link #start(StackConfig, StackListener)}, and shows every valid received packet
   * to {@code fastPath} first (null for none).
   */
  public static EccpStack start(StackConfig config, StackListener listener, FastPath fastPath)
      throws IOException {
    return start(config, listener, fastPath, new PreferencePolicy());
  }

  /**
   * Starts like {@link #start(StackConfig, StackListener, FastPath)}, with {@code policy}
   * choosing the local address of each flow.
   */
  public static EccpStack start(StackConfig config, StackListener listener, FastPath fastPath,
      InterfacePolicy policy) throws IOException {
    Link link = config.encapsulation().udp()
        ? UdpLink.open(config.encapsulation().udpPort())
        : DualStackRawLink.open(config.encapsulation());
    EccpCapture capture = null;
    if (config.pcap() != null) {
      try {
        capture = new EccpCapture(PcapWriter.create(config.pcap()),
            config.encapsulation().ipProtocol());
      } catch (IOException | RuntimeException e) {
        link.close();
        throw e;
      }
      link = capture.capturing(link, EccpCapture.wallClock());
    }
    LabMembership lab = LabMembership.find().orElse(null);
    if (lab != null) {
      LOG.info("in lab {} (namespace {}): packets follow the lab's user-space impairments",
          lab.lab(), lab.namespace());
    }
    EccpStack stack = new EccpStack(config, link, capture, listener, policy, fastPath, lab);
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
    if (capture != null) {
      stack.execute(stack::flushCaptureEverySecond);
    }
    LOG.info("stack started: {}, {}, instance tag {}", describe(config),
        config.listen() ? "listening" : "client", stack.instanceTag);
    return stack;
  }

  private static String describe(StackConfig config) {
    String via = config.encapsulation().udp()
        ? "ECCP in UDP port " + config.encapsulation().udpPort()
        : "ECCP in IP protocol " + config.encapsulation().ipProtocol();
    List<?> bind = config.addresses().bind();
    return via + (bind.isEmpty() ? ", any IPv4 or IPv6 address" : ", addresses " + bind);
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

  /**
   * Returns the link that applies the lab's impairments (for its counters), or null when the
   * stack did not start inside an {@code eccp lab} namespace.
   */
  public ImpairedLink labImpairment() {
    return impaired;
  }

  /** Returns the delays from an address change to the first RSYN sent after it, oldest first. */
  public List<MoveTiming> moveTimings() {
    return List.copyOf(moveTimings);
  }

  public StackConfig config() {
    return config;
  }

  /** Returns the bytes that {@link #sendPacket} needs free in front of a packet. */
  public int headroom() {
    return link.headroom();
  }

  /**
   * Sends an ECCP packet that the caller framed itself (for a data path that bypasses the
   * engine), from any thread: sends on the link are serialised with the loop's own.
   *
   * @param packet the packet between read position and read limit, {@link #headroom()} bytes free
   *     in front of it
   * @throws IOException when the kernel refuses the packet
   */
  public void sendPacket(IpAddress local, IpAddress remote, Bytes<?> packet) throws IOException {
    synchronized (link) {
      link.send(local, remote, packet);
    }
  }

  /**
   * Sends packets that the caller framed itself, from entry {@code from} of {@code batch} on,
   * with as few system calls as the link can; see {@link Link#sendBatch} for the result and the
   * retry after a failed packet. Serialised with the loop's own sends like {@link #sendPacket}.
   */
  public int sendBatch(IpAddress local, IpAddress remote, Bytes<?> buffer, PacketBatch batch,
      int from) throws IOException {
    synchronized (link) {
      return link.sendBatch(local, remote, buffer, batch, from);
    }
  }

  // ---- for the loop thread (tasks and listener callbacks)

  /**
   * Feeds one event to the engine now; returns what {@link Engine#handle} returns. Listener
   * callbacks that the event causes run after the engine returns, so a callback may call this
   * again without entering the engine while it is busy.
   */
  public long handle(Event event) {
    requireLoopThread();
    return feed(System.nanoTime(), event);
  }

  private long feed(long now, Event event) {
    depth++;
    long result;
    try {
      result = engine.handle(now, event, sink);
    } finally {
      depth--;
    }
    if (depth == 0) {
      Runnable callback;
      while ((callback = callbacks.poll()) != null) {
        safely(callback);
      }
    }
    return result;
  }

  /** Runs a listener callback once the current engine call has returned. */
  void defer(Runnable callback) {
    if (depth == 0) {
      safely(callback);
    } else {
      callbacks.add(callback);
    }
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

  /** Writes the captured packets to the file each second, so the file can be read meanwhile. */
  private void flushCaptureEverySecond() {
    try {
      capture.flush();
    } catch (IOException e) {
      LOG.warn("flushing the capture to {} failed: {}", config.pcap(), e.getMessage());
    }
    schedule(TimeUnit.SECONDS.toNanos(1), this::flushCaptureEverySecond);
  }

  // ---- the loop

  private void runLoop() {
    while (!stopping) {
      long now = System.nanoTime();
      if (engine.nextDeadline() - now <= 0) {
        safely(() -> feed(now, new Event.Tick()));
      }
      Runnable due;
      while ((due = timers.pollDue(now)) != null) {
        safely(due);
      }
      long wait = Math.min(engine.nextDeadline() - now, timers.nextDeadline() - now);
      if (impaired != null) {
        impaired.sendDue(now);
        long departure = impaired.nextDeparture();
        if (departure != Long.MAX_VALUE) {
          wait = Math.min(wait, departure - now);
        }
      }
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
    if (!tasks.offer(() -> feed(System.nanoTime(), packet))) {
      counters.queueFull.incrementAndGet();
    }
  }

  /** Wakes the loop to shorten its wait for an earlier delayed packet; the loop needs no wakeup. */
  private void wakeLoop() {
    if (Thread.currentThread() != loopThread) {
      tasks.offer(NO_OP);
    }
  }

  private void enqueueNetlink(NetlinkEvent event) {
    long receivedAt = System.nanoTime();
    execute(() -> applyNetlink(event, receivedAt));
  }

  private void applyNetlink(NetlinkEvent event, long receivedAt) {
    sink.addressChangeAt(receivedAt);
    if (labNetworks != null) {
      labNetworks.apply(event);
    }
    if (event instanceof NetlinkEvent.AddressAdded a) {
      tracker.addressAdded(a.ifindex(), a.address(), a.tentative());
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
    if (capture != null) {
      try {
        capture.close();
        LOG.info("capture written to {}", config.pcap());
      } catch (IOException e) {
        LOG.error("closing the capture {} failed: {}", config.pcap(), e.getMessage());
      }
    }
    LOG.info("stack stopped: {}; link {}; engine {}", counters, link.counters(),
        nonZero(engine.counters().asMap()));
  }

  /** Returns the counters that are not zero as {@code k=v, ...}, or "no events". */
  private static String nonZero(Map<String, Long> counters) {
    StringBuilder b = new StringBuilder();
    counters.forEach((k, v) -> {
      if (v != 0) {
        b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v);
      }
    });
    return b.length() == 0 ? "no events" : b.toString();
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
