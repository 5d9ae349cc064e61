package org.eccp.tools.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.eccp.nativ.NativeException;
import org.eccp.nativ.NetworkNamespace;
import org.eccp.tun.TunDevice;

/**
 * The floor of every user-space tunnel here: a TUN device in the client and one in the server,
 * joined by two threads of this process that copy each packet read from one into the other. No
 * encapsulation, no socket: one TUN read and one TUN write per packet, as the eccp tunnel's data
 * path does besides its socket calls. Its CPU time is this whole process's.
 */
final class TunForwarderSubject implements Subject {
  private static final String DEV = "tunfw0";
  private static final int MTU = 1500;
  private final String serverInner;
  private final String clientInner;
  private final List<TunDevice> devices = new ArrayList<>();
  private final List<NetworkNamespace> namespaces = new ArrayList<>();

  TunForwarderSubject(String net) {
    this.serverInner = net + ".1";
    this.clientInner = net + ".2";
  }

  @Override
  public String name() {
    return "tun-forwarder";
  }

  @Override
  public void start(BenchLab lab) throws IOException {
    TunDevice server = device(lab, "server", serverInner);
    TunDevice client = device(lab, "client", clientInner);
    copy(client, server, "eccp-bench-fw-up");
    copy(server, client, "eccp-bench-fw-down");
  }

  private TunDevice device(BenchLab lab, String host, String inner) throws IOException {
    NetworkNamespace ns = NetworkNamespace.open(lab.lab().lab().namespace(host));
    namespaces.add(ns);
    TunDevice dev = ns.call(() -> TunDevice.create(DEV, 1));
    devices.add(dev);
    dev.configure(MTU, List.of(inner + "/30"));
    return dev;
  }

  private static void copy(TunDevice from, TunDevice to, String name) {
    Thread t = new Thread(() -> {
      Bytes<?> buf = Bytes.allocateDirect(65_536);
      try {
        while (from.read(buf, 0) >= 0) {
          to.write(buf);
        }
      } catch (NativeException e) {
        // The device was closed by stop(), or the lab was removed.
      } finally {
        buf.releaseLast();
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public String target() {
    return serverInner;
  }

  @Override
  public List<Long> pids() {
    return List.of(ProcessHandle.current().pid());
  }

  @Override
  public void stop() {
    devices.forEach(TunDevice::close);
    namespaces.forEach(NetworkNamespace::close);
  }
}
