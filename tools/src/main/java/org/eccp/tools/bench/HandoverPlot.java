package org.eccp.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.eccp.tools.demo.ThroughputPlot;

/** Writes the handover bench's plot: one throughput panel per subject and moving end, stacked. */
final class HandoverPlot {
  /** One panel: a title, its lines and a dashed mark per move, times from the panel's start. */
  record Panel(String title, List<ThroughputPlot.Series> series, List<ThroughputPlot.Mark> marks) {}

  private HandoverPlot() {}

  static void write(Path file, List<Panel> panels) throws IOException {
    int width = ThroughputPlot.WIDTH;
    int height = ThroughputPlot.HEIGHT;
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
        + "height=\"%d\">%n", width, height * Math.max(1, panels.size())));
    for (int i = 0; i < panels.size(); i++) {
      Panel p = panels.get(i);
      String svg = ThroughputPlot.render(p.series(), p.marks(), p.title());
      // A nested svg element is placed by its own x and y.
      b.append(svg.replaceFirst("<svg ", String.format(Locale.ROOT, "<svg y=\"%d\" ",
          height * i)));
    }
    b.append("</svg>\n");
    Files.writeString(file, b.toString());
  }
}
