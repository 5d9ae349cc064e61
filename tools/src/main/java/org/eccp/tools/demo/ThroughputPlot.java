package org.eccp.tools.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes throughput over time as a small SVG: one line per transfer, a dashed mark per move. */
public final class ThroughputPlot {
  /** One line: Mbit/s per bin, the first bin starting at {@code startNanos}. */
  public record Series(String name, long startNanos, long binNanos, double[] mbps) {}

  /** A vertical mark at {@code atNanos}. */
  public record Mark(String label, long atNanos) {}

  public static final int WIDTH = 900;
  public static final int HEIGHT = 360;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 30;
  private static final int BOTTOM = 40;
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
      "#ff7f0e", "#8c564b", "#7f7f7f"};

  private ThroughputPlot() {}

  public static void write(Path file, List<Series> series, List<Mark> marks) throws IOException {
    write(file, series, marks, "Mbit/s through the tunnel");
  }

  /** Writes the plot with {@code yLabel} as the label of the vertical axis. */
  public static void write(Path file, List<Series> series, List<Mark> marks, String yLabel)
      throws IOException {
    Files.writeString(file, render(series, marks, null, yLabel));
  }

  /**
   * Returns the plot as one {@code <svg>} element of {@link #WIDTH} by {@link #HEIGHT} pixels,
   * with {@code title} (or none when null) at its top left.
   */
  public static String render(List<Series> series, List<Mark> marks, String title) {
    return render(series, marks, title, "Mbit/s through the tunnel");
  }

  /** Returns the plot as {@link #render(List, List, String)} does, with its own axis label. */
  public static String render(List<Series> series, List<Mark> marks, String title,
      String yLabel) {
    long end = 1;
    double top = 1;
    for (Series s : series) {
      end = Math.max(end, s.startNanos() + s.binNanos() * s.mbps().length);
      for (double v : s.mbps()) {
        top = Math.max(top, v);
      }
    }
    top = niceCeiling(top);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
        + "height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    if (title != null) {
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s"
          + "</text>%n", LEFT, TOP - 12, escape(title)));
    }
    axes(b, end, top, yLabel);
    for (Mark m : marks) {
      double x = x(m.atNanos(), end);
      b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
          + "stroke=\"#888\" stroke-dasharray=\"4 3\"/>%n", x, TOP, x, HEIGHT - BOTTOM));
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" "
          + "transform=\"rotate(-30 %.1f %d)\">%s</text>%n", x + 2, TOP + 10, x + 2, TOP + 10,
          escape(m.label())));
    }
    for (int i = 0; i < series.size(); i++) {
      line(b, series.get(i), COLOURS[i % COLOURS.length], end, top);
    }
    // After every line, on white boxes, so that no line crosses the names.
    for (int i = 0; i < series.size(); i++) {
      legend(b, series.get(i).name(), COLOURS[i % COLOURS.length], i);
    }
    b.append("</svg>\n");
    return b.toString();
  }

  private static void axes(StringBuilder b, long end, double top, String yLabel) {
    int bottom = HEIGHT - BOTTOM;
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"black\"/>%n", LEFT, bottom, WIDTH - RIGHT, bottom));
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"black\"/>%n", LEFT, TOP, LEFT, bottom));
    for (int i = 0; i <= 4; i++) {
      double v = top * i / 4;
      double y = y(v, top);
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f"
          + "</text>%n", LEFT - 5, y + 4, v));
    }
    double seconds = end / 1e9;
    int step = Math.max(1, (int) Math.ceil(seconds / 10));
    for (int s = 0; s <= seconds; s += step) {
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d"
          + "</text>%n", x(s * 1_000_000_000L, end), bottom + 15, s));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time (s)"
        + "</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 5));
    b.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" "
        + "text-anchor=\"middle\">%s</text>%n", HEIGHT / 2, HEIGHT / 2, escape(yLabel)));
  }

  private static void line(StringBuilder b, Series s, String colour, long end, double top) {
    StringBuilder points = new StringBuilder();
    double[] v = s.mbps();
    for (int i = 0; i < v.length; i++) {
      long t = s.startNanos() + s.binNanos() * i + s.binNanos() / 2;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(t, end), y(v[i], top)));
    }
    b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\""
        + " points=\"%s\"/>%n", colour, points.toString().trim()));
  }

  private static void legend(StringBuilder b, String name, String colour, int index) {
    b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"160\" height=\"15\" "
        + "fill=\"white\" fill-opacity=\"0.85\"/>%n", WIDTH - RIGHT - 164,
        TOP + 15 * index + 3));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
        WIDTH - RIGHT - 160, TOP + 15 * (index + 1), colour, escape(name)));
  }

  private static double x(long nanos, long end) {
    return LEFT + (WIDTH - LEFT - RIGHT) * (double) nanos / end;
  }

  private static double y(double v, double top) {
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * v / top;
  }

  private static double niceCeiling(double v) {
    double unit = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * unit >= v) {
        return m * unit;
      }
    }
    return 10 * unit;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
