package mw.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import mw.WorkbenchException;
import mw.platforms.Outcome;
import mw.platforms.Outcomes;
import mw.platforms.Profile;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How platform {@link Outcomes} are shown: a Tablesaw table, CSV, Markdown, JSON (one object per track),
 * terminal text and bar charts. Numbers are rounded to 0.01 in text forms ({@link Format#number(double, int)});
 * a figure that does not exist (the reference of a platform that does not normalize) is empty in CSV,
 * {@value Format#MISSING} in Markdown and text, and {@code null} in JSON.
 */
public final class OutcomesView {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The presenter {@link Show} uses for {@link Outcomes}. */
    static final Presenter<Outcomes> PRESENTER = new Presenter<>() {
        @Override
        public Map<String, Table> tables(Outcomes o) {
            return Map.of("platform outcomes", table(o));
        }

        /** One track: master, playback and reference per streaming platform; several: playback per platform. */
        @Override
        public Map<String, Chart<?, ?>> charts(Outcomes o) {
            boolean streaming = o.rows().stream().anyMatch(r -> r.kind() == Profile.Kind.STREAMING);
            if (!streaming) {
                return Map.of();
            }
            if (o.tracks().size() == 1) {
                String t = o.tracks().get(0);
                return Map.of("Playback loudness: " + t, chart(o, t));
            }
            return Map.of("Playback loudness per platform", chart(o));
        }

        @Override
        public JsonNode json(Outcomes o) {
            ArrayNode a = JSON.createArrayNode();
            jsonPerTrack(o).forEach(a::add);
            return a;
        }

        @Override
        public String csv(Outcomes o) {
            return OutcomesView.csv(o);
        }

        @Override
        public String markdown(Outcomes o) {
            return OutcomesView.markdown(o);
        }

        @Override
        public String text(Outcomes o) {
            return OutcomesView.text(o);
        }
    };

    private OutcomesView() {
    }

    private record Col(String name, Function<Outcome, Object> get) {
    }

    private static final List<Col> COLUMNS = List.of(
            new Col("track", Outcome::track),
            new Col("platform", Outcome::profileId),
            new Col("kind", o -> o.kind().key()),
            new Col("integrated_lufs", Outcome::integratedLufs),
            new Col("true_peak_dbtp", Outcome::truePeakDbtp),
            new Col("reference_lufs", Outcome::referenceLufs),
            new Col("gain_db", Outcome::gainDb),
            new Col("playback_lufs", Outcome::playbackLufs),
            new Col("playback_true_peak_dbtp", Outcome::playbackTruePeakDbtp),
            new Col("limited", Outcome::limited),
            new Col("difference_lu", Outcome::differenceLu),
            new Col("headroom_db", Outcome::headroomDb),
            new Col("codec_true_peak_dbtp", Outcome::codecTruePeakDbtp),
            new Col("verdict", o -> o.verdict().key()),
            new Col("reasons", Outcome::reasonText));

    /** A Tablesaw table, one row per track and profile. */
    public static Table table(Outcomes o) {
        List<Outcome> rows = o.rows();
        Table t = Table.create("platform outcomes");
        for (Col c : COLUMNS) {
            Object sample = rows.isEmpty() ? "" : c.get().apply(rows.get(0));
            if (sample instanceof Double) {
                DoubleColumn col = DoubleColumn.create(c.name());
                rows.forEach(x -> {
                    double d = (Double) c.get().apply(x);
                    if (Double.isNaN(d)) {
                        col.appendMissing();
                    } else {
                        col.append(Math.round(d * 100) / 100.0);
                    }
                });
                t.addColumns(col);
            } else if (sample instanceof Boolean) {
                BooleanColumn col = BooleanColumn.create(c.name());
                rows.forEach(x -> col.append((Boolean) c.get().apply(x)));
                t.addColumns(col);
            } else {
                StringColumn col = StringColumn.create(c.name());
                rows.forEach(x -> col.append(String.valueOf(c.get().apply(x))));
                t.addColumns(col);
            }
        }
        return t;
    }

    private static String text(Object v, String missing) {
        if (v instanceof Double d) {
            return Double.isNaN(d) ? missing : Format.number(d, 2);
        }
        return String.valueOf(v);
    }

    /** CSV (RFC 4180 quoting) with a header row. */
    public static String csv(Outcomes outcomes) {
        List<Outcome> rows = outcomes.rows();
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", COLUMNS.stream().map(Col::name).toList())).append('\n');
        for (Outcome o : rows) {
            List<String> cells = new ArrayList<>();
            for (Col c : COLUMNS) {
                cells.add(Tables.csvQuote(text(c.get().apply(o), "")));
            }
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    /** A Markdown table with a readable subset of columns and the reasons. */
    public static String markdown(Outcomes outcomes) {
        List<Outcome> rows = outcomes.rows();
        StringBuilder b = new StringBuilder();
        b.append("| track | platform | I (LUFS) | TP (dBTP) | ref (LUFS) | gain (dB) | playback (LUFS) | TP after (dBTP) | limiter | Δ ref (LU) | verdict | reasons |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---|---|\n");
        for (Outcome o : rows) {
            b.append("| ").append(o.track().replace("|", "\\|"))
                    .append(" | ").append(o.profileId())
                    .append(" | ").append(text(o.integratedLufs(), Format.MISSING))
                    .append(" | ").append(text(o.truePeakDbtp(), Format.MISSING))
                    .append(" | ").append(text(o.referenceLufs(), Format.MISSING))
                    .append(" | ").append(text(o.gainDb(), Format.MISSING))
                    .append(" | ").append(text(o.playbackLufs(), Format.MISSING))
                    .append(" | ").append(text(o.playbackTruePeakDbtp(), Format.MISSING))
                    .append(" | ").append(o.limited() ? "acts" : "")
                    .append(" | ").append(text(o.differenceLu(), Format.MISSING))
                    .append(" | ").append(o.verdict().key())
                    .append(" | ").append(o.reasonText().replace("|", "\\|"))
                    .append(" |\n");
        }
        return b.toString();
    }

    private static void put(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, Math.round(v * 100) / 100.0);
        }
    }

    /**
     * One JSON object per track: {@code file}, {@code integrated_lufs}, {@code true_peak_dbtp},
     * {@code platforms}: a list of {@code id}, {@code reference_lufs}, {@code gain_db}, {@code playback_lufs},
     * {@code playback_true_peak_dbtp}, {@code limited}, {@code verdict}, {@code reasons} (plus
     * {@code kind}, {@code difference_lu}, {@code headroom_db}, {@code album_gain}).
     */
    public static List<ObjectNode> jsonPerTrack(Outcomes outcomes) {
        List<Outcome> rows = outcomes.rows();
        Map<String, ObjectNode> byTrack = new LinkedHashMap<>();
        for (Outcome o : rows) {
            ObjectNode t = byTrack.computeIfAbsent(o.track(), k -> {
                ObjectNode n = JSON.createObjectNode();
                n.put("file", k);
                put(n, "integrated_lufs", o.integratedLufs());
                put(n, "true_peak_dbtp", o.truePeakDbtp());
                n.putArray("platforms");
                return n;
            });
            ObjectNode p = ((ArrayNode) t.get("platforms")).addObject();
            p.put("id", o.profileId());
            p.put("kind", o.kind().key());
            put(p, "reference_lufs", o.referenceLufs());
            put(p, "gain_db", o.gainDb());
            put(p, "playback_lufs", o.playbackLufs());
            put(p, "playback_true_peak_dbtp", o.playbackTruePeakDbtp());
            p.put("limited", o.limited());
            put(p, "difference_lu", o.differenceLu());
            put(p, "headroom_db", o.headroomDb());
            p.put("album_gain", o.albumGain());
            if (!Double.isNaN(o.codecTruePeakDbtp())) {
                put(p, "codec_true_peak_dbtp", o.codecTruePeakDbtp());
            }
            p.put("verdict", o.verdict().key());
            ArrayNode r = p.putArray("reasons");
            o.reasons().forEach(r::add);
        }
        return new ArrayList<>(byTrack.values());
    }

    /** JSON Lines: one object per track per line (see {@link #jsonPerTrack()}). */
    public static String jsonLines(Outcomes outcomes) {
        StringBuilder b = new StringBuilder();
        for (ObjectNode n : jsonPerTrack(outcomes)) {
            try {
                b.append(JSON.writeValueAsString(n)).append('\n');
            } catch (JsonProcessingException e) {
                throw new WorkbenchException("cannot write outcomes as JSON: " + e.getOriginalMessage(), e);
            }
        }
        return b.toString();
    }

    /** A JSON array of the per-track objects, indented. */
    public static String json(Outcomes outcomes) {
        ArrayNode a = JSON.createArrayNode();
        jsonPerTrack(outcomes).forEach(a::add);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(a);
        } catch (JsonProcessingException e) {
            throw new WorkbenchException("cannot write outcomes as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Loudness bars rise from this level (LUFS) unless a value lies below it. */
    public static final double CHART_FLOOR_LUFS = -40.0;

    /**
     * A bar chart of one track on the streaming platforms: the master's loudness (before) and the playback
     * loudness (after) as bars rising from a floor of {@value #CHART_FLOOR_LUFS} LUFS (lower when a value
     * is lower), and each platform's reference as a marker. Platforms that do not normalize have no marker.
     */
    public static CategoryChart chart(Outcomes outcomes, String track) {
        List<Outcome> os = outcomes.of(track).stream().filter(o -> o.kind() == Profile.Kind.STREAMING).toList();
        if (os.isEmpty()) {
            throw new WorkbenchException("no streaming-platform outcomes for track '" + track + "'");
        }
        List<Double> all = new ArrayList<>();
        for (Outcome o : os) {
            all.add(o.integratedLufs());
            all.add(o.playbackLufs());
            all.add(o.referenceLufs());
        }
        double[] range = chartRange(all);
        CategoryChart c = new CategoryChartBuilder().width(900).height(420).title("Playback loudness: " + track)
                .xAxisTitle("platform").yAxisTitle("Loudness (LUFS)").build();
        style(c, range);
        List<String> ids = os.stream().map(Outcome::profileId).toList();
        c.addSeries("master (before)", ids, os.stream().map(o -> above(o.integratedLufs(), range[0])).toList());
        c.addSeries("playback (after)", ids, os.stream().map(o -> above(o.playbackLufs(), range[0])).toList());
        CategorySeries ref = c.addSeries("platform reference", ids, os.stream()
                .map(o -> above(o.referenceLufs(), range[0])).toList());
        ref.setChartCategorySeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
        ref.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
        ref.setMarkerColor(java.awt.Color.BLACK);
        c.getStyler().setMarkerSize(11);
        return c;
    }

    /**
     * A bar chart of every track's playback loudness on each streaming platform, bars rising from a floor
     * of {@value #CHART_FLOOR_LUFS} LUFS (lower when a value is lower).
     */
    public static CategoryChart chart(Outcomes outcomes) {
        List<Outcome> rows = outcomes.rows();
        List<String> ids = rows.stream().filter(o -> o.kind() == Profile.Kind.STREAMING).map(Outcome::profileId)
                .distinct().toList();
        if (ids.isEmpty()) {
            throw new WorkbenchException("no streaming-platform outcomes to chart");
        }
        double[] range = chartRange(rows.stream().filter(o -> o.kind() == Profile.Kind.STREAMING)
                .map(Outcome::playbackLufs).toList());
        int legendRows = outcomes.tracks().size() > 3 ? outcomes.tracks().size() : 0;
        CategoryChart c = new CategoryChartBuilder().width(1000).height(450 + 22 * legendRows)
                .title("Playback loudness per platform")
                .xAxisTitle("platform").yAxisTitle("Loudness (LUFS)").build();
        style(c, range);
        for (String t : outcomes.tracks()) {
            List<Double> ys = new ArrayList<>();
            for (String id : ids) {
                ys.add(rows.stream().filter(o -> o.track().equals(t) && o.profileId().equals(id)).findFirst()
                        .map(o -> above(o.playbackLufs(), range[0])).orElse(null));
            }
            c.addSeries(t, ids, ys);
        }
        if (outcomes.tracks().size() > 3) {
            // long file names in one row run off the image: one per line instead
            c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        return c;
    }

    /**
     * The floor and top (LUFS) of a loudness chart: the floor is {@value #CHART_FLOOR_LUFS} or the next
     * 10 dB below the lowest value, the top the next 5 dB above the highest (at least 10 dB above the floor).
     */
    private static double[] chartRange(List<Double> values) {
        double[] span = Charts.finiteSpan(values);
        double lo = span[0];
        double hi = span[1];
        double floor = Double.isFinite(lo) ? Math.min(CHART_FLOOR_LUFS, 10 * Math.floor((lo - 1) / 10)) : CHART_FLOOR_LUFS;
        double top = Double.isFinite(hi) ? 5 * Math.ceil((hi + 1) / 5) : 0;
        return new double[] {floor, Math.max(top, floor + 10)};
    }

    private static Double above(double lufs, double floor) {
        return Charts.aboveFloor(lufs, floor);
    }

    private static void style(CategoryChart c, double[] range) {
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisLabelRotation(45);
        c.getStyler().setOverlapped(false);
        double floor = range[0];
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(range[1] - floor);
        c.getStyler().setyAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%.0f", v + floor));
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new java.awt.Color(232, 232, 232));
        c.getStyler().setLegendBorderColor(new java.awt.Color(220, 220, 220));
        c.getStyler().setSeriesColors(Charts.PALETTE);
    }

    /**
     * A plain-text table for a terminal: per track a heading with its loudness and true peak, then one
     * line per profile with reference, gain, playback loudness and true peak, difference, verdict and reasons.
     */
    public static String text(Outcomes outcomes) {
        StringBuilder b = new StringBuilder();
        for (String track : outcomes.tracks()) {
            List<Outcome> os = outcomes.of(track);
            Outcome first = os.get(0);
            b.append(String.format(Locale.ROOT, "%s: %s LUFS integrated, %s dBTP true peak%n", track,
                    text(first.integratedLufs(), Format.MISSING), text(first.truePeakDbtp(), Format.MISSING)));
            int w = Math.max(8, os.stream().mapToInt(o -> o.profileId().length()).max().orElse(8));
            boolean codec = os.stream().anyMatch(o -> !Double.isNaN(o.codecTruePeakDbtp()));
            String fmt = "  %-" + w + "s %8s %7s %9s %9s" + (codec ? " %9s" : "%s") + " %7s  %-7s %s%n";
            b.append(String.format(Locale.ROOT, fmt, "platform", "ref", "gain", "playback", "TP after",
                    codec ? "codec TP" : "", "Δ ref", "verdict", "reasons"));
            for (Outcome o : os) {
                b.append(String.format(Locale.ROOT, fmt, o.profileId(),
                        text(o.referenceLufs(), Format.MISSING), text(o.gainDb(), Format.MISSING), text(o.playbackLufs(), Format.MISSING),
                        text(o.playbackTruePeakDbtp(), Format.MISSING) + (o.limited() ? "L" : ""),
                        codec ? text(o.codecTruePeakDbtp(), Format.MISSING) : "", text(o.differenceLu(), Format.MISSING),
                        o.verdict().key(), o.reasonText()));
            }
        }
        return b.toString();
    }

}
