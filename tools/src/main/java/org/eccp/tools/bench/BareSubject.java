package org.eccp.tools.bench;

import java.util.List;

/** The lab's veth path through the router with no tunnel: the ceiling for every tunnel. */
final class BareSubject implements Subject {
  private String target;

  @Override
  public String name() {
    return "veth";
  }

  @Override
  public void start(BenchLab lab) {
    target = lab.serverAddress();
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public List<Long> pids() {
    return List.of();
  }
}
