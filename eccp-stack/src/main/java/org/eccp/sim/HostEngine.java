package org.eccp.sim;

import java.util.List;
import org.eccp.engine.ActionSink;
import org.eccp.engine.ConnectionView;
import org.eccp.engine.Counters;
import org.eccp.engine.Engine;
import org.eccp.engine.Event;

/**
 * The engine as the simulator and the explorer drive it. {@link #of(Engine)} adapts the real
 * engine; tests wrap it to inject protocol faults without touching production code.
 */
public interface HostEngine {

  /** Passes one event to the engine; see {@link Engine#handle}. */
  long handle(long now, Event event, ActionSink out);

  /** The earliest timer deadline, or {@link Long#MAX_VALUE} when no timer is armed. */
  long nextDeadline();

  List<ConnectionView> connections();

  Counters counters();

  /** Returns an independent copy in the same state. */
  HostEngine copy();

  /** A 64-bit hash of the protocol state, equal for equal states. */
  long stateHash();

  /** Adapts the real engine. */
  static HostEngine of(Engine engine) {
    return new HostEngine() {
      @Override
      public long handle(long now, Event event, ActionSink out) {
        return engine.handle(now, event, out);
      }

      @Override
      public long nextDeadline() {
        return engine.nextDeadline();
      }

      @Override
      public List<ConnectionView> connections() {
        return List.copyOf(engine.connections());
      }

      @Override
      public Counters counters() {
        return engine.counters();
      }

      @Override
      public HostEngine copy() {
        return of(engine.copy());
      }

      @Override
      public long stateHash() {
        return engine.stateHash();
      }
    };
  }
}
