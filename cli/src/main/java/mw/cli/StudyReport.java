package mw.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mw.analysis.Band;
import mw.analysis.Bands;
import mw.io.Audio;
import mw.view.OutcomesView;
import mw.view.Show;
import mw.view.Views;
import mw.platforms.Outcome;
import mw.platforms.Outcomes;
import mw.platforms.Profile;
import mw.platforms.ProfileSet;
import mw.platforms.QcCheck;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes a study's outputs: {@code index.html} (one page with an index), {@code tracks.csv},
 * {@code outcomes.csv}, {@code outcomes.md}, {@code outcomes.json}, {@code failed.csv} and PNG charts
 * under {@code charts/}. Every file is written atomically; input files are never overwritten.
 */
final class StudyReport {
    private final Path source;
    private final Path out;
    private final List<Path> inputs;
    private final List<StudyCommand.TrackResult> tracks;
    private final List<StudyCommand.Failure> failed;
    private final Outcomes outcomes;
    private final ProfileSet profiles;
    private final boolean album;

    StudyReport(Path source, Path out, List<Path> inputs, List<StudyCommand.TrackResult> tracks,
                List<StudyCommand.Failure> failed, Outcomes outcomes, ProfileSet profiles, boolean album) {
        this.source = source;
        this.out = out;
        this.inputs = inputs;
        this.tracks = tracks;
        this.failed = failed;
        this.outcomes = outcomes;
        this.profiles = profiles;
        this.album = album;
    }

    void write() {
        text("tracks.csv", tracksCsv());
        text("outcomes.csv", Show.csv(outcomes));
        text("outcomes.md", Show.markdown(outcomes));
        text("outcomes.json", Show.json(outcomes) + "\n");
        StringBuilder f = new StringBuilder("file,error\n");
        failed.forEach(x -> f.append(csv(x.file().toString())).append(',').append(csv(x.message())).append('\n'));
        text("failed.csv", f.toString());
        List<String> charts = new ArrayList<>();
        if (!tracks.isEmpty()) {
            png("charts/loudness.png", loudnessChart());
            charts.add("charts/loudness.png");
            if (outcomes.rows().stream().anyMatch(o -> o.kind() == Profile.Kind.STREAMING)) {
                png("charts/playback.png", OutcomesView.chart(outcomes));
                charts.add("charts/playback.png");
            }
            if (tracks.stream().anyMatch(t -> t.spectrumDb() != null)) {
                pngXy("charts/spectrum.png", spectrumChart());
                charts.add("charts/spectrum.png");
            }
        }
        text("index.html", html(charts));
    }

    private void text(String name, String content) {
        Audio.atomicWrite(out.resolve(name), inputs, o -> o.write(StudyCommand.utf8(content)));
    }

    private void png(String name, CategoryChart chart) {
        Audio.atomicWrite(out.resolve(name), inputs, o -> o.write(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
    }

    private void pngXy(String name, XYChart chart) {
        Audio.atomicWrite(out.resolve(name), inputs, o -> o.write(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
    }

    /** One-third-octave spectrum of each track (mid or mono), relative to its integrated loudness. */
    private XYChart spectrumChart() {
        XYChart c = new XYChartBuilder().width(1000).height(450)
                .title("Tonal balance: 1/3-octave band level relative to integrated loudness (mid signal)")
                .xAxisTitle("Hz").yAxisTitle("dB re integrated loudness").build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        c.getStyler().setYAxisDecimalPattern("0");
        c.getStyler().setXAxisDecimalPattern("0");
        List<Band> bands = Bands.thirdOctaves();
        for (StudyCommand.TrackResult t : tracks) {
            if (t.spectrumDb() == null) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < bands.size() && i < t.spectrumDb().length; i++) {
                double v = t.spectrumDb()[i];
                if (Double.isFinite(v)) {
                    xs.add(bands.get(i).centreHz());
                    ys.add(v);
                }
            }
            if (!xs.isEmpty()) {
                c.addSeries(t.file().getFileName().toString(), xs, ys).setMarker(SeriesMarkers.NONE);
            }
        }
        return c;
    }

    private String trackChart(int index, String track) {
        String name = String.format(Locale.ROOT, "charts/track-%03d.png", index + 1);
        png(name, OutcomesView.chart(outcomes, track));
        return name;
    }

    /** Writes the full analysis page of one track. */
    static void writePage(Path file, List<Path> inputs, mw.analysis.Analysis a) {
        String html = Views.report(a).toHtml();
        Audio.atomicWrite(file, inputs, o -> o.write(StudyCommand.utf8(html)));
    }

    static String trackPage(int index) {
        return String.format(Locale.ROOT, "tracks/track-%03d.html", index + 1);
    }

    private String tracksCsv() {
        StringBuilder b = new StringBuilder();
        List<String> header = tracks.isEmpty() ? List.of("file") : List.copyOf(tracks.get(0).columns().keySet());
        b.append(String.join(",", header)).append('\n');
        for (StudyCommand.TrackResult t : tracks) {
            List<String> cells = new ArrayList<>();
            for (String h : header) {
                cells.add(csv(t.columns().getOrDefault(h, "")));
            }
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    /**
     * Integrated and maximum short-term loudness per track, in LUFS only (true peak has its own column in
     * the tables: dBTP and LUFS are not drawn on one axis). Bars rise from a floor below the quietest
     * value, as a level meter does, rather than hanging down from 0.
     */
    private CategoryChart loudnessChart() {
        CategoryChart c = new CategoryChartBuilder().width(1000).height(420).title("Loudness per track")
                .xAxisTitle("track").yAxisTitle("LUFS").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setXAxisLabelRotation(45);
        List<String> names = tracks.stream().map(t -> t.file().getFileName().toString()).toList();
        double lo = tracks.stream().mapToDouble(t -> t.loudness().integratedLufs()).filter(Double::isFinite)
                .min().orElse(-40);
        double hi = tracks.stream().mapToDouble(t -> t.loudness().shortTermMaxLufs()).filter(Double::isFinite)
                .max().orElse(0);
        double floor = Math.min(-40, 10 * Math.floor((lo - 1) / 10));
        double top = Math.max(floor + 10, 5 * Math.ceil((hi + 1) / 5));
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(top - floor);
        c.getStyler().setyAxisTickLabelsFormattingFunction(v -> String.format(java.util.Locale.ROOT, "%.0f", v + floor));
        c.addSeries("integrated (LUFS)", names, tracks.stream().map(t -> above(t.loudness().integratedLufs(), floor)).toList());
        c.addSeries("short-term max (LUFS)", names, tracks.stream().map(t -> above(t.loudness().shortTermMaxLufs(), floor)).toList());
        return c;
    }

    private static Double above(double lufs, double floor) {
        Double v = finite(lufs);
        return v == null ? null : v - floor;
    }

    private static Double finite(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
    }

    private String html(List<String> charts) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>Study of ").append(esc(source.toString()))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1400px}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 6px;font-size:13px}"
                        + "th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}"
                        + ".ok{background:#e3f6e3}.warn{background:#fff4cc}.fail{background:#fbdcdc}"
                        + "img{max-width:100%}nav li{margin:2px 0}</style></head><body>\n");
        h.append("<h1>Study of ").append(esc(source.toString())).append("</h1>\n");
        h.append(String.format(Locale.ROOT, "<p>%d tracks analysed, %d failed. Profile set: %s (%d profiles)%s.</p>%n",
                tracks.size(), failed.size(), esc(profiles.name()), profiles.size(),
                album ? "; tracks treated as one album" : ""));
        h.append("<nav><h2>Index</h2><ol>"
                + "<li><a href=\"#tracks\">Tracks</a></li>"
                + "<li><a href=\"#matrix\">Platform outcomes at a glance</a></li>"
                + "<li><a href=\"#charts\">Charts</a></li>"
                + "<li><a href=\"#details\">Outcomes per track</a><ol>");
        for (int i = 0; i < tracks.size(); i++) {
            h.append("<li><a href=\"#track-").append(i + 1).append("\">").append(esc(name(i))).append("</a></li>");
        }
        h.append("</ol></li><li><a href=\"#failed\">Failed files</a> (").append(failed.size()).append(")</li>"
                + "<li><a href=\"#profiles\">Profiles and sources</a></li>"
                + "<li><a href=\"#files\">Data files</a></li></ol></nav>\n");

        h.append("<h2 id=tracks>Tracks</h2>\n<table><tr>");
        List<String> header = tracks.isEmpty() ? List.of() : List.copyOf(tracks.get(0).columns().keySet());
        header.forEach(k -> h.append("<th>").append(esc(k)).append("</th>"));
        h.append("</tr>\n");
        for (StudyCommand.TrackResult t : tracks) {
            h.append("<tr>");
            for (String k : header) {
                String v = t.columns().getOrDefault(k, "");
                if (k.equals("analysis_page") && !v.isEmpty()) {
                    h.append("<td><a href=\"").append(esc(v)).append("\">analysis</a></td>");
                    continue;
                }
                h.append(v.matches("[-+]?[0-9.]+|-?inf") ? "<td class=n>" : "<td>").append(esc(v)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2 id=matrix>Platform outcomes at a glance</h2>\n<p>Each cell: playback loudness (LUFS) and verdict;"
                + " hover for the reasons. Delivery specifications apply no gain: the cell shows the master's loudness.</p>\n<table><tr><th>track</th>");
        List<Profile> ps = profiles.profiles();
        ps.forEach(p -> h.append("<th title=\"").append(esc(p.name())).append("\">").append(esc(p.id())).append("</th>"));
        h.append("</tr>\n");
        for (int i = 0; i < tracks.size(); i++) {
            String track = name(i);
            h.append("<tr><td><a href=\"#track-").append(i + 1).append("\">").append(esc(track)).append("</a></td>");
            for (Profile p : ps) {
                Outcome o = outcomes.get(track, p.id());
                h.append("<td class=\"n ").append(o.verdict().key()).append("\" title=\"").append(esc(o.reasonText()))
                        .append("\">").append(StudyCommand.num(o.playbackLufs(), 1)).append(o.limited() ? " L" : "")
                        .append(" ").append(o.verdict().key()).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2 id=charts>Charts</h2>\n");
        for (String c : charts) {
            h.append("<p><img src=\"").append(c).append("\" alt=\"").append(esc(c)).append("\"></p>\n");
        }

        h.append("<h2 id=details>Outcomes per track</h2>\n");
        for (int i = 0; i < tracks.size(); i++) {
            String track = name(i);
            StudyCommand.TrackResult t = tracks.get(i);
            h.append("<h3 id=\"track-").append(i + 1).append("\">").append(esc(track)).append("</h3>\n");
            if (!t.columns().getOrDefault("analysis_page", "").isEmpty()) {
                h.append("<p><a href=\"").append(t.columns().get("analysis_page")).append("\">Full analysis: spectrum, spectrogram, dynamics,"
                        + " stereo, features</a></p>\n");
            }
            h.append(String.format(Locale.ROOT, "<p>%s, %s, %d Hz, %d channels, %s s. Integrated %s LUFS, LRA %s LU,"
                            + " true peak %s dBTP, PLR %s dB.%s</p>%n", esc(t.info().container()), esc(t.info().codec()),
                    t.info().sampleRate(), t.info().channels(), t.columns().get("duration_s"),
                    t.columns().get("integrated_lufs"), t.columns().get("loudness_range_lu"),
                    t.columns().get("true_peak_dbtp"), t.columns().get("plr_db"),
                    t.loudness().notes() == null || t.loudness().notes().isEmpty() ? "" : " " + esc(t.loudness().notes())));
            if (outcomes.of(track).stream().anyMatch(o -> o.kind() == Profile.Kind.STREAMING)) {
                h.append("<p><img src=\"").append(trackChart(i, track)).append("\" alt=\"playback loudness of ")
                        .append(esc(track)).append("\"></p>\n");
            }
            h.append("<table><tr><th>platform</th><th>kind</th><th>ref (LUFS)</th><th>gain (dB)</th><th>playback (LUFS)</th>"
                    + "<th>TP after (dBTP)</th><th>limiter</th><th>Δ ref (LU)</th><th>TP headroom (dB)</th><th>verdict</th><th>reasons</th></tr>\n");
            for (Outcome o : outcomes.of(track)) {
                h.append("<tr class=").append(o.verdict().key()).append("><td>").append(esc(o.profileId())).append("</td><td>")
                        .append(o.kind().key()).append("</td>")
                        .append(numCell(o.referenceLufs())).append(numCell(o.gainDb())).append(numCell(o.playbackLufs()))
                        .append(numCell(o.playbackTruePeakDbtp())).append("<td>").append(o.limited() ? "acts" : "").append("</td>")
                        .append(numCell(o.differenceLu())).append(numCell(o.headroomDb()))
                        .append("<td>").append(o.verdict().key()).append("</td><td>").append(esc(o.reasonText())).append("</td></tr>\n");
            }
            h.append("</table>\n");
            h.append("<p>Delivery QC (music defaults, true peak ≤ -1 dBTP): <b>").append(t.qc().result()).append("</b></p>\n")
                    .append("<table><tr><th>check</th><th>result</th><th>measured</th><th>limit</th><th>detail</th></tr>\n");
            for (QcCheck q : t.qc().checks()) {
                h.append("<tr class=").append(q.passed() ? "ok" : "fail").append("><td>").append(esc(q.name())).append("</td><td>")
                        .append(q.result()).append("</td><td>").append(esc(q.measured())).append("</td><td>").append(esc(q.limit()))
                        .append("</td><td>").append(esc(q.detail())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2 id=failed>Failed files</h2>\n");
        if (failed.isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table><tr><th>file</th><th>error</th></tr>\n");
            failed.forEach(x -> h.append("<tr class=fail><td>").append(esc(x.file().toString())).append("</td><td>")
                    .append(esc(x.message())).append("</td></tr>\n"));
            h.append("</table>\n");
        }

        h.append("<h2 id=profiles>Profiles and sources</h2>\n<p>").append(esc(profiles.description()))
                .append("</p>\n<table><tr><th>id</th><th>name</th><th>kind</th><th>reference</th><th>normalization</th>"
                        + "<th>TP max</th><th>sources</th></tr>\n");
        for (Profile p : ps) {
            h.append("<tr><td>").append(esc(p.id())).append("</td><td>").append(esc(p.name())).append("</td><td>")
                    .append(p.kind().key()).append("</td>").append(numCell(p.referenceLufs())).append("<td>")
                    .append(p.normalization().key()).append("</td>").append(numCell(p.truePeakMaxDbtp())).append("<td>");
            for (Profile.Source s : p.sources()) {
                h.append("[").append(s.confidence().key()).append("] <a href=\"").append(esc(s.url())).append("\">")
                        .append(esc(s.title())).append("</a> (").append(esc(s.published())).append(", checked ")
                        .append(esc(s.checked())).append("): ").append(esc(String.join(", ", s.figures()))).append("<br>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2 id=files>Data files</h2>\n<ul>");
        for (String f : List.of("tracks.csv", "outcomes.csv", "outcomes.md", "outcomes.json", "failed.csv")) {
            h.append("<li><a href=\"").append(f).append("\">").append(f).append("</a></li>");
        }
        h.append("</ul>\n</body></html>\n");
        return h.toString();
    }

    private String name(int i) {
        return tracks.get(i).file().getFileName().toString();
    }

    private static String numCell(double d) {
        return "<td class=n>" + StudyCommand.num(d, 2) + "</td>";
    }

    static String esc(String s) {
        return mw.view.HtmlReport.escape(s);
    }

    static String csv(String s) {
        return mw.view.Tables.csvQuote(s);
    }

}
