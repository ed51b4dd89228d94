package mw.view;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mw.WorkbenchException;
import mw.analysis.Analysis;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.platforms.Outcome;
import mw.platforms.Profile;
import mw.platforms.ProfileSet;
import mw.workflow.StudyFailure;
import mw.workflow.StudyListener;
import mw.workflow.StudyResult;
import mw.workflow.StudyTrack;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Writes a study as a folder: {@code index.html} (verdicts, tables, charts, streaming platforms first,
 * delivery specifications in their own panel), one page per track under {@code tracks/} with links back
 * (its charts embedded, so a page can be mailed on its own),
 * short listening excerpts under {@code audio/} at the level a platform plays them, PNG charts under
 * {@code charts/}, and the data as {@code tracks.csv}, {@code outcomes.csv}, {@code outcomes.md},
 * {@code outcomes.json} and {@code failed.csv}. Every file is written atomically and never over an input.
 *
 * <pre>{@code
 * StudyReport report = new StudyReport(Path.of("out/study"), files);
 * StudyResult s = Study.of(Path.of("sample-audio"), StudySettings.defaults(), report); // spectrograms as it goes
 * report.write(s);
 * }</pre>
 *
 * <p>As a {@link StudyListener} it renders each track's spectrogram while that track's full analysis is in
 * memory; everything else is drawn from the {@link StudyResult}.
 */
public final class StudyReport implements StudyListener {
    private static final String CSS = """
            body{max-width:1100px}
            table.mw-table{max-width:100%}table.mw-table td{overflow-wrap:anywhere}table.mw-table th{overflow-wrap:normal}
            .verdict{font-size:1.02em;margin:.4em 0 .8em;padding:.4em .7em;border-left:4px solid #0072b2;background:#f4f8fb}
            td.ok{background:#e3f6e3}td.warn{background:#fff4cc}td.fail{background:#fbdcdc}
            table.glance td{vertical-align:middle}table.glance audio{width:230px;height:32px}
            table.matrix td{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
            table.matrix td.track{text-align:left;white-space:normal}
            table.matrix th{font-size:.85em;font-weight:600}
            nav.crumbs{margin:.2em 0 1em;color:#555}nav.crumbs a{margin-right:.4em}
            details{margin:.6em 0}details>summary{cursor:pointer;color:#0a3d62;font-weight:600}
            .player audio{width:100%;max-width:520px}
            """;
    private final Path out;
    private final List<Path> inputs;
    private String playAs;

    /** A writer into {@code out} that never overwrites any of {@code inputs}. */
    public StudyReport(Path out, List<Path> inputs) {
        this.out = out;
        this.inputs = List.copyOf(inputs);
    }

    /**
     * The platform whose playback gain the listening excerpts carry (a streaming profile id of the study);
     * by default the first streaming platform that normalizes.
     */
    public StudyReport playAs(String profileId) {
        this.playAs = profileId;
        return this;
    }

    /** The page of a track, relative to the index: {@code tracks/track-001.html}. */
    public static String trackPage(StudyTrack t) {
        return String.format(Locale.ROOT, "tracks/track-%03d.html", t.number());
    }

    private static String stem(StudyTrack t) {
        return String.format(Locale.ROOT, "track-%03d", t.number());
    }

    @Override
    public void analysed(int index, int total, StudyTrack track, Analysis analysis) {
        if (analysis != null && analysis.spectrogram() != null) {
            png("charts/" + stem(track) + "-spectrogram.png", Views.spectrogramChart(analysis.spectrogram()));
        }
    }

    /** Writes every file of the study and returns the index page. */
    public Path write(StudyResult s) {
        Profile player = player(s);
        text("tracks.csv", Tables.toCsv(StudyView.dataTable(s)));
        text("outcomes.csv", Show.csv(s.outcomes()));
        text("outcomes.md", Show.markdown(s.outcomes()));
        text("outcomes.json", Show.json(s.outcomes()) + "\n");
        StringBuilder f = new StringBuilder("file,error\n");
        s.failed().forEach(x -> f.append(Tables.csvQuote(x.file().toString())).append(',')
                .append(Tables.csvQuote(x.message())).append('\n'));
        text("failed.csv", f.toString());
        for (var c : StudyView.charts(s).entrySet()) {
            png("charts/" + c.getKey() + ".png", c.getValue());
        }
        for (int i = 0; i < s.tracks().size(); i++) {
            StudyTrack t = s.tracks().get(i);
            if (player != null) {
                AudioBuffer a = s.excerpt(t, player.id());
                Audio.writeGuarded(a, out.resolve("audio/" + stem(t) + ".wav"), SampleFormat.PCM_16, inputs);
            }
            text(trackPage(t), trackHtml(s, i, player));
        }
        Path index = out.resolve("index.html");
        text("index.html", indexHtml(s, player));
        return index;
    }

    private Profile player(StudyResult s) {
        return playbackProfile(s.settings().profiles(), playAs);
    }

    /**
     * The profile whose gain the excerpts carry: {@code id} when it names a streaming platform of the set,
     * the first streaming platform that normalizes when {@code id} is null (null when there is none).
     *
     * @throws WorkbenchException when {@code id} is not in the set or is not a streaming platform
     */
    public static Profile playbackProfile(ProfileSet set, String id) {
        if (id != null) {
            Profile p = set.get(id);
            if (p.kind() != Profile.Kind.STREAMING) {
                throw new WorkbenchException("--play-as " + id + " is a " + p.kind().key().replace('_', ' ')
                        + " profile; give a streaming platform: " + String.join(", ", set.profiles().stream()
                        .filter(q -> q.kind() == Profile.Kind.STREAMING).map(Profile::id).toList()));
            }
            return p;
        }
        return set.profiles().stream().filter(p -> p.kind() == Profile.Kind.STREAMING && p.normalizes()).findFirst()
                .orElse(null);
    }

    // ------------------------------------------------------------------ index

    private String indexHtml(StudyResult s, Profile player) {
        ProfileSet set = s.settings().profiles();
        HtmlReport r = HtmlReport.titled("Study of " + s.source()).style(CSS).printable();
        r.paragraph(String.format(Locale.ROOT, "%d tracks analysed, %d failed. Judged against %d streaming platforms%s;"
                        + " profile set: %s%s.", s.tracks().size(), s.failed().size(), count(set, true),
                count(set, false) > 0 ? " (delivery specifications in their own panel)" : "", set.name(),
                s.settings().album() ? "; tracks treated as one album" : ""));
        StringBuilder nav = new StringBuilder("<nav><h2>Index</h2><ol>"
                + "<li><a href=\"#verdicts\">At a glance</a></li><li><a href=\"#tracks\">Tracks</a></li>"
                + "<li><a href=\"#matrix\">Streaming platforms</a></li><li><a href=\"#charts\">Charts</a></li>"
                + "<li><a href=\"#details\">Per track</a><ol>");
        for (StudyTrack t : s.tracks()) {
            nav.append("<li><a href=\"#track-").append(t.number()).append("\">").append(esc(t.name())).append("</a> (<a href=\"")
                    .append(trackPage(t)).append("\">page</a>)</li>");
        }
        nav.append("</ol></li><li><a href=\"#specs\">Delivery specifications</a></li><li><a href=\"#failed\">Failed files</a> (")
                .append(s.failed().size()).append(")</li><li><a href=\"#profiles\">Profiles and sources</a></li>"
                        + "<li><a href=\"#files\">Data files</a></li></ol></nav>");
        r.html(nav.toString());

        r.heading("At a glance", "verdicts");
        if (player != null) {
            r.note("Each excerpt: " + Format.number(s.settings().excerptSeconds(), 0) + " s around the track's loudest passage,"
                    + " at the gain " + StudyView.label(player, set) + " applies, so the players compare the tracks as its"
                    + " listeners hear them.");
        }
        StringBuilder g = new StringBuilder("<table class=\"mw-table glance\"><thead><tr><th>#</th><th>Track</th><th>Verdict</th>"
                + (player != null ? "<th>Listen (as " + esc(StudyView.label(player, set)) + " plays it)</th>" : "")
                + "</tr></thead><tbody>\n");
        for (StudyTrack t : s.tracks()) {
            g.append("<tr><td class=\"num\">").append(t.number()).append("</td><td><a href=\"").append(trackPage(t)).append("\">")
                    .append(esc(t.name())).append("</a></td><td>").append(esc(StudyView.verdict(s, t))).append("</td>");
            if (player != null) {
                g.append("<td><audio controls preload=\"none\" src=\"audio/").append(stem(t)).append(".wav\"></audio></td>");
            }
            g.append("</tr>\n");
        }
        r.html(g.append("</tbody></table>").toString());

        r.heading("Tracks", "tracks").table(StudyView.tracksTable(s));
        StringBuilder m = new StringBuilder("<details><summary>All measurements</summary>\n");
        for (Table t : StudyView.measurementTables(s).values()) {
            m.append(Tables.toHtml(t));
        }
        r.html(m.append("</details>").toString());

        r.heading("Streaming platforms", "matrix");
        r.note("Each cell: loudness as the platform plays the track (LUFS) and, below, the gain it applies (dB);"
                + " ✓ plays as intended, ! deserves attention, ✗ clips. Hover a cell for the reasons.");
        r.html(matrix(s, set.profiles().stream().filter(p -> p.kind() == Profile.Kind.STREAMING).toList(), true));

        r.heading("Charts", "charts");
        for (String c : StudyView.charts(s).keySet()) {
            r.image("charts/" + c + ".png", caption(c), c.equals("loudness") ? StudyView.targetCaption(set) : null);
        }

        r.heading("Per track", "details");
        for (StudyTrack t : s.tracks()) {
            r.html("<h3 id=\"track-" + t.number() + "\">" + t.number() + ". " + esc(t.name()) + "</h3>");
            r.html("<p class=\"verdict\">" + esc(StudyView.verdict(s, t)) + "</p>");
            r.html("<p><a href=\"" + trackPage(t) + "\">Track page: loudness and true peak over time, every platform,"
                    + " QC, spectrum, dynamics, stereo</a></p>");
            if (!s.streaming(t).isEmpty()) {
                String chart = "charts/" + stem(t) + ".png";
                png(chart, StudyView.trackPlaybackChart(s, t));
                r.image(chart, "where each platform plays " + t.name(), null);
            }
        }

        r.heading("Delivery specifications", "specs");
        List<Profile> specs = set.profiles().stream().filter(p -> p.kind() != Profile.Kind.STREAMING).toList();
        if (specs.isEmpty()) {
            r.paragraph("None in the profile set.");
        } else {
            r.html("<details><summary>Broadcast, film, game and podcast specifications (" + specs.size()
                    + "): they matter only when the track is delivered there</summary>"
                    + "<p class=\"note\">Each cell: the master's loudness (LUFS); nothing is applied. ✓ meets the"
                    + " specification, ✗ fails it: hover for the reasons.</p>" + matrix(s, specs, false) + "</details>");
        }

        r.heading("Failed files", "failed");
        if (s.failed().isEmpty()) {
            r.paragraph("None.");
        } else {
            Tables.Builder fb = Tables.builder("Files that could not be analysed").columns("File", "Error");
            for (StudyFailure x : s.failed()) {
                fb.row(x.file().toString(), x.message());
            }
            r.table(fb.build());
        }

        r.heading("Profiles and sources", "profiles");
        r.paragraph(set.description());
        StringBuilder ps = new StringBuilder("<details><summary>Every profile with its figures and sources</summary>"
                + "<table class=\"mw-table\"><thead><tr><th>Profile</th><th>Kind</th><th>Reference (LUFS)</th>"
                + "<th>Normalization</th><th>True peak max (dBTP)</th><th>Sources</th></tr></thead><tbody>\n");
        for (Profile p : set.profiles()) {
            ps.append("<tr><td>").append(esc(p.name())).append(" <code>").append(esc(p.id())).append("</code></td><td>")
                    .append(p.kind().key().replace('_', ' ')).append("</td><td class=\"num\">").append(Format.number(p.referenceLufs(), 1))
                    .append("</td><td>").append(p.normalization().key().replace('_', ' ')).append("</td><td class=\"num\">")
                    .append(Format.number(p.truePeakMaxDbtp(), 1)).append("</td><td>");
            for (Profile.Source src : p.sources()) {
                ps.append("[").append(src.confidence().key()).append("] <a href=\"").append(esc(src.url())).append("\">")
                        .append(esc(src.title())).append("</a> (").append(esc(src.published())).append(", checked ")
                        .append(esc(src.checked())).append("): ").append(esc(String.join(", ", src.figures()))).append("<br>");
            }
            ps.append("</td></tr>\n");
        }
        r.html(ps.append("</tbody></table></details>").toString());

        r.heading("Data files", "files");
        StringBuilder files = new StringBuilder("<ul>");
        for (String name : List.of("tracks.csv", "outcomes.csv", "outcomes.md", "outcomes.json", "failed.csv")) {
            files.append("<li><a href=\"").append(name).append("\">").append(name).append("</a></li>");
        }
        r.html(files.append("</ul>").toString());
        return r.toHtml();
    }

    private static long count(ProfileSet set, boolean streaming) {
        return set.profiles().stream().filter(p -> (p.kind() == Profile.Kind.STREAMING) == streaming).count();
    }

    private static String caption(String chart) {
        return switch (chart) {
            case "loudness" -> "Integrated loudness per track";
            case "playback" -> "Playback loudness per streaming platform";
            case "spectrum" -> "Tonal balance per track";
            default -> chart;
        };
    }

    /** Tracks (rows) by profiles (columns): loudness as played (streaming) or as delivered (specifications). */
    private static String matrix(StudyResult s, List<Profile> profiles, boolean streaming) {
        ProfileSet set = s.settings().profiles();
        StringBuilder h = new StringBuilder("<table class=\"mw-table matrix\"><thead><tr><th>Track</th>");
        for (Profile p : profiles) {
            h.append("<th title=\"").append(esc(p.name())).append("\">").append(esc(streaming ? StudyView.label(p, set) : p.id()))
                    .append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (StudyTrack t : s.tracks()) {
            h.append("<tr><td class=\"track\"><a href=\"#track-").append(t.number()).append("\">").append(t.number()).append(". ")
                    .append(esc(t.name())).append("</a></td>");
            for (Profile p : profiles) {
                Outcome o = s.outcomes().get(t.name(), p.id());
                String mark = switch (o.verdict()) {
                    case OK -> "✓";
                    case WARN -> "!";
                    case FAIL -> "✗";
                };
                h.append("<td class=\"").append(o.verdict().key()).append("\" title=\"").append(esc(o.reasonText())).append("\">")
                        .append(Format.number(o.playbackLufs(), 1)).append(' ').append(mark);
                if (streaming) {
                    h.append("<br><small>").append(o.gainDb() > 0.05 ? "+" : "").append(Format.number(o.gainDb(), 1))
                            .append(" dB</small>");
                } else if (Double.isFinite(o.differenceLu())) {
                    h.append("<br><small>").append(o.differenceLu() > 0.05 ? "+" : "").append(Format.number(o.differenceLu(), 1))
                            .append(" LU</small>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</tbody></table>").toString();
    }

    // ------------------------------------------------------------------ track pages

    private String trackHtml(StudyResult s, int i, Profile player) {
        StudyTrack t = s.tracks().get(i);
        ProfileSet set = s.settings().profiles();
        double ceiling = s.settings().truePeakCeilingDbtp();
        String stem = stem(t);
        HtmlReport r = HtmlReport.titled(t.number() + ". " + t.name()).style(CSS).printable();
        StringBuilder nav = new StringBuilder("<nav class=\"crumbs\"><a href=\"../index.html#track-" + t.number()
                + "\">↑ Study index</a>");
        if (i > 0) {
            StudyTrack p = s.tracks().get(i - 1);
            nav.append(" · <a href=\"").append(stem(p)).append(".html\">← ").append(esc(p.name())).append("</a>");
        }
        if (i + 1 < s.tracks().size()) {
            StudyTrack n = s.tracks().get(i + 1);
            nav.append(" · <a href=\"").append(stem(n)).append(".html\">").append(esc(n.name())).append(" →</a>");
        }
        r.html(nav.append("</nav>").toString());
        r.html("<p class=\"verdict\">" + esc(StudyView.verdict(s, t)) + "</p>");
        if (player != null) {
            Outcome o = s.outcomes().get(t.name(), player.id());
            r.html("<figure class=\"player\"><audio controls preload=\"none\" src=\"../audio/" + stem + ".wav\"></audio>"
                    + "<figcaption>" + esc(Format.number(s.settings().excerptSeconds(), 0) + " s from "
                    + StudyView.clock(t.excerptStartSeconds(), Math.max(60, t.loudness().durationSeconds()))
                    + " (the loudest passage), as " + StudyView.label(player, set) + " plays it: gain "
                    + Format.number(o.gainDb(), 1) + " dB") + "</figcaption></figure>");
        }
        r.table(StudyView.trackTable(t));
        if (!t.notes().isEmpty()) {
            r.note(String.join("; ", t.notes()));
        }

        r.heading("Streaming platforms", "streaming");
        if (!s.streaming(t).isEmpty()) {
            r.chart(StudyView.trackPlaybackChart(s, t));
            r.table(keyColumns(StudyView.streamingTable(s, t), 6));
            r.html("<details><summary>Why: every platform's reasons</summary>" + Tables.toHtml(reasons(StudyView.streamingTable(s, t)))
                    + "</details>");
        }

        if (t.loudnessSeries() != null && t.loudnessSeries().size() > 0) {
            r.heading("Loudness over time", "loudness");
            r.chart(StudyView.loudnessHistoryChart(s, t), StudyView.targetCaption(set));
        }

        r.heading("True peak over time", "true-peak");
        r.chart(StudyView.truePeakChart(t, ceiling));
        Table overs = StudyView.oversTable(t, ceiling);
        if (overs.rowCount() == 0) {
            r.paragraph("The true peak stays at or below " + Format.number(ceiling, 1) + " dBTP throughout.");
        } else {
            r.paragraph(overs.rowCount() + " stretch" + (overs.rowCount() == 1 ? "" : "es") + " above " + Format.number(ceiling, 1)
                    + " dBTP: lossy encoders (AAC, Ogg Vorbis, Opus, MP3) add peaks of about 1 dB, so these may clip after encoding.");
            r.html(Tables.toHtml(overs, 20, 20, true));
        }

        r.heading("Delivery QC", "qc").table(StudyView.qcTable(t));
        if (!s.specifications(t).isEmpty()) {
            r.html("<details><summary>Delivery specifications: broadcast, film, games, podcasts ("
                    + s.specifications(t).size() + ")</summary>" + Tables.toHtml(StudyView.specificationsTable(s, t)) + "</details>");
        }

        if (t.dynamics() != null) {
            r.heading("Dynamics", "dynamics").table(Views.dynamicsTable(t.dynamics()))
                    .note("DR: Dynamic Range Meter algorithm (3 s blocks, loudest 20 %, second-highest peak); "
                            + "PLR = true peak - integrated loudness; PSR = true peak - maximum short-term loudness.");
            image(r, stem + "-crest", Views.crestChart(t.dynamics()));
            image(r, stem + "-dynamics-histogram", Views.dynamicsHistogramChart(t.dynamics()));
        }
        if (t.ltas() != null) {
            r.heading("Spectrum", "spectrum");
            image(r, stem + "-spectrum", Views.ltasChart(t.ltas()));
            Path spectrogram = out.resolve("charts/" + stem + "-spectrogram.png");
            if (java.nio.file.Files.exists(spectrogram)) {
                try {
                    r.png(java.nio.file.Files.readAllBytes(spectrogram), "spectrogram of " + t.name(), null);
                } catch (java.io.IOException e) {
                    throw new WorkbenchException(spectrogram, "cannot be read back: " + e.getMessage(), e);
                }
            }
            r.html("<details><summary>Band levels</summary>" + Tables.toHtml(Views.bandTable(t.ltas())) + "</details>");
        }
        if (t.features() != null) {
            r.heading("Features", "features");
            r.html("<details open><summary>Spectral features of the mono mix</summary>"
                    + Tables.toHtml(Views.featureTable(List.of(t.features()))) + Tables.toHtml(Views.timbreTable(List.of(t.features())))
                    + "<p class=\"note\">librosa definitions and defaults (n_fft 2048, hop 512, Hann, centred); means over frames.</p>"
                    + "</details>");
        }
        if (t.stereo() != null) {
            r.heading("Stereo", "stereo").table(Views.stereoTable(t.stereo()));
            image(r, stem + "-correlation", Views.correlationChart(t.stereo()));
            image(r, stem + "-goniometer", Views.goniometerChart(t.stereo()));
            image(r, stem + "-width", Views.widthChart(t.stereo()));
            r.html("<details><summary>Stereo per band</summary>" + Tables.toHtml(Views.stereoBandTable(t.stereo())) + "</details>");
        }
        r.html("<p class=\"no-print\"><a href=\"../index.html\">↑ Back to the study index</a></p>");
        return r.toHtml();
    }

    private void image(HtmlReport r, String name, Chart<?, ?> chart) {
        r.chart(chart);
    }

    /** The first {@code n} columns of a table (the key ones), under its own name. */
    private static Table keyColumns(Table t, int n) {
        Table k = t.selectColumns(t.columnNames().subList(0, Math.min(n, t.columnCount())).toArray(String[]::new));
        k.setName(t.name());
        return k;
    }

    private static Table reasons(Table t) {
        Table k = t.selectColumns(t.columnNames().get(0), "Why");
        k.setName("Reasons");
        return k;
    }

    // ------------------------------------------------------------------ files

    private void text(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Audio.atomicWrite(out.resolve(name), inputs, o -> o.write(bytes));
    }

    private void png(String name, Chart<?, ?> chart) {
        byte[] bytes = Charts.png(chart);
        Audio.atomicWrite(out.resolve(name), inputs, o -> o.write(bytes));
    }

    private static String esc(String s) {
        return HtmlReport.escape(s);
    }

    @Override
    public String toString() {
        return "StudyReport[" + out + "]";
    }

    /** The names of the files a study writes besides the pages and charts, for documentation. */
    static List<String> dataFiles() {
        return new ArrayList<>(List.of("tracks.csv", "outcomes.csv", "outcomes.md", "outcomes.json", "failed.csv"));
    }
}
