package mw.view;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mw.WorkbenchException;
import mw.io.Audio;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts: small fluent builders over XChart with one clean style, units on the axes, a readable
 * log-frequency axis, automatic thinning of dense data, and PNG/SVG export.
 *
 * <pre>{@code
 * XYChart c = Charts.xy("Long-term average spectrum")
 *         .xLabel("Frequency (Hz)").yLabel("Level (dB)").logFrequency()
 *         .line("mix", freqsHz, levelsDb)
 *         .line("reference", freqsHz, refDb)
 *         .build();
 * Charts.writePng(c, Path.of("out/ltas.png"));
 * }</pre>
 *
 * <p>Dense series are thinned before they are handed to XChart (it slows down near a million
 * points): the x range is cut into at most {@link #MAX_POINTS_PER_SERIES} / 2 buckets (logarithmic
 * buckets on a log axis) and each bucket keeps its lowest and highest point, so peaks and dips stay
 * visible.
 */
public final class Charts {
    /** Default chart size in pixels. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 450;
    /** Points kept per series after thinning. */
    public static final int MAX_POINTS_PER_SERIES = 2000;

    /** A colour-blind-friendly palette (Okabe and Ito, 2008), used in series order. */
    public static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0)};

    private Charts() {
    }

    /** The round steps a time axis may use, in seconds. */
    private static final double[] TIME_STEPS_S = {0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200,
        1800, 3600, 7200, 18000, 36000};

    /**
     * The smallest round time step (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30 s, 1, 2, 5, 10, 20, 30 min, 1, 2, 5,
     * 10 h) that cuts {@code spanSeconds} into at most {@code maxIntervals} intervals.
     */
    public static double timeStepSeconds(double spanSeconds, int maxIntervals) {
        for (double s : TIME_STEPS_S) {
            if (spanSeconds / s <= maxIntervals) {
                return s;
            }
        }
        return TIME_STEPS_S[TIME_STEPS_S.length - 1];
    }

    /**
     * A time-axis label: "12.5 s" on an axis shorter than a minute, else "m:ss" ("0:30", "3:00"), or
     * "h:mm:ss" from an hour on.
     */
    public static String formatTime(double seconds, double spanSeconds) {
        if (spanSeconds < 60) {
            double r = Math.round(seconds * 10) / 10.0;
            return new java.math.BigDecimal(Double.toString(r == 0 ? 0.0 : r)).stripTrailingZeros().toPlainString() + " s";
        }
        long t = Math.round(seconds);
        String sign = t < 0 ? "-" : "";
        t = Math.abs(t);
        if (spanSeconds >= 3600) {
            return String.format(Locale.ROOT, "%s%d:%02d:%02d", sign, t / 3600, t / 60 % 60, t % 60);
        }
        return String.format(Locale.ROOT, "%s%d:%02d", sign, t / 60, t % 60);
    }

    /** The title of a time axis of the given span: "Time", "Time (m:ss)" or "Time (h:mm:ss)". */
    public static String timeAxisTitle(double spanSeconds) {
        return spanSeconds < 60 ? "Time" : spanSeconds < 3600 ? "Time (m:ss)" : "Time (h:mm:ss)";
    }

    /** Starts an x/y line or scatter chart of the default size. */
    public static XY xy(String title) {
        return new XY(title, WIDTH, HEIGHT);
    }

    /** Starts an x/y chart of the given size in pixels. */
    public static XY xy(String title, int width, int height) {
        return new XY(title, width, height);
    }

    /** Builder of an x/y chart. */
    public static final class XY {
        private final XYChart chart;
        private boolean logX;
        private int series;
        private int legendChars;
        /** x values given in seconds are divided by this (60 or 3600 on a long time axis). */
        private double xScale = 1;
        private double timeSpanS;
        private double timeStepS;

        private XY(String title, int width, int height) {
            chart = new XYChartBuilder().width(width).height(height).title(title).build();
            style(chart.getStyler());
            chart.getStyler().setMarkerSize(0);
        }

        /** Title of the x axis, with its unit, e.g. "Frequency (Hz)". */
        public XY xLabel(String label) {
            chart.setXAxisTitle(label);
            return this;
        }

        /** Title of the y axis, with its unit, e.g. "Level (dB)". */
        public XY yLabel(String label) {
            chart.setYAxisTitle(label);
            return this;
        }

        /**
         * A logarithmic frequency axis from 20 Hz to 20 kHz with labels written out
         * ("100", "1,000", "10,000") instead of "1E3".
         */
        public XY logFrequency() {
            return logFrequency(20, 20_000);
        }

        /** A logarithmic frequency axis over the given range, readable labels. */
        public XY logFrequency(double minHz, double maxHz) {
            logX = true;
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setXAxisMin(minHz);
            chart.getStyler().setXAxisMax(maxHz);
            chart.getStyler().setXAxisDecimalPattern("#,##0");
            if (chart.getXAxisTitle() == null || chart.getXAxisTitle().isEmpty()) {
                chart.setXAxisTitle("Frequency (Hz)");
            }
            return this;
        }

        /**
         * Makes the x axis a time axis from 0 to {@code spanSeconds} with ticks at round times (every 1, 2,
         * 5, 10, 20, 30 s, 1, 2, 5 ... min, chosen by the span) labelled "12.5 s" or "m:ss". Series x values
         * stay in seconds. Call before adding series.
         *
         * <p>Why the detour: XChart places ticks at 1, 2 or 5 times a power of ten of the axis unit, and at
         * the data points themselves when they are equally spaced. So long programmes are plotted in
         * minutes (a 0.5 min step is 30 s), the tick spacing hint is set so its step lands on the chosen
         * one, and an invisible two-point series keeps the data from looking equally spaced.
         */
        public XY timeAxis(double spanSeconds) {
            if (series > 0) {
                throw new IllegalStateException("timeAxis must be set before series are added");
            }
            double span = Double.isFinite(spanSeconds) && spanSeconds > 0 ? spanSeconds : 1;
            timeSpanS = span;
            timeStepS = timeStepSeconds(span, 8);
            xScale = timeStepS >= 1800 ? 3600 : timeStepS >= 30 ? 60 : 1;
            double scale = xScale;
            chart.setXAxisTitle(timeAxisTitle(span));
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisMax(span / scale);
            chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> formatTime(v * scale, span));
            return this;
        }

        /** Fixes the y range. */
        public XY yRange(double min, double max) {
            chart.getStyler().setYAxisMin(min);
            chart.getStyler().setYAxisMax(max);
            return this;
        }

        /** Fixes the x range. */
        public XY xRange(double min, double max) {
            chart.getStyler().setXAxisMin(min);
            chart.getStyler().setXAxisMax(max);
            return this;
        }

        /** Adds a line series (thinned when dense; non-finite points are dropped). */
        public XY line(String name, double[] x, double[] y) {
            return add(name, x, y, XYSeries.XYSeriesRenderStyle.Line, true);
        }

        /** Adds a step series (for histograms and band levels). */
        public XY step(String name, double[] x, double[] y) {
            return add(name, x, y, XYSeries.XYSeriesRenderStyle.Step, false);
        }

        /** Adds a scatter series of small dots (not thinned by buckets; give at most a few thousand points). */
        public XY scatter(String name, double[] x, double[] y) {
            XY r = add(name, x, y, XYSeries.XYSeriesRenderStyle.Scatter, false);
            XYSeries s = chart.getSeriesMap().get(name);
            s.setMarker(SeriesMarkers.CIRCLE);
            chart.getStyler().setMarkerSize(3);
            return r;
        }

        /** Adds a dashed horizontal reference line across the current x range. */
        public XY horizontal(String name, double y, double xMin, double xMax) {
            XY r = add(name, new double[] {xMin, xMax}, new double[] {y, y}, XYSeries.XYSeriesRenderStyle.Line, false);
            chart.getSeriesMap().get(name).setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            return r;
        }

        private XY add(String name, double[] x, double[] y, XYSeries.XYSeriesRenderStyle style, boolean thin) {
            if (x.length != y.length) {
                throw new WorkbenchException("series " + name + ": " + x.length + " x values but " + y.length + " y values");
            }
            if (xScale != 1) {
                double[] sx = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    sx[i] = x[i] / xScale;
                }
                x = sx;
            }
            double[][] xy = finite(x, y, logX);
            if (thin) {
                xy = Charts.thin(xy[0], xy[1], MAX_POINTS_PER_SERIES, logX);
            }
            if (xy[0].length == 0) {
                xy = new double[][] {{logX ? 1000 : 0}, {Double.NaN}};
            }
            legendChars += name.length() + 6;
            XYSeries s = chart.addSeries(name, xy[0], xy[1]);
            s.setXYSeriesRenderStyle(style);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(PALETTE[series % PALETTE.length]);
            s.setMarkerColor(PALETTE[series % PALETTE.length]);
            s.setLineWidth(1.6f);
            series++;
            return this;
        }

        /** The chart (a legend too wide for one line below the plot goes to the right of it). */
        public XYChart build() {
            boolean outside = legendChars > 90;
            if (outside) {
                chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
                chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
            }
            if (timeSpanS > 0 && !chart.getSeriesMap().containsKey(ANCHOR)) {
                finishTimeAxis(outside);
            }
            return chart;
        }

        private static final String ANCHOR = "\u200b";

        private void finishTimeAxis(boolean legendOutside) {
            // XChart's step: 1, 2 or 5 x 10^n units, picked from span / (0.92 * plot width) * hint.
            double plotWidth = 0.92 * (chart.getWidth() - (legendOutside ? 330 : 90));
            double stepU = timeStepS / xScale;
            double spanU = timeSpanS / xScale;
            double decade = Math.pow(10, Math.floor(Math.log10(stepU) + 1e-9));
            double sig = Math.round(stepU / decade);
            // the middle (geometric) of the range of hints XChart rounds to this significand
            double centre = (sig == 1 ? Math.sqrt(0.75 * 1.5) : sig == 2 ? Math.sqrt(1.5 * 3.5) : Math.sqrt(3.5 * 7.5)) * decade;
            int hint = (int) Math.round(centre / spanU * plotWidth);
            chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(10, Math.min(hint, (int) (plotWidth * 0.9))));
            double y = Double.NaN;
            for (XYSeries s : chart.getSeriesMap().values()) {
                for (double v : s.getYData()) {
                    if (Double.isFinite(v)) {
                        y = v;
                        break;
                    }
                }
                if (Double.isFinite(y)) {
                    break;
                }
            }
            if (Double.isFinite(y)) {
                XYSeries a = chart.addSeries(ANCHOR, new double[] {0, spanU * 0.318309886}, new double[] {y, y});
                a.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                a.setMarker(SeriesMarkers.NONE);
                a.setLineColor(new Color(0, 0, 0, 0));
                a.setShowInLegend(false);
            }
        }
    }

    /**
     * A heat map (for example a spectrogram) from cell centres and values {@code z[xIndex][yIndex]}.
     * Axis labels are the given centre values, formatted with {@code xFormat}/{@code yFormat}
     * (e.g. "%.0f"); only a handful are drawn.
     */
    public static HeatMapChart heatMap(String title, String xLabel, String yLabel, double[] x, double[] y,
                                       double[][] z, String xFormat, String yFormat, double zMin, double zMax) {
        List<String> xs = new ArrayList<>();
        for (double v : x) {
            xs.add(String.format(Locale.ROOT, xFormat, v));
        }
        List<String> ys = new ArrayList<>();
        for (double v : y) {
            ys.add(String.format(Locale.ROOT, yFormat, v));
        }
        HeatMapChart chart = heatMap(title, xLabel, yLabel, xs, ys, z, zMin, zMax);
        chart.getStyler().setXAxisMaxLabelCount(8);
        return chart;
    }

    /**
     * A heat map with a label per column and per row ({@code z[column][row]}); every label is drawn, so
     * give empty labels ("") to cells that should have none, e.g. to label only round frequencies.
     */
    public static HeatMapChart heatMap(String title, String xLabel, String yLabel, List<String> xLabels,
                                       List<String> yLabels, double[][] z, double zMin, double zMax) {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setShowValue(false);
        chart.getStyler().setDrawBorder(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setAntiAlias(false); // anti-aliased cell edges leave light seams between cells
        chart.getStyler().setPiecewise(false);
        chart.getStyler().setMin(zMin);
        chart.getStyler().setMax(zMax);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisMaxLabelCount(0);
        chart.getStyler().setAxisTicksMarksVisible(false); // one per cell would draw a comb
        chart.getStyler().setRangeColors(new Color[] {
            new Color(0, 0, 4), new Color(87, 16, 110), new Color(188, 55, 84),
            new Color(249, 142, 9), new Color(252, 255, 164)});
        // XChart cannot lay out an empty label: draw a space instead
        xLabels = xLabels.stream().map(l -> l.isEmpty() ? " " : l).toList();
        yLabels = yLabels.stream().map(l -> l.isEmpty() ? " " : l).toList();
        List<Number[]> data = new ArrayList<>(xLabels.size() * yLabels.size());
        for (int i = 0; i < xLabels.size(); i++) {
            for (int j = 0; j < yLabels.size(); j++) {
                double v = z[i][j];
                if (!Double.isFinite(v)) {
                    v = zMin;
                }
                data.add(new Number[] {i, j, Math.max(zMin, Math.min(zMax, v))});
            }
        }
        chart.addSeries(title, xLabels, yLabels, data);
        return chart;
    }

    /** A bar chart of one or more named series over category labels (e.g. band names). */
    public static CategoryChart bars(String title, String xLabel, String yLabel, List<String> categories,
                                     List<String> seriesNames, List<double[]> values) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 12 ? 45 : 0);
        chart.getStyler().setSeriesColors(PALETTE);
        if (categories.isEmpty()) {
            // nothing was measured (silence, a file shorter than one window): say so instead of failing
            chart.setTitle(title + " (nothing to show: too short or silent)");
            categories = List.of("-");
            List<double[]> zeros = new ArrayList<>();
            for (int s = 0; s < seriesNames.size(); s++) {
                zeros.add(new double[] {0});
            }
            values = zeros;
        }
        for (int s = 0; s < seriesNames.size(); s++) {
            List<Double> v = new ArrayList<>();
            for (double d : values.get(s)) {
                v.add(Double.isFinite(d) ? d : 0.0);
            }
            chart.addSeries(seriesNames.get(s), categories, v);
        }
        return chart;
    }

    private static void style(org.knowm.xchart.style.Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(200, 200, 200));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendBorderColor(new Color(220, 220, 220));
        s.setAntiAlias(true);
        s.setDecimalPattern("#,##0.##");
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setPlotGridLinesColor(new Color(232, 232, 232));
            if (!(a instanceof org.knowm.xchart.style.HeatMapStyler)) {
                a.setLegendPosition(Styler.LegendPosition.OutsideS);
                a.setLegendLayout(Styler.LegendLayout.Horizontal);
            }
            a.setAxisTickMarkLength(4);
            a.setLocale(Locale.ROOT);
        }
    }

    private static double[][] finite(double[] x, double[] y, boolean logX) {
        int n = 0;
        double[] fx = new double[x.length];
        double[] fy = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logX || x[i] > 0)) {
                fx[n] = x[i];
                fy[n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(fx, n), Arrays.copyOf(fy, n)};
    }

    /**
     * Thins a series with increasing x to at most {@code maxPoints}: the x range is cut into
     * {@code maxPoints / 2} buckets (logarithmic when {@code logX}) and each bucket keeps its lowest
     * and highest point, in x order. Series that are already small are returned as they are.
     */
    public static double[][] thin(double[] x, double[] y, int maxPoints, boolean logX) {
        if (x.length <= maxPoints || x.length < 4) {
            return new double[][] {x.clone(), y.clone()};
        }
        int buckets = Math.max(1, maxPoints / 2);
        double lo = logX ? Math.log(x[0]) : x[0];
        double hi = logX ? Math.log(x[x.length - 1]) : x[x.length - 1];
        double width = (hi - lo) / buckets;
        double[] ox = new double[2 * buckets + 2];
        double[] oy = new double[2 * buckets + 2];
        int n = 0;
        int i = 0;
        for (int b = 0; b < buckets && i < x.length; b++) {
            double end = lo + (b + 1) * width;
            int minI = -1;
            int maxI = -1;
            while (i < x.length && ((logX ? Math.log(x[i]) : x[i]) <= end || b == buckets - 1)) {
                if (minI < 0 || y[i] < y[minI]) {
                    minI = i;
                }
                if (maxI < 0 || y[i] > y[maxI]) {
                    maxI = i;
                }
                i++;
            }
            if (minI < 0) {
                continue;
            }
            int first = Math.min(minI, maxI);
            int second = Math.max(minI, maxI);
            ox[n] = x[first];
            oy[n++] = y[first];
            if (second != first) {
                ox[n] = x[second];
                oy[n++] = y[second];
            }
        }
        return new double[][] {Arrays.copyOf(ox, n), Arrays.copyOf(oy, n)};
    }

    /**
     * The lowest and highest finite values ({@code {+inf, -inf}} when there are none): the span an axis
     * is fitted to, leaving out the -inf loudness of silence and missing figures.
     */
    static double[] finiteSpan(List<Double> values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] {lo, hi};
    }

    /**
     * A level as its height above an axis floor, or null (no mark) when it is not finite. XChart draws a
     * category chart's bars and dots from 0 (negative ones hang from the top of the plot), so loudness is
     * plotted as heights above the floor and the axis labels add the floor back.
     */
    static Double aboveFloor(double v, double floor) {
        return Double.isFinite(v) ? v - floor : null;
    }

    /** The chart as PNG bytes. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new WorkbenchException("cannot render chart \"" + chart.getTitle() + "\" as PNG: " + e.getMessage(), e);
        }
    }

    /** The chart as SVG text (XChart draws text as paths, so keep charts thinned). */
    public static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new WorkbenchException("cannot render chart \"" + chart.getTitle() + "\" as SVG: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes the chart as a PNG file, atomically. */
    public static Path writePng(Chart<?, ?> chart, Path file) {
        byte[] bytes = png(chart);
        Audio.atomicWrite(file, List.of(), out -> out.write(bytes));
        return file;
    }

    /** Writes the chart as an SVG file, atomically. */
    public static Path writeSvg(Chart<?, ?> chart, Path file) {
        byte[] bytes = svg(chart).getBytes(StandardCharsets.UTF_8);
        Audio.atomicWrite(file, List.of(), out -> out.write(bytes));
        return file;
    }
}
