package org.eccp.sim;

/** Something that happens at one instant of virtual time: a delivery, a timer, a scenario step. */
interface SimEvent {

  /** Runs the event against the simulation. */
  void run(Simulation sim);
}
