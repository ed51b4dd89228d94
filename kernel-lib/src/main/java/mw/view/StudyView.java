package mw.view;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import mw.loudness.TruePeakSeries;
import mw.platforms.Outcome;
import mw.platforms.Profile;
import mw.platforms.ProfileSet;
import mw.platforms.QcCheck;
import mw.workflow.StudyResult;
import mw.workflow.StudyTrack;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * How a study is shown: tables with units in their headers, a one-line verdict per track built from its
 * outcomes, and charts in which each track keeps one colour and marker everywhere. Streaming platforms come
 * first (what listeners get); delivery specifications (broadcast, film, games, podcasts) are tables of their
 * own. {@link StudyReport} writes the HTML pages from these.
 */
public final class StudyView {
    /** Track colours: the Okabe-Ito palette without its yellow, which does not read as a dot on white. */
    static final Color[] TRACK_COLOURS = {
        Charts.PALETTE[0], Charts.PALETTE[1], Charts.PALETTE[2], Charts.PALETTE[3], Charts.PALETTE[4],
        Charts.PALETTE[5], Charts.PALETTE[7]};
    private static final Marker[] TRACK_MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};
    private static final Color GREY = new Color(150, 150, 150);
    private static final Color TARGET = new Color(120, 120, 120);
    private static final Color OVER = new Color(200, 30, 30);

    private StudyView() {
    }

    /** An open circle: a second figure of the same track beside its dot. */
    static final Marker RING = new Marker() {
        @Override
        public void paint(java.awt.Graphics2D g, double x, double y, int size) {
            java.awt.Stroke old = g.getStroke();
            g.setStroke(new BasicStroke(2f));
            double d = size * 1.1;
            g.draw(new java.awt.geom.Ellipse2D.Double(x - d / 2, y - d / 2, d, d));
            g.setStroke(old);
        }
    };

    /** A short horizontal bar, wider than a dot: a reference level a dot can sit on and still show it. */
    static final Marker DASH = new Marker() {
        @Override
        public void paint(java.awt.Graphics2D g, double x, double y, int size) {
            java.awt.Stroke old = g.getStroke();
            g.setStroke(new BasicStroke(3f));
            double w = size * 1.4;
            g.draw(new java.awt.geom.Line2D.Double(x - w, y, x + w, y));
            g.setStroke(old);
        }
    };

    /** The presenter {@link Show} uses for a study: the tracks table, the streaming outcomes, the charts. */
    static final Presenter<StudyResult> RESULT = new Presenter<>() {
        @Override
        public Map<String, Table> tables(StudyResult s) {
            Map<String, Table> m = new LinkedHashMap<>();
            m.put("Tracks", tracksTable(s));
            m.putAll(measurementTables(s));
            m.put("Streaming platforms", streamingMatrix(s));
            return m;
        }

        @Override
        public Map<String, Chart<?, ?>> charts(StudyResult s) {
            return StudyView.charts(s);
        }

        @Override
        public String csv(StudyResult s) {
            return Tables.toCsv(dataTable(s));
        }

        @Override
        public String text(StudyResult s) {
            StringBuilder b = new StringBuilder(Tables.toText(tracksTable(s)));
            for (StudyTrack t : s.tracks()) {
                b.append(t.name()).append(": ").append(verdict(s, t)).append('\n');
            }
            return b.toString();
        }
    };

    /** The presenter {@link Show} uses for one track: its measurements and QC (its outcomes belong to the study). */
    static final Presenter<StudyTrack> TRACK = new Presenter<>() {
        @Override
        public Map<String, Table> tables(StudyTrack t) {
            Map<String, Table> m = new LinkedHashMap<>();
            m.put("Track", trackTable(t));
            m.put("QC", qcTable(t));
            return m;
        }

        @Override
        public Map<String, Chart<?, ?>> charts(StudyTrack t) {
            Map<String, Chart<?, ?>> m = new LinkedHashMap<>();
            if (t.loudnessSeries() != null && t.loudnessSeries().size() > 0) {
                m.put("Loudness over time", Views.loudnessChart(t.loudnessSeries(), t.loudness()));
            }
            m.put("True peak over time", truePeakChart(t, mw.workflow.StudySettings.DEFAULT_CEILING_DBTP));
            return m;
        }
    };

    // ------------------------------------------------------------------ names

    /** The colour of the track at {@code index} (from 0) in every chart of a study. */
    public static Color colour(int index) {
        return TRACK_COLOURS[index % TRACK_COLOURS.length];
    }

    static Marker marker(int index) {
        return TRACK_MARKERS[(index / TRACK_COLOURS.length) % TRACK_MARKERS.length];
    }

    /**
     * A short name for a platform: its name up to the first comma or parenthesis ("Apple Music"), with the
     * first word after the comma when two profiles of the set would read the same ("Spotify Loud").
     */
    public static String label(Profile p, ProfileSet set) {
        String base = base(p.name());
        long same = set.profiles().stream().filter(q -> base(q.name()).equals(base)).count();
        if (same > 1) {
            int comma = p.name().indexOf(',');
            if (comma > 0) {
                String rest = p.name().substring(comma + 1).trim().split("[ (]")[0];
                return base + " " + rest;
            }
        }
        return base;
    }

    private static String base(String name) {
        int cut = name.length();
        for (String sep : List.of(",", " (")) {
            int i = name.indexOf(sep);
            if (i > 0) {
                cut = Math.min(cut, i);
            }
        }
        return name.substring(0, cut).trim();
    }

    /** Whether a profile is the first of its platform in the set (Spotify Normal, not Loud or Quiet). */
    private static boolean primary(Profile p, ProfileSet set) {
        for (Profile q : set.profiles()) {
            if (base(q.name()).equals(base(p.name()))) {
                return q.id().equals(p.id());
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ verdict

    /**
     * One line that says what listeners get: which platforms turn the track down or up and by how much,
     * where it plays quieter than other tracks, where a platform's limiter acts, and whether its true peak
     * leaves room for lossy encoding, e.g. "Spotify, YouTube, TIDAL and Amazon Music turn this down 1.1 dB,
     * Deezer 2.1 dB, Apple Music 3.1 dB; true peak -0.6 dBTP: may clip after lossy encoding".
     */
    public static String verdict(StudyResult s, StudyTrack t) {
        ProfileSet set = s.settings().profiles();
        List<String> clauses = new ArrayList<>();
        Map<Double, List<String>> down = new TreeMap<>();
        Map<Double, List<String>> up = new TreeMap<>();
        Map<Double, List<String>> quiet = new TreeMap<>();
        List<String> limited = new ArrayList<>();
        for (Outcome o : s.streaming(t)) {
            Profile p = set.get(o.profileId());
            if (!primary(p, set)) {
                continue;
            }
            String name = base(p.name());
            double g = Math.round(o.gainDb() * 10) / 10.0;
            if (o.limited()) {
                limited.add(name);
            }
            if (g <= -0.1) {
                down.computeIfAbsent(-g, k -> new ArrayList<>()).add(name);
            } else if (g >= 0.1) {
                up.computeIfAbsent(g, k -> new ArrayList<>()).add(name);
            }
            double d = Math.round(o.differenceLu() * 10) / 10.0;
            if (Double.isFinite(d) && d <= -mw.platforms.Platforms.QUIETER_WARN_LU) {
                quiet.computeIfAbsent(-d, k -> new ArrayList<>()).add(name);
            }
        }
        if (!down.isEmpty()) {
            clauses.add(amounts(down, "turn this down", "turns this down", "dB"));
        }
        if (!up.isEmpty()) {
            clauses.add(amounts(up, "turn this up", "turns this up", "dB"));
        }
        if (!quiet.isEmpty()) {
            clauses.add(amounts(quiet, "play it", "plays it", "LU quiet"));
        }
        if (!limited.isEmpty()) {
            clauses.add(and(limited) + (limited.size() == 1 ? "'s limiter acts" : ": their limiters act"));
        }
        if (down.isEmpty() && up.isEmpty() && quiet.isEmpty()) {
            clauses.add(set.profiles().stream().anyMatch(p -> p.kind() == Profile.Kind.STREAMING && p.normalizes())
                    ? "plays at its own level everywhere" : "no streaming platform in the profile set");
        }
        double tp = t.loudness().truePeakDbtp();
        double ceiling = s.settings().truePeakCeilingDbtp();
        String tpText = "true peak " + Format.number(tp, 1) + " dBTP";
        if (tp > 0) {
            clauses.add(tpText + ": clips");
        } else if (tp > ceiling) {
            clauses.add(tpText + ": may clip after AAC or Ogg encoding");
        } else {
            clauses.add(tpText);
        }
        List<String> qc = t.qc().failures().stream().filter(c -> !c.id().equals("true_peak")).map(QcCheck::name).toList();
        if (!qc.isEmpty()) {
            clauses.add("QC fails: " + String.join(", ", qc).toLowerCase(Locale.ROOT));
        }
        String v = String.join("; ", clauses);
        return Character.toUpperCase(v.charAt(0)) + v.substring(1);
    }

    /** "A and B turn this down 1.1 dB, C 2.1 dB" (largest group first). */
    private static String amounts(Map<Double, List<String>> byAmount, String plural, String singular, String unit) {
        List<Map.Entry<Double, List<String>>> groups = new ArrayList<>(byAmount.entrySet());
        groups.sort((a, b) -> b.getValue().size() != a.getValue().size() ? b.getValue().size() - a.getValue().size()
                : Double.compare(a.getKey(), b.getKey()));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < groups.size(); i++) {
            var g = groups.get(i);
            String amount = Format.number(g.getKey(), 1) + " " + unit;
            if (i == 0) {
                sb.append(and(g.getValue())).append(' ').append(g.getValue().size() == 1 ? singular : plural).append(' ')
                        .append(amount);
            } else {
                sb.append(", ").append(and(g.getValue())).append(' ').append(amount);
            }
        }
        return sb.toString();
    }

    private static String and(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    // ------------------------------------------------------------------ tables

    /** The key figures of every track, units in the headers. */
    public static Table tracksTable(StudyResult s) {
        Tables.Builder b = Tables.builder("Tracks").columns("#", "Track", "Integrated (LUFS)", "True peak (dBTP)",
                "Loudness range (LU)", "PLR (dB)", "DR", "QC");
        for (StudyTrack t : s.tracks()) {
            b.row(t.number(), t.name(), r2(t.loudness().integratedLufs()), r2(t.loudness().truePeakDbtp()),
                    r2(t.loudness().loudnessRangeLu()), r2(t.loudness().plrDb()),
                    t.dynamics() == null ? null : t.dynamics().drScore(), t.qc().result());
        }
        return b.build();
    }

    /** Every measurement of every track, units in the headers, in three tables that fit a page: format, levels, spectrum and stereo. */
    public static Map<String, Table> measurementTables(StudyResult s) {
        Tables.Builder format = Tables.builder("Format").columns("#", "Codec", "Rate (Hz)", "Bits", "Channels", "Duration (s)", "Notes");
        Tables.Builder levels = Tables.builder("Levels and dynamics").columns("#", "Momentary max (LUFS)", "Short-term max (LUFS)",
                "Sample peak (dBFS)", "PSR (dB)", "Crest factor (dB)");
        Tables.Builder spectrum = Tables.builder("Spectrum and stereo").columns("#", "Centroid (Hz)", "Roll-off (Hz)", "Flatness",
                "Onsets (/s)", "Correlation", "Min correlation", "Balance L-R (dB)", "Side/mid (dB)", "Mono loss (dB)");
        for (StudyTrack t : s.tracks()) {
            var l = t.loudness();
            var d = t.dynamics();
            var f = t.features();
            var st = t.stereo();
            format.row(t.number(), t.info().codec(), t.info().sampleRate(), t.info().bitsPerSample() == 0 ? null : t.info().bitsPerSample(),
                    t.info().channels(), r2(l.durationSeconds()), String.join("; ", t.notes()));
            levels.row(t.number(), r2(l.momentaryMaxLufs()), r2(l.shortTermMaxLufs()), r2(l.samplePeakDbfs()),
                    d == null ? Double.NaN : r2(d.psrDb()), d == null ? Double.NaN : r2(d.crestFactorDb()));
            spectrum.row(t.number(), f == null ? Double.NaN : (double) Math.round(f.spectralCentroidHz()),
                    f == null ? Double.NaN : (double) Math.round(f.spectralRolloffHz()),
                    f == null ? Double.NaN : f.spectralFlatness(), f == null ? Double.NaN : r2(f.onsetsPerSecond()),
                    st == null ? Double.NaN : r2(st.correlation()), st == null ? Double.NaN : r2(st.minCorrelation()),
                    st == null ? Double.NaN : r2(st.leftMinusRightDb()), st == null ? Double.NaN : r2(st.sideToMidDb()),
                    st == null ? Double.NaN : r2(st.monoLossDb()));
        }
        Map<String, Table> m = new LinkedHashMap<>();
        for (Tables.Builder b : List.of(format, levels, spectrum)) {
            Table t = b.build();
            m.put(t.name(), t);
        }
        return m;
    }

    /**
     * Every track's measurements with machine-friendly column names at full precision, the columns of
     * {@code tracks.csv}: file, container, codec, sample_rate_hz, bits_per_sample, channels, duration_s,
     * integrated_lufs, loudness_range_lu, momentary_max_lufs, short_term_max_lufs, true_peak_dbtp,
     * sample_peak_dbfs, plr_db, dr_score, psr_db, crest_factor_db, spectral_centroid_hz, spectral_rolloff_hz,
     * spectral_flatness, onsets_per_s, lr_correlation, min_correlation, balance_l_minus_r_db, side_to_mid_db,
     * mono_loss_db, qc, notes, analysis_page.
     */
    public static Table dataTable(StudyResult s) {
        Tables.Builder b = Tables.builder("tracks").columns("file", "container", "codec", "sample_rate_hz", "bits_per_sample",
                "channels", "duration_s", "integrated_lufs", "loudness_range_lu", "momentary_max_lufs", "short_term_max_lufs",
                "true_peak_dbtp", "sample_peak_dbfs", "plr_db", "dr_score", "psr_db", "crest_factor_db", "spectral_centroid_hz",
                "spectral_rolloff_hz", "spectral_flatness", "onsets_per_s", "lr_correlation", "min_correlation",
                "balance_l_minus_r_db", "side_to_mid_db", "mono_loss_db", "qc", "notes", "analysis_page");
        for (StudyTrack t : s.tracks()) {
            var l = t.loudness();
            var d = t.dynamics();
            var f = t.features();
            var st = t.stereo();
            String qc = t.qc().passed() ? "pass" : "fail: " + String.join(", ", t.qc().failures().stream().map(QcCheck::id).toList());
            b.row(t.name(), t.info().container(), t.info().codec(), t.info().sampleRate(),
                    t.info().bitsPerSample() == 0 ? null : t.info().bitsPerSample(), t.info().channels(), l.durationSeconds(),
                    l.integratedLufs(), l.loudnessRangeLu(), l.momentaryMaxLufs(), l.shortTermMaxLufs(), l.truePeakDbtp(),
                    l.samplePeakDbfs(), l.plrDb(), d == null ? null : d.drScore(), d == null ? Double.NaN : d.psrDb(),
                    d == null ? Double.NaN : d.crestFactorDb(), f == null ? Double.NaN : f.spectralCentroidHz(),
                    f == null ? Double.NaN : f.spectralRolloffHz(), f == null ? Double.NaN : f.spectralFlatness(),
                    f == null ? Double.NaN : f.onsetsPerSecond(), st == null ? Double.NaN : st.correlation(),
                    st == null ? Double.NaN : st.minCorrelation(), st == null ? Double.NaN : st.leftMinusRightDb(),
                    st == null ? Double.NaN : st.sideToMidDb(), st == null ? Double.NaN : st.monoLossDb(), qc,
                    String.join("; ", t.notes()), StudyReport.trackPage(t));
        }
        return b.build();
    }

    /** One track's figures as a two-column table (what a notebook shows for a {@link StudyTrack}). */
    public static Table trackTable(StudyTrack t) {
        var l = t.loudness();
        Tables.Builder b = Tables.builder(t.name()).columns("Measure", "Value");
        b.row("Format", t.info().codec() + ", " + t.info().sampleRate() + " Hz, " + t.info().channels() + " ch");
        b.row("Duration", Format.number(l.durationSeconds(), 1) + " s");
        b.row("Integrated loudness", Format.number(l.integratedLufs(), 1) + " LUFS");
        b.row("Loudness range", Format.number(l.loudnessRangeLu(), 1) + " LU");
        b.row("Short-term max", Format.number(l.shortTermMaxLufs(), 1) + " LUFS");
        b.row("True peak", Format.number(l.truePeakDbtp(), 1) + " dBTP");
        b.row("PLR", Format.number(l.plrDb(), 1) + " dB");
        if (t.dynamics() != null) {
            b.row("DR", Integer.toString(t.dynamics().drScore()));
        }
        if (t.stereo() != null) {
            b.row("Correlation", Format.number(t.stereo().correlation(), 2));
        }
        b.row("QC", t.qc().result());
        return b.build();
    }

    /** The quality-control checks of one track. */
    public static Table qcTable(StudyTrack t) {
        Tables.Builder b = Tables.builder("Delivery QC: " + t.qc().result()).columns("Check", "Result", "Measured", "Limit", "Detail");
        for (QcCheck q : t.qc().checks()) {
            b.row(q.name(), q.result(), q.measured(), q.limit(), q.detail());
        }
        return b.build();
    }

    /** What each streaming platform does to one track. */
    public static Table streamingTable(StudyResult s, StudyTrack t) {
        ProfileSet set = s.settings().profiles();
        Tables.Builder b = Tables.builder("Streaming platforms").columns("Platform", "Reference (LUFS)", "Gain (dB)",
                "Plays at (LUFS)", "True peak after (dBTP)", "Verdict", "Why");
        for (Outcome o : s.streaming(t)) {
            b.row(label(set.get(o.profileId()), set), r2(o.referenceLufs()), r2(o.gainDb()), r2(o.playbackLufs()),
                    r2(o.playbackTruePeakDbtp()), o.verdict().key(), o.reasonText());
        }
        return b.build();
    }

    /** One track against the delivery specifications and style targets. */
    public static Table specificationsTable(StudyResult s, StudyTrack t) {
        ProfileSet set = s.settings().profiles();
        Tables.Builder b = Tables.builder("Delivery specifications").columns("Specification", "Target (LUFS)",
                "Off target (LU)", "True peak max (dBTP)", "Verdict", "Why");
        for (Outcome o : s.specifications(t)) {
            Profile p = set.get(o.profileId());
            b.row(p.name(), r2(o.referenceLufs()), r2(o.differenceLu()), r2(p.truePeakMaxDbtp()), o.verdict().key(), o.reasonText());
        }
        return b.build();
    }

    /** Streaming playback loudness of every track (rows) on every streaming platform (columns). */
    public static Table streamingMatrix(StudyResult s) {
        ProfileSet set = s.settings().profiles();
        List<Profile> ps = set.profiles().stream().filter(p -> p.kind() == Profile.Kind.STREAMING).toList();
        List<String> cols = new ArrayList<>(List.of("Track"));
        ps.forEach(p -> cols.add(label(p, set) + " (LUFS)"));
        Tables.Builder b = Tables.builder("Playback loudness").columns(cols.toArray(String[]::new));
        for (StudyTrack t : s.tracks()) {
            List<Object> row = new ArrayList<>(List.of(t.name()));
            ps.forEach(p -> row.add(r2(s.outcomes().get(t.name(), p.id()).playbackLufs())));
            b.row(row.toArray());
        }
        return b.build();
    }

    /** The stretches of one track whose true peak exceeds the ceiling, with their times. */
    public static Table oversTable(StudyTrack t, double ceilingDbtp) {
        TruePeakSeries tp = t.truePeaks();
        double span = t.loudness().durationSeconds();
        Tables.Builder b = Tables.builder("True peak above " + Format.number(ceilingDbtp, 1) + " dBTP")
                .columns("From", "To", "Peak (dBTP)");
        for (TruePeakSeries.Over o : tp.overs(ceilingDbtp)) {
            b.row(clock(o.startSeconds(), span), clock(o.endSeconds(), span), r2(o.peakDbtp()));
        }
        return b.build();
    }

    /** A time as m:ss.s (or s.s under a minute of programme). */
    static String clock(double seconds, double span) {
        if (span < 60) {
            return Format.number(seconds, 1) + " s";
        }
        long tenths = Math.round(seconds * 10);
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
    }

    private static double r2(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : v;
    }

    // ------------------------------------------------------------------ charts

    /** The charts of a study, by file-friendly name: loudness, playback, spectrum. */
    public static Map<String, Chart<?, ?>> charts(StudyResult s) {
        Map<String, Chart<?, ?>> m = new LinkedHashMap<>();
        if (s.tracks().isEmpty()) {
            return m;
        }
        m.put("loudness", loudnessChart(s));
        if (s.settings().profiles().profiles().stream().anyMatch(p -> p.kind() == Profile.Kind.STREAMING)) {
            m.put("playback", playbackChart(s));
        }
        if (s.tracks().stream().anyMatch(t -> t.tonalBalanceDb().length > 0)) {
            m.put("spectrum", spectrumChart(s));
        }
        return m;
    }

    /** The distinct references of the streaming platforms that normalize, each with the platforms at it. */
    static Map<Double, List<String>> streamingTargets(ProfileSet set) {
        Map<Double, List<String>> m = new TreeMap<>();
        for (Profile p : set.profiles()) {
            if (p.kind() == Profile.Kind.STREAMING && p.normalizes() && Double.isFinite(p.referenceLufs()) && primary(p, set)) {
                m.computeIfAbsent(p.referenceLufs(), k -> new ArrayList<>()).add(base(p.name()));
            }
        }
        return m;
    }

    /**
     * Integrated loudness and the loudest short-term reading of every track as dots on a LUFS axis fitted
     * to the data, with the streaming references as labelled lines.
     */
    public static CategoryChart loudnessChart(StudyResult s) {
        List<String> numbers = s.tracks().stream().map(t -> "#" + t.number()).toList();
        List<Double> all = new ArrayList<>();
        s.tracks().forEach(t -> {
            all.add(t.loudness().integratedLufs());
            all.add(t.loudness().shortTermMaxLufs());
        });
        Map<Double, List<String>> targets = streamingTargets(s.settings().profiles());
        all.addAll(targets.keySet());
        double[] r = range(all, 2);
        CategoryChart c = category("Integrated loudness per track (dot) and its loudest 3 s (ring)", "Track", "Loudness (LUFS)",
                s.tracks().size());
        axis(c, r);
        c.getStyler().setOverlapped(true);
        for (int i = 0; i < s.tracks().size(); i++) {
            StudyTrack t = s.tracks().get(i);
            List<Double> ys = new ArrayList<>();
            List<Double> st = new ArrayList<>();
            for (int k = 0; k < numbers.size(); k++) {
                ys.add(k == i ? above(t.loudness().integratedLufs(), r) : null);
                st.add(k == i ? above(t.loudness().shortTermMaxLufs(), r) : null);
            }
            CategorySeries a = c.addSeries(legend(t), numbers, ys);
            dot(a, i);
            CategorySeries b = c.addSeries(legend(t) + " short-term max", numbers, st);
            dot(b, i);
            b.setMarker(RING);
            b.setShowInLegend(false);
        }
        targetLines(c, targets, r, r[0]);
        return c;
    }

    /** Playback loudness of every track on every streaming platform: one dot per track, axis fitted to the data. */
    public static CategoryChart playbackChart(StudyResult s) {
        ProfileSet set = s.settings().profiles();
        List<Profile> ps = set.profiles().stream().filter(p -> p.kind() == Profile.Kind.STREAMING).toList();
        List<String> names = ps.stream().map(p -> label(p, set)).toList();
        List<Double> all = new ArrayList<>();
        s.outcomes().rows().stream().filter(o -> o.kind() == Profile.Kind.STREAMING).forEach(o -> all.add(o.playbackLufs()));
        double[] r = range(all, 1);
        CategoryChart c = category("Playback loudness per streaming platform", "Platform", "Plays at (LUFS)", s.tracks().size());
        axis(c, r);
        c.getStyler().setOverlapped(false);
        c.getStyler().setAvailableSpaceFill(0.6);
        c.getStyler().setXAxisLabelRotation(names.size() > 8 ? 30 : 0);
        for (int i = 0; i < s.tracks().size(); i++) {
            StudyTrack t = s.tracks().get(i);
            List<Double> ys = ps.stream().map(p -> above(s.outcomes().get(t.name(), p.id()).playbackLufs(), r)).toList();
            dot(c.addSeries(legend(t), names, ys), i);
        }
        return c;
    }

    /**
     * One track on the streaming platforms: its own loudness (grey dot), where each platform plays it (dot in
     * the track's colour) and the platform's reference (black bar), on an axis fitted to the data.
     */
    public static CategoryChart trackPlaybackChart(StudyResult s, StudyTrack t) {
        ProfileSet set = s.settings().profiles();
        List<Outcome> os = s.streaming(t);
        List<String> names = os.stream().map(o -> label(set.get(o.profileId()), set)).toList();
        List<Double> all = new ArrayList<>();
        os.forEach(o -> {
            all.add(o.integratedLufs());
            all.add(o.playbackLufs());
            all.add(o.referenceLufs());
        });
        double[] r = range(all, 1);
        int i = s.tracks().indexOf(t);
        CategoryChart c = category("Where each platform plays " + t.name(), "Platform", "Loudness (LUFS)", 1);
        axis(c, r);
        c.getStyler().setOverlapped(true);
        c.getStyler().setXAxisLabelRotation(names.size() > 8 ? 30 : 0);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        CategorySeries ref = c.addSeries("platform reference", names, os.stream().map(o -> above(o.referenceLufs(), r)).toList());
        dot(ref, 0);
        ref.setMarker(DASH);
        ref.setMarkerColor(Color.BLACK);
        CategorySeries own = c.addSeries("the master (no gain)", names, os.stream().map(o -> above(o.integratedLufs(), r)).toList());
        dot(own, 0);
        own.setMarkerColor(GREY);
        dot(c.addSeries("as played", names, os.stream().map(o -> above(o.playbackLufs(), r)).toList()), Math.max(0, i));
        return c;
    }

    /** One-third-octave tonal balance of every track (mid signal, relative to its integrated loudness). */
    public static XYChart spectrumChart(StudyResult s) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (StudyTrack t : s.tracks()) {
            for (double v : t.tonalBalanceDb()) {
                if (Double.isFinite(v) && v > -80) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        Charts.XY xy = Charts.xy("Tonal balance: 1/3-octave bands relative to integrated loudness (mid signal)", 1000, 470)
                .logFrequency(20, 20_000).yLabel("Level re integrated loudness (dB)");
        if (Double.isFinite(lo)) {
            xy.yRange(10 * Math.floor((lo - 2) / 10), 10 * Math.ceil((hi + 2) / 10));
        }
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < s.tracks().size(); i++) {
            StudyTrack t = s.tracks().get(i);
            if (t.tonalBalanceDb().length > 0) {
                double[] y = t.tonalBalanceDb().clone();
                for (int k = 0; k < y.length; k++) {
                    y[k] = y[k] > -80 ? y[k] : Double.NaN;
                }
                xy.line(legend(t), t.tonalBalanceHz(), y);
                shown.add(i);
            }
        }
        XYChart c = xy.build();
        legendBelow(c, s.tracks().size());
        int k = 0;
        for (XYSeries series : c.getSeriesMap().values()) {
            if (k < shown.size()) {
                series.setLineColor(colour(shown.get(k)));
                series.setLineWidth(2f);
            }
            k++;
        }
        return c;
    }

    /**
     * Loudness over time of one track with the streaming references as labelled dashed lines, so the
     * loud and quiet passages read against what the platforms aim at.
     */
    public static XYChart loudnessHistoryChart(StudyResult s, StudyTrack t) {
        XYChart c = Views.loudnessChart(t.loudnessSeries(), t.loudness());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        Map<Double, List<String>> targets = streamingTargets(s.settings().profiles());
        List<Double> all = new ArrayList<>(targets.keySet());
        for (double v : t.loudnessSeries().shortTermLufs()) {
            all.add(v);
        }
        double top = all.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).max().orElse(0);
        double[] m = t.loudnessSeries().momentaryLufs();
        double peakM = java.util.Arrays.stream(m).filter(Double::isFinite).max().orElse(top);
        double hi = 5 * Math.ceil((Math.max(top, peakM) + 2) / 5);
        double lowTarget = targets.keySet().stream().mapToDouble(Double::doubleValue).min().orElse(hi - 20);
        // the floor follows the short-term loudness (its quietest 2 %), not the momentary dips into pauses
        double[] st = java.util.Arrays.stream(t.loudnessSeries().shortTermLufs()).filter(Double::isFinite).sorted().toArray();
        double quiet = st.length == 0 ? t.loudness().integratedLufs() - 10 : st[(int) (0.02 * (st.length - 1))];
        double lo = 5 * Math.floor((Math.min(Math.min(lowTarget, quiet), t.loudness().integratedLufs() - 6) - 3) / 5);
        c.getStyler().setYAxisMin(lo).setYAxisMax(hi);
        targetLines(c, targets, new double[] {lo, hi}, 0);
        return c;
    }

    /**
     * True peak over time of one track (every 100 ms) with the ceiling as a dashed line; the stretches above
     * it are marked in red and the first of them labelled with their time.
     */
    public static XYChart truePeakChart(StudyTrack t, double ceilingDbtp) {
        TruePeakSeries tp = t.truePeaks();
        double span = Math.max(t.loudness().durationSeconds(), 0.1);
        double max = tp.maxDbtp();
        // the floor follows the quietest hops down to 36 dB under the ceiling; pauses below that run off the plot
        double lo = Math.max(ceilingDbtp - 36, java.util.Arrays.stream(tp.truePeakDbtp()).filter(Double::isFinite).min().orElse(-30));
        lo = 5 * Math.floor((lo - 1) / 5);
        double hi = Math.max(ceilingDbtp + 1, Double.isFinite(max) ? Math.ceil(max + 1) : 0);
        List<TruePeakSeries.Over> overs = tp.overs(ceilingDbtp);
        String title = overs.isEmpty() ? "True peak over time: never above " + Format.number(ceilingDbtp, 1) + " dBTP"
                : "True peak over time: " + overs.size() + " stretch" + (overs.size() == 1 ? "" : "es") + " above "
                + Format.number(ceilingDbtp, 1) + " dBTP";
        Charts.XY xy = Charts.xy(title, 1000, 380).timeAxis(span).yLabel("True peak (dBTP)").yRange(lo, hi)
                .line("true peak per 100 ms", tp.timesSeconds(), tp.truePeakDbtp())
                .horizontal("ceiling " + Format.number(ceilingDbtp, 1) + " dBTP", ceilingDbtp, 0, span);
        if (!overs.isEmpty()) {
            double[] x = new double[overs.size()];
            double[] y = new double[overs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (overs.get(i).startSeconds() + overs.get(i).endSeconds()) / 2;
                y[i] = overs.get(i).peakDbtp();
            }
            xy.scatter("above the ceiling", x, y);
        }
        XYChart c = xy.build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getSeriesMap().get("true peak per 100 ms").setLineColor(colour(0)).setLineWidth(1.2f);
        c.getSeriesMap().get("ceiling " + Format.number(ceilingDbtp, 1) + " dBTP").setLineColor(OVER);
        if (!overs.isEmpty()) {
            XYSeries o = c.getSeriesMap().get("above the ceiling");
            o.setMarkerColor(OVER).setMarker(SeriesMarkers.CIRCLE);
            c.getStyler().setMarkerSize(7);
            // labels: the first overs, none closer than a tenth of the span to the previous label
            double last = Double.NEGATIVE_INFINITY;
            int labelled = 0;
            c.getStyler().setAnnotationTextFontColor(OVER);
            c.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            double xScale = span >= 3600 * 2.5 ? 3600 : span >= 240 ? 60 : 1;
            xScale = c.getStyler().getXAxisMax() != null && c.getStyler().getXAxisMax() > 0
                    ? span / c.getStyler().getXAxisMax() : xScale;
            for (TruePeakSeries.Over over : overs) {
                double mid = (over.startSeconds() + over.endSeconds()) / 2;
                if (mid - last < span / 10 || labelled >= 8) {
                    continue;
                }
                c.addAnnotation(new AnnotationText(clock(over.startSeconds(), span), mid / xScale, Math.min(hi - 0.3,
                        over.peakDbtp() + 0.6 * (hi - lo) / 20), false));
                last = mid;
                labelled++;
            }
        }
        return c;
    }

    // ------------------------------------------------------------------ chart helpers

    private static String legend(StudyTrack t) {
        return t.number() + " " + t.name();
    }

    private static CategoryChart category(String title, String x, String y, int legendEntries) {
        CategoryChart c = new CategoryChartBuilder().width(1000).height(430).title(title).xAxisTitle(x).yAxisTitle(y).build();
        var st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(new Color(200, 200, 200));
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setPlotGridLinesColor(new Color(232, 232, 232));
        st.setPlotGridVerticalLinesVisible(false);
        st.setLegendBorderColor(new Color(220, 220, 220));
        st.setMarkerSize(10);
        st.setYAxisDecimalPattern("0");
        st.setLocale(Locale.ROOT);
        st.setAnnotationLineColor(TARGET);
        st.setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        st.setAnnotationTextFontColor(new Color(90, 90, 90));
        st.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        legendBelow(c, legendEntries);
        return c;
    }

    /** The legend below the plot, one entry per line when there are several (long file names). */
    private static void legendBelow(Chart<?, ?> c, int entries) {
        var st = (org.knowm.xchart.style.AxesChartStyler) c.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        if (entries > 2) {
            st.setLegendLayout(Styler.LegendLayout.Vertical);
            if (c instanceof CategoryChart cc) {
                cc.getStyler();
            }
        } else {
            st.setLegendLayout(Styler.LegendLayout.Horizontal);
        }
    }

    private static void dot(CategorySeries s, int index) {
        s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        s.setMarker(marker(index));
        s.setMarkerColor(colour(index));
        s.setFillColor(colour(index));
    }

    /** Dashed lines at the targets, labelled with the platforms at the right end of the plot. */
    private static void targetLines(Chart<?, ?> c, Map<Double, List<String>> targets, double[] range, double offset) {
        var st = c.getStyler();
        st.setAnnotationLineColor(TARGET);
        st.setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        st.setAnnotationTextFontColor(new Color(90, 90, 90));
        st.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (Map.Entry<Double, List<String>> e : targets.entrySet()) {
            if (e.getKey() < range[0] || e.getKey() > range[1]) {
                continue;
            }
            c.addAnnotation(new AnnotationLine(e.getKey() - offset, false, false));
        }
    }

    /** Labels of the target lines, as a sentence for the caption (the chart keeps its plot free of text). */
    static String targetCaption(ProfileSet set) {
        List<String> parts = new ArrayList<>();
        streamingTargets(set).entrySet().stream().sorted((a, b) -> Double.compare(b.getKey(), a.getKey()))
                .forEach(e -> parts.add(Format.number(e.getKey(), 0) + " LUFS " + String.join(", ", e.getValue())));
        return "Dashed lines: streaming references (" + String.join("; ", parts) + ").";
    }

    /** [floor, top] of a loudness axis around the finite values, with {@code margin} above and below, on whole numbers. */
    private static double[] range(List<Double> values, double margin) {
        double[] span = Charts.finiteSpan(values);
        double lo = span[0];
        double hi = span[1];
        if (!Double.isFinite(lo)) {
            return new double[] {-30, 0};
        }
        // on multiples of 5, so that the ticks XChart counts up from the floor land on round levels
        double floor = 5 * Math.floor((lo - margin) / 5);
        double top = 5 * Math.ceil((hi + margin) / 5);
        return new double[] {floor, Math.max(top, floor + 10)};
    }

    /**
     * XChart draws a category chart's dots of negative values at the top of the plot (it stacks them as it
     * stacks bars), so values are plotted as heights above the axis floor and the labels add the floor back.
     */
    private static void axis(CategoryChart c, double[] r) {
        c.getStyler().setYAxisMin(0.0).setYAxisMax(r[1] - r[0]);
        double floor = r[0];
        c.getStyler().setyAxisTickLabelsFormattingFunction(v -> Format.number(v + floor, 0));
    }

    private static Double above(double v, double[] r) {
        return Charts.aboveFloor(v, r[0]);
    }

}
