package mw.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mw.analysis.Analysis;
import mw.analysis.Comparison;
import mw.analysis.Ltas;
import mw.view.Tables;
import mw.view.Views;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * How a script shows the value of an expression line (one written without a semicolon, as the jshell
 * tool echoes it): tables as aligned text with rounded numbers, charts as their title and the path of
 * a PNG saved for them, analyses as their tables and charts, anything else as its {@code toString()}.
 */
public final class ScriptEcho implements java.util.function.Consumer<Object> {
    /** Rows printed of a long table. */
    static final int MAX_ROWS = 40;

    private final PrintStream out;
    private final Path chartDir;
    private int charts;

    /**
     * @param out      where the text goes
     * @param chartDir where chart PNGs are saved (created on the first chart)
     */
    public ScriptEcho(PrintStream out, Path chartDir) {
        this.out = out;
        this.chartDir = chartDir;
    }

    /** The folder a script's charts go to: {@code out/SCRIPT-NAME/charts} under the working directory. */
    public static Path chartDirFor(Path script) {
        String name = script.getFileName().toString().replaceFirst("\\.jsh$", "");
        return Path.of("out", name, "charts");
    }

    @Override
    public void accept(Object value) {
        out.println(text(value));
        out.flush();
    }

    /** The text shown for a value (charts are saved on the way). */
    public String text(Object value) {
        if (value instanceof Table t) {
            return tableText(t);
        }
        if (value instanceof Chart<?, ?> c) {
            return chartLine(c);
        }
        if (value instanceof Ltas l) {
            return chartLine(Views.ltasChart(l));
        }
        if (value instanceof Analysis a) {
            return tablesAndCharts(Views.tables(a), Views.charts(a));
        }
        if (value instanceof Comparison c) {
            return tablesAndCharts(Views.tables(c), Views.charts(c));
        }
        return String.valueOf(value);
    }

    private String tablesAndCharts(Map<String, Table> tables, Map<String, ? extends Chart<?, ?>> charts) {
        List<String> parts = new ArrayList<>();
        tables.forEach((name, t) -> parts.add(name + "\n" + tableText(t)));
        charts.values().forEach(c -> parts.add(chartLine(c)));
        return String.join("\n", parts);
    }

    /** A chart's title and the PNG it was saved to. */
    String chartLine(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? chart.getClass().getSimpleName() : chart.getTitle();
        charts++;
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        Path file = chartDir.resolve(String.format(Locale.ROOT, "%02d-%s.png", charts,
                slug.isEmpty() ? "chart" : slug.substring(0, Math.min(60, slug.length()))));
        try {
            Files.createDirectories(chartDir);
            Path tmp = Files.createTempFile(chartDir, ".chart", ".png.tmp");
            Files.write(tmp, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the chart '" + title + "' to " + file, e);
        }
        return "chart: " + title + " -> " + file;
    }

    /** A table as aligned text, numbers rounded for reading ({@link Tables#format(double)}), long tables cut. */
    public static String tableText(Table t) {
        int rows = Math.min(t.rowCount(), MAX_ROWS);
        int cols = t.columnCount();
        String[][] cells = new String[rows + 1][cols];
        int[] width = new int[cols];
        boolean[] numeric = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            cells[0][c] = Tables.header(t.column(c).name());
            numeric[c] = t.column(c) instanceof tech.tablesaw.api.NumericColumn;
            for (int r = 0; r < rows; r++) {
                cells[r + 1][c] = Tables.cell(t, c, r);
            }
            for (int r = 0; r <= rows; r++) {
                width[c] = Math.max(width[c], cells[r][c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        if (t.name() != null && !t.name().isBlank()) {
            sb.append(t.name()).append('\n');
        }
        for (int r = 0; r <= rows; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                String v = cells[r][c];
                String pad = " ".repeat(width[c] - v.length());
                line.append(c == 0 ? "" : "  ").append(numeric[c] && r > 0 ? pad + v : v + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        if (t.rowCount() > rows) {
            sb.append(String.format(Locale.ROOT, "(%d more rows not shown)%n", t.rowCount() - rows));
        }
        return sb.toString().stripTrailing();
    }
}
