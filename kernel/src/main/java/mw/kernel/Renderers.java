package mw.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mw.audio.AudioBuffer;
import mw.view.Format;
import mw.view.Show;
import mw.view.Tables;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Rich display of the workbench's objects in Jupyter: Tablesaw tables as HTML (long ones truncated
 * with a note), XChart charts as PNG (SVG on request), audio buffers as HTML5 players, {@link Listen}
 * comparisons, every result that {@code mw.view.Show} can present (analyses, comparisons, loudness and
 * platform outcomes, reports of every package) as its tables and charts, a result with charts only (a
 * spectrum) as its chart, and other records as one-row HTML tables (lists of the same record as multi-row
 * tables). Tables are written by {@code mw.view.Tables}, numbers by {@code mw.view.Format}, so a result
 * looks as it does in the CLI's reports. Every renderer also leaves a {@code text/plain} form. Registered on
 * any jjava {@link Renderer}, so the renderers are tested without a running kernel.
 */
public final class Renderers {
    /** Tables longer than this show their first {@link #TABLE_HEAD_ROWS} rows and a note. */
    public static final int MAX_TABLE_ROWS = 60;
    /** Rows shown of a truncated table. */
    public static final int TABLE_HEAD_ROWS = 50;

    private Renderers() {
    }

    /** Registers every workbench renderer. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void registerAll(Renderer renderer) {
        renderer.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML)
                .register((t, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> tableHtml(t));
                    ctx.getOutputContainer().putText(t.print(20));
                });
        renderer.createRegistration(Chart.class).preferring(MIMEType.IMAGE_PNG).supporting(MIMEType.IMAGE_SVG)
                .register((c, ctx) -> {
                    Chart chart = (Chart) c;
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> chartPngBase64(chart));
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> chartSvg(chart));
                    ctx.getOutputContainer().putText(chart.getClass().getSimpleName()
                            + (chart.getTitle() == null || chart.getTitle().isEmpty() ? "" : ": " + chart.getTitle()));
                });
        renderer.createRegistration(AudioBuffer.class).preferring(MIMEType.TEXT_HTML)
                .register((a, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Listen.playerHtml(a)));
        renderer.createRegistration(Listen.AB.class).preferring(MIMEType.TEXT_HTML)
                .register((ab, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, ab::toHtml));
        renderer.createRegistration(Listen.Compare.class).preferring(MIMEType.TEXT_HTML)
                .register((c, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, c::toHtml));
        renderer.createRegistration(Listen.Player.class).preferring(MIMEType.TEXT_HTML)
                .register((p, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, p::toHtml));
        // a reference match: its moves, figures, spectra and EQ (MatchPlan is a record; the exact class wins)
        renderer.createRegistration(mw.matching.MatchPlan.class).preferring(MIMEType.TEXT_HTML)
                .register((p, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML,
                        () -> mw.view.MatchView.report((mw.matching.MatchPlan) p, null, null).toHtml()));
        // Listen.Player is itself a record; the registration above wins because it is on the exact class.
        renderer.createRegistration(Record.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.IMAGE_PNG)
                .register((r, ctx) -> {
                    if (Show.hasPresenter(r)) {
                        present(r, ctx);
                    } else {
                        ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> recordsHtml(List.of(r)));
                    }
                });
        renderer.createRegistration(Object.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.IMAGE_PNG)
                .register((o, ctx) -> {
                    if (Show.hasPresenter(o)) {
                        present(o, ctx);
                    }
                });
        renderer.createRegistration(List.class).preferring(MIMEType.TEXT_HTML)
                .register((l, ctx) -> {
                    List<?> list = (List<?>) l;
                    if (isListOfOneRecordType(list)) {
                        ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> recordsHtml((List<Record>) list));
                    }
                });
    }

    /** A result with a presenter: its tables and charts as HTML, or its only chart as an image. */
    private static void present(Object o, org.dflib.jjava.jupyter.kernel.display.RenderContext ctx) {
        Map<String, Table> tables = Show.tables(o);
        Map<String, Chart<?, ?>> charts = Show.charts(o);
        if (tables.isEmpty() && charts.size() == 1) {
            Chart<?, ?> c = charts.values().iterator().next();
            ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> chartPngBase64(c));
            ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> chartSvg(c));
        } else {
            ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> tablesAndChartsHtml(tables, charts));
        }
    }

    /** Named tables and charts (PNG images) one after another, as one HTML output. */
    public static String tablesAndChartsHtml(Map<String, Table> tables, Map<String, ? extends Chart<?, ?>> charts) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Table> e : tables.entrySet()) {
            sb.append("<h4>").append(Html.escape(e.getKey())).append("</h4>").append(tableHtml(e.getValue()));
        }
        for (Map.Entry<String, ? extends Chart<?, ?>> e : charts.entrySet()) {
            sb.append("<h4>").append(Html.escape(e.getKey())).append("</h4><img src=\"data:image/png;base64,")
                    .append(chartPngBase64(e.getValue())).append("\"/>");
        }
        return sb.toString();
    }

    /** A table as HTML ({@code mw.view.Tables}); tables longer than {@link #MAX_TABLE_ROWS} are cut with a note. */
    public static String tableHtml(Table table) {
        return Tables.toHtml(table, MAX_TABLE_ROWS, TABLE_HEAD_ROWS, false);
    }

    /** A chart as a base64 PNG (what Jupyter's {@code image/png} carries). */
    public static String chartPngBase64(Chart<?, ?> chart) {
        try {
            return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chart as SVG text. */
    public static String chartSvg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static boolean isListOfOneRecordType(List<?> list) {
        if (list.isEmpty() || !(list.get(0) instanceof Record)) {
            return false;
        }
        Class<?> c = list.get(0).getClass();
        for (Object o : list) {
            if (o == null || o.getClass() != c) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records of one type as an HTML table: a header row of component names, one row per record,
     * found by reflection on the record components (so any record renders, including ones declared
     * in a notebook).
     */
    public static String recordsHtml(List<? extends Record> records) {
        Class<?> type = records.get(0).getClass();
        RecordComponent[] comps = type.getRecordComponents();
        StringBuilder sb = new StringBuilder("<table class=\"mw-record\"><caption style=\"text-align:left\">")
                .append(Html.escape(type.getSimpleName())).append("</caption><thead><tr>");
        for (RecordComponent rc : comps) {
            sb.append("<th>").append(Html.escape(mw.view.Tables.header(rc.getName()))).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        int shown = 0;
        for (Record r : records) {
            if (shown++ == MAX_TABLE_ROWS) {
                break;
            }
            sb.append("<tr>");
            for (RecordComponent rc : comps) {
                sb.append("<td>").append(cell(component(r, rc))).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        if (records.size() > MAX_TABLE_ROWS) {
            sb.append(String.format(Locale.ROOT, "<div style=\"font-size:smaller\">showing the first %d of %d</div>",
                    MAX_TABLE_ROWS, records.size()));
        }
        return sb.toString();
    }

    private static Object component(Record r, RecordComponent rc) {
        try {
            var accessor = rc.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "?";
        }
    }

    private static String cell(Object v) {
        if (v instanceof Double || v instanceof Float || v == null) {
            return Format.value(v);
        }
        if (v instanceof double[] arr) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < arr.length && i < 8; i++) {
                sb.append(i == 0 ? "" : ", ").append(Format.number(arr[i]));
            }
            return sb.append(arr.length > 8 ? ", … (" + arr.length + ")]" : "]").toString();
        }
        String s = String.valueOf(v);
        if (s.length() > 200) {
            s = s.substring(0, 200) + "…";
        }
        return Html.escape(s);
    }
}
