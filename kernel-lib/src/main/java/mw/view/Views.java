package mw.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mw.analysis.Analysis;
import mw.analysis.BandLevel;
import mw.analysis.Bands;
import mw.analysis.Comparison;
import mw.analysis.DynamicsReport;
import mw.analysis.FeatureSet;
import mw.analysis.FoldedSpectrogram;
import mw.analysis.LevelHistogram;
import mw.analysis.Ltas;
import mw.analysis.SmoothedSpectrum;
import mw.analysis.Spectrogram;
import mw.analysis.StereoBand;
import mw.analysis.StereoReport;
import mw.loudness.LoudnessReport;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Tables, charts and HTML reports of the analysis results ({@code mw.analysis}). Every chart has units
 * on its axes; frequency axes are logarithmic.
 *
 * <pre>{@code
 * Analysis a = Analysis.of("mix", Audio.read("mix.wav"));
 * Views.ltasChart(a.ltas());              // in a notebook cell: shown as a PNG
 * Views.report(a).write(Path.of("out/mix.html"));
 * }</pre>
 */
public final class Views {
    /** Spectra are shown smoothed over this fraction of an octave. */
    public static final double SMOOTHING_OCTAVES = 1.0 / 6;

    private Views() {
    }

    // ------------------------------------------------------------------ tables

    /** Features of one or more signals in long form: one row per feature, one column per signal. */
    public static Table featureTable(List<FeatureSet> sets) {
        List<String> cols = new ArrayList<>();
        cols.add("feature");
        for (FeatureSet f : sets) {
            cols.add(f.signal());
        }
        Tables.Builder b = Tables.builder("Features").columns(cols.toArray(new String[0]));
        row(b, "spectral centroid (Hz)", sets, FeatureSet::spectralCentroidHz);
        row(b, "spectral bandwidth (Hz)", sets, FeatureSet::spectralBandwidthHz);
        row(b, "spectral roll-off 85 % (Hz)", sets, FeatureSet::spectralRolloffHz);
        row(b, "spectral flatness", sets, FeatureSet::spectralFlatness);
        row(b, "zero-crossing rate (1/sample)", sets, FeatureSet::zeroCrossingRate);
        row(b, "RMS, framewise mean (linear)", sets, FeatureSet::rms);
        row(b, "RMS (dBFS)", sets, FeatureSet::rmsDbfs);
        row(b, "crest factor (dB)", sets, FeatureSet::crestFactorDb);
        row(b, "HNR (dB)", sets, FeatureSet::hnrDb);
        row(b, "onsets (1/s)", sets, FeatureSet::onsetsPerSecond);
        return b.build();
    }

    private static void row(Tables.Builder b, String name, List<FeatureSet> sets,
                            java.util.function.ToDoubleFunction<FeatureSet> f) {
        Object[] r = new Object[sets.size() + 1];
        r[0] = name;
        for (int i = 0; i < sets.size(); i++) {
            r[i + 1] = f.applyAsDouble(sets.get(i));
        }
        b.row(r);
    }

    /**
     * Features of each signal of one programme (the mix, every channel and, for stereo, mid and side)
     * side by side, one column per signal (see {@code Features.perSignal}).
     */
    public static Table signalFeatureTable(List<FeatureSet> perSignal) {
        return featureTable(perSignal).setName("Features per channel and mid/side");
    }

    /** MFCC 1-13 and chroma C..B of one or more signals, one row per coefficient. */
    public static Table timbreTable(List<FeatureSet> sets) {
        List<String> cols = new ArrayList<>();
        cols.add("coefficient");
        for (FeatureSet f : sets) {
            cols.add(f.signal());
        }
        Tables.Builder b = Tables.builder("MFCC (mean) and chroma (mean)").columns(cols.toArray(new String[0]));
        for (int k = 0; k < sets.get(0).mfcc().length; k++) {
            Object[] r = new Object[sets.size() + 1];
            r[0] = "MFCC " + k;
            for (int i = 0; i < sets.size(); i++) {
                r[i + 1] = sets.get(i).mfcc()[k];
            }
            b.row(r);
        }
        for (int k = 0; k < sets.get(0).chroma().length; k++) {
            Object[] r = new Object[sets.size() + 1];
            r[0] = "chroma " + FeatureSet.PITCH_CLASSES[k];
            for (int i = 0; i < sets.size(); i++) {
                r[i + 1] = sets.get(i).chroma()[k];
            }
            b.row(r);
        }
        return b.build();
    }

    /** One-third-octave band levels (dBFS) of every signal of a spectrum: one row per band. */
    public static Table bandTable(Ltas ltas) {
        List<String> cols = new ArrayList<>(List.of("band", "centreHz"));
        for (String s : ltas.signals()) {
            cols.add(s + " (dBFS)");
        }
        Tables.Builder b = Tables.builder("One-third-octave band levels").columns(cols.toArray(new String[0]));
        List<mw.analysis.Band> thirds = Bands.thirdOctaves();
        List<double[]> levels = new ArrayList<>();
        for (String s : ltas.signals()) {
            levels.add(ltas.bandLevelsDbfs(s, thirds));
        }
        for (int i = 0; i < thirds.size(); i++) {
            if (Double.isNaN(levels.get(0)[i])) {
                continue;
            }
            Object[] r = new Object[cols.size()];
            r[0] = thirds.get(i).nominal();
            r[1] = thirds.get(i).centreHz();
            for (int s = 0; s < levels.size(); s++) {
                r[2 + s] = levels.get(s)[i];
            }
            b.row(r);
        }
        return b.build();
    }

    /** The stereo summary as a one-row table. */
    public static Table stereoTable(StereoReport s) {
        return Tables.of("Stereo", List.of(s.summary()));
    }

    /** Stereo figures per one-third-octave band. */
    public static Table stereoBandTable(StereoReport s) {
        return Tables.of("Stereo per band", s.bands());
    }

    /** The dynamics summary as a one-row table. */
    public static Table dynamicsTable(DynamicsReport d) {
        return Tables.of("Dynamics", List.of(d.summary()));
    }

    /** The damage summary (clicks, clipped runs, noise floor, DC, hum) as a one-row table. */
    public static Table damageTable(mw.analysis.DamageReport d) {
        return Tables.of("Damage", List.of(d.summary()));
    }

    /** Where the clicks are (the first {@link mw.analysis.DamageReport#MAX_LISTED}). */
    public static Table clickTable(mw.analysis.DamageReport d) {
        return Tables.of("Clicks", d.clickList());
    }

    /** A note that says how the damage figures are measured. */
    static final String DAMAGE_NOTE = "Clicks: AR prediction error over 10 robust standard deviations, bursts up to 2 ms that stand 30 times"
            + " over the error around them, alone, and leave the music as it was (not a drum hit or a note). "
            + "Clipped runs: samples at a channel's peak once three in a row sit there. Noise floor: RMS of the quietest"
            + " 0.5 s. DC offset: % of full scale. Hum: 50/60 Hz harmonics 10 dB over their surroundings throughout;"
            + " level relative to the programme.";

    /** A loudness report as a one-row table. */
    public static Table loudnessTable(LoudnessReport l) {
        return Tables.of("Loudness", List.of(l));
    }

    /** Feature-by-feature comparison. */
    public static Table comparisonTable(Comparison c) {
        return Tables.of("Mix against references", c.features());
    }

    /** Normalised one-third-octave levels of the comparison. */
    public static Table comparisonBandTable(Comparison c) {
        List<String> cols = new ArrayList<>(List.of("band", "centreHz", c.mixName() + " (dB)", "references mean (dB)",
                "references spread (dB)", "difference (dB)"));
        Tables.Builder b = Tables.builder("Level-normalised one-third-octave spectra").columns(cols.toArray(new String[0]));
        for (Comparison.BandComparison x : c.bands()) {
            b.row(x.band(), x.centreHz(), x.mixDb(), x.referenceDb(), x.referenceSpreadDb(), x.differenceDb());
        }
        return b.build();
    }

    /** EQ suggestions of a comparison. */
    public static Table eqTable(Comparison c) {
        return Tables.of("EQ suggestions (starting points)", c.eq());
    }

    /** Loudness matching of a comparison. */
    public static Table loudnessMatchTable(Comparison c) {
        return Tables.of("Loudness match", c.loudness());
    }

    /** All tables of an analysis, by short file-friendly name. */
    public static Map<String, Table> tables(Analysis a) {
        Map<String, Table> out = new LinkedHashMap<>();
        out.put("features", featureTable(List.of(a.features())));
        out.put("timbre", timbreTable(List.of(a.features())));
        out.put("bands", bandTable(a.ltas()));
        out.put("dynamics", dynamicsTable(a.dynamics()));
        if (a.loudness() != null) {
            out.put("loudness", loudnessTable(a.loudness()));
        }
        if (a.stereo() != null) {
            out.put("stereo", stereoTable(a.stereo()));
            out.put("stereo-bands", stereoBandTable(a.stereo()));
        }
        if (a.damage() != null) {
            out.put("damage", damageTable(a.damage()));
            if (!a.damage().clickList().isEmpty()) {
                out.put("clicks", clickTable(a.damage()));
            }
        }
        return out;
    }

    /** All tables of a comparison, by short file-friendly name. */
    public static Map<String, Table> tables(Comparison c) {
        Map<String, Table> out = new LinkedHashMap<>();
        out.put("compare-features", comparisonTable(c));
        out.put("compare-bands", comparisonBandTable(c));
        out.put("compare-eq", eqTable(c));
        out.put("compare-loudness", loudnessMatchTable(c));
        return out;
    }

    // ------------------------------------------------------------------ charts

    /**
     * Long-term average spectrum of every signal, smoothed over {@link #SMOOTHING_OCTAVES} of an octave,
     * in dBFS per Hz (AES17) on a log-frequency axis.
     */
    public static XYChart ltasChart(Ltas ltas) {
        return ltasChart(ltas, ltas.signals(), "Long-term average spectrum");
    }

    /** The spectrum of the chosen signals. */
    public static XYChart ltasChart(Ltas ltas, List<String> signals, String title) {
        Charts.XY c = Charts.xy(title).xLabel("Frequency (Hz)").yLabel("Level (dBFS/Hz)")
                .logFrequency(20, Math.min(20_000, ltas.sampleRate() / 2.0));
        for (String s : signals) {
            SmoothedSpectrum sm = ltas.smoothed(s, SMOOTHING_OCTAVES, 20, Math.min(20_000, ltas.sampleRate() / 2.0), 400);
            double[] db = new double[sm.power().length];
            for (int i = 0; i < db.length; i++) {
                db[i] = 10 * Math.log10(2 * sm.power()[i]);
            }
            c.line(s, sm.frequenciesHz(), db);
        }
        return c.build();
    }

    /**
     * Fractional-octave smoothing of a power spectrum.
     *
     * @deprecated the smoothing is analysis: use {@link SmoothedSpectrum#of} or {@link Ltas#smoothed}
     */
    @Deprecated
    public static double[][] smooth(double[] f, double[] power, double widthOctaves, double fromHz, double toHz, int points) {
        SmoothedSpectrum sm = SmoothedSpectrum.of(f, power, widthOctaves, fromHz, toHz, points);
        return new double[][] {sm.frequenciesHz(), sm.power()};
    }

    /**
     * Long-term spectra of several programmes on one chart, each level-normalised (relative to its own
     * total power from 20 Hz to 20 kHz) so the curves compare tonal balance, smoothed over
     * {@link #SMOOTHING_OCTAVES} of an octave. Each programme is shown by its mid signal ("M") when it
     * is stereo, else by its first signal.
     *
     * <pre>{@code
     * Views.ltasOverlayChart(Map.of("mix", Spectrum.ltas(mix), "reference", Spectrum.ltas(ref)))
     * }</pre>
     */
    public static XYChart ltasOverlayChart(Map<String, Ltas> spectra) {
        Charts.XY c = Charts.xy("Long-term spectra, level-normalised").xLabel("Frequency (Hz)")
                .yLabel("Level re total power (dB/Hz)").logFrequency();
        for (var e : spectra.entrySet()) {
            Ltas l = e.getValue();
            String sig = l.signals().contains("M") ? "M" : l.signals().get(0);
            double total = l.power(sig, 20, Math.min(20_000, l.sampleRate() / 2.0));
            SmoothedSpectrum sm = l.smoothed(sig, SMOOTHING_OCTAVES, 20, Math.min(20_000, l.sampleRate() / 2.0), 400);
            double[] db = new double[sm.power().length];
            for (int i = 0; i < db.length; i++) {
                db[i] = 10 * Math.log10(sm.power()[i] / total);
            }
            c.line(e.getKey(), sm.frequenciesHz(), db);
        }
        return c.build();
    }

    /** One-third-octave band levels of chosen signals as lines on a log-frequency axis. */
    public static XYChart bandChart(List<BandLevel> levels, String title) {
        Charts.XY c = Charts.xy(title).xLabel("Frequency (Hz)").yLabel("Band level (dBFS)").logFrequency();
        Map<String, List<BandLevel>> by = new LinkedHashMap<>();
        for (BandLevel l : levels) {
            by.computeIfAbsent(l.signal(), k -> new ArrayList<>()).add(l);
        }
        for (var e : by.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(BandLevel::centreHz).toArray();
            double[] y = e.getValue().stream().mapToDouble(BandLevel::levelDbfs).toArray();
            c.line(e.getKey(), x, y);
        }
        return c.build();
    }

    /**
     * Spectrogram heat map: at most 160 time columns (power averaged) by rows 1/20 decade (about 1/6
     * octave) wide from 30 Hz to Nyquist, centred on 10^(k/20) Hz so that rows fall on the round
     * frequencies 50, 100, 200, 500 Hz, 1, 2, 5, 10, 20 kHz (within 0.3 %), which are the labelled ones;
     * time labels at round times. Colour range: the top 90 dB.
     */
    public static HeatMapChart spectrogramChart(Spectrogram sg) {
        FoldedSpectrogram fs = FoldedSpectrogram.of(sg, 160, 30);
        double[] xs = fs.timesSeconds();
        double[][] z = fs.levelsDb();
        int cols = xs.length;
        int rows = fs.rowIndex().length;
        double max = fs.maxDb();
        List<String> yLabels = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            yLabels.add(roundFrequencyLabel(fs.rowIndex()[r]));
        }
        double span = fs.spanSeconds();
        double step = Charts.timeStepSeconds(span, 8);
        String[] xl = new String[cols];
        java.util.Arrays.fill(xl, "");
        double colWidth = cols > 1 ? (xs[cols - 1] - xs[0]) / (cols - 1) : span;
        for (int m = 0; m * step <= span + 1e-9; m++) {
            double t = m * step;
            int best = 0;
            for (int c = 1; c < cols; c++) {
                if (Math.abs(xs[c] - t) < Math.abs(xs[best] - t)) {
                    best = c;
                }
            }
            if (Math.abs(xs[best] - t) <= colWidth / 2 + 1e-9 && xl[best].isEmpty()) {
                xl[best] = Charts.formatTime(t, span);
            }
        }
        double top = Math.ceil(max / 10) * 10;
        return Charts.heatMap("Spectrogram (" + sg.signal() + "), level in dB", Charts.timeAxisTitle(span),
                "Frequency (Hz)", java.util.Arrays.asList(xl), yLabels, z, top - 90, top);
    }

    /** "50", "100", "200", "500", "1k" ... for rows 10^(k/20) Hz that sit on a 1-2-5 frequency, else "". */
    private static String roundFrequencyLabel(int k) {
        int d = Math.floorMod(k, 20);
        int mant = d == 0 ? 1 : d == 6 ? 2 : d == 14 ? 5 : 0;
        if (mant == 0) {
            return "";
        }
        long hz = Math.round(mant * Math.pow(10, Math.floorDiv(k, 20)));
        return hz >= 1000 ? (hz / 1000) + "k" : Long.toString(hz);
    }

    /** Loudness over time: momentary, short-term and running integrated (any may be null). */
    public static XYChart loudnessChart(double[] timesSeconds, double[] momentaryLufs, double[] shortTermLufs,
                                        double[] integratedLufs) {
        double end = timesSeconds.length == 0 ? 1 : timesSeconds[timesSeconds.length - 1];
        Charts.XY c = Charts.xy("Loudness over time").timeAxis(end).yLabel("Loudness (LUFS)");
        if (momentaryLufs != null) {
            c.line("momentary (400 ms)", timesSeconds, momentaryLufs);
        }
        if (shortTermLufs != null) {
            c.line("short-term (3 s)", timesSeconds, shortTermLufs);
        }
        if (integratedLufs != null) {
            c.line("integrated (running)", timesSeconds, integratedLufs);
        }
        return c.build();
    }

    /**
     * Loudness over time from a meter's series: momentary, short-term and running integrated loudness
     * (the gated integrated loudness from the start to each time, ITU-R BS.1770-4); the legend names the
     * programme's integrated loudness. A series without running values (all NaN) shows the report's
     * integrated loudness as a dashed line instead.
     */
    public static XYChart loudnessChart(mw.loudness.LoudnessSeries s, LoudnessReport report) {
        double end = s.size() == 0 ? 1 : s.timesSeconds()[s.size() - 1];
        boolean running = java.util.Arrays.stream(s.runningIntegratedLufs()).anyMatch(Double::isFinite);
        boolean hasI = report != null && Double.isFinite(report.integratedLufs());
        String title = "Loudness over time" + (hasI ? ", integrated " + Tables.format(report.integratedLufs()) + " LUFS" : "");
        Charts.XY c = Charts.xy(title).timeAxis(end).yLabel("Loudness (LUFS)")
                .line("momentary (400 ms)", s.timesSeconds(), s.momentaryLufs())
                .line("short-term (3 s)", s.timesSeconds(), s.shortTermLufs());
        if (running) {
            c.line("integrated (running)", s.timesSeconds(), s.runningIntegratedLufs());
        } else if (hasI) {
            c.horizontal("integrated " + Tables.format(report.integratedLufs()) + " LUFS", report.integratedLufs(), 0, end);
        }
        XYChart chart = c.build();
        if (running) {
            chart.getSeriesMap().get("integrated (running)").setLineWidth(2.6f);
        }
        return chart;
    }

    /** Spectral centroid and roll-off over time from framewise features. */
    public static XYChart featureTimeChart(mw.analysis.FeatureFrames f) {
        double[] t = f.timesSeconds();
        return Charts.xy("Spectral centroid and roll-off over time (" + f.signal() + ")")
                .timeAxis(t.length == 0 ? 1 : t[t.length - 1])
                .yLabel("Frequency (Hz)")
                .line("centroid", f.timesSeconds(), f.spectralCentroidHz())
                .line("roll-off 85 %", f.timesSeconds(), f.spectralRolloffHz())
                .build();
    }

    /** A histogram as bars. */
    public static CategoryChart histogramChart(LevelHistogram h, String title) {
        List<String> cats = new ArrayList<>();
        double[] v = new double[h.counts().length];
        for (int i = 0; i < v.length; i++) {
            cats.add(Tables.format(h.binStarts()[i]));
            v[i] = 100.0 * h.counts()[i] / Math.max(1, h.total());
        }
        CategoryChart c = Charts.bars(title, h.quantity() + ", bin start", "Share of time (%)", cats,
                List.of("share"), List.of(v));
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisMaxLabelCount(20);
        return c;
    }

    /**
     * The dynamics histogram: short-term loudness when the report has a series, otherwise the crest
     * factor of each window.
     */
    public static CategoryChart dynamicsHistogramChart(DynamicsReport d) {
        if (d.shortTermHistogram().total() > 0) {
            return histogramChart(d.shortTermHistogram(), "Short-term loudness distribution");
        }
        return histogramChart(LevelHistogram.of("crest factor per " + Tables.format(d.windowSeconds()) + " s window (dB)",
                d.crestPerWindowDb(), 1.0), "Crest factor distribution");
    }

    /** Crest factor per window over time. */
    public static XYChart crestChart(DynamicsReport d) {
        double[] t = d.windowTimesSeconds();
        double[] c = d.crestPerWindowDb();
        double end = t.length == 0 ? 1 : t[t.length - 1] + d.windowSeconds();
        // one more point at the end of the last window, so its step is drawn too
        double[] x = java.util.Arrays.copyOf(t, t.length + (t.length > 0 ? 1 : 0));
        double[] y = java.util.Arrays.copyOf(c, x.length);
        if (t.length > 0) {
            x[t.length] = end;
            y[t.length] = c[c.length - 1];
        }
        return Charts.xy("Crest factor over time").timeAxis(end).yLabel("Crest factor (dB)")
                .step("per " + Tables.format(d.windowSeconds()) + " s window", x, y)
                .build();
    }

    /** Phase correlation over time, -1 to +1. */
    public static XYChart correlationChart(StereoReport s) {
        double[] t = s.timesSeconds();
        double end = t.length == 0 ? 1 : t[t.length - 1];
        return Charts.xy("Phase correlation over time").timeAxis(end).yLabel("Correlation (-1 to +1)")
                .yRange(-1, 1)
                .line("correlation (" + Tables.format(s.windowSeconds()) + " s windows)", t, s.correlationOverTime())
                .horizontal("0", 0, 0, end)
                .build();
    }

    /** Goniometer (vectorscope): mid up, side across; left-only signals lean left. */
    public static XYChart goniometerChart(StereoReport s) {
        double m = 1e-6;
        for (int i = 0; i < s.goniometerX().length; i++) {
            m = Math.max(m, Math.max(Math.abs(s.goniometerX()[i]), Math.abs(s.goniometerY()[i])));
        }
        double r = Math.min(1.5, Math.ceil(m * 10) / 10);
        XYChart c = Charts.xy("Goniometer", 520, 520).xLabel("Side (R - L)/sqrt 2 (FS)").yLabel("Mid (L + R)/sqrt 2 (FS)")
                .xRange(-r, r).yRange(-r, r)
                .scatter("samples", s.goniometerX(), s.goniometerY())
                .build();
        c.getStyler().setLegendVisible(false);
        c.getStyler().setMarkerSize(2);
        return c;
    }

    /** Stereo width per band: side-to-mid energy and mono fold-down loss, dB, on a log-frequency axis. */
    public static XYChart widthChart(StereoReport s) {
        double[] f = s.bands().stream().mapToDouble(StereoBand::centreHz).toArray();
        double[] sm = s.bands().stream().mapToDouble(b -> clamp(b.sideToMidDb(), -40, 20)).toArray();
        double[] ml = s.bands().stream().mapToDouble(b -> clamp(b.monoLossDb(), -40, 20)).toArray();
        return Charts.xy("Stereo width per band").xLabel("Frequency (Hz)").yLabel("dB (clipped to -40 .. +20)")
                .logFrequency()
                .line("side to mid", f, sm)
                .line("mono fold-down loss", f, ml)
                .build();
    }

    private static double clamp(double v, double lo, double hi) {
        if (Double.isNaN(v)) {
            return Double.NaN;
        }
        return Math.max(lo, Math.min(hi, v));
    }

    /** Level-normalised one-third-octave overlay of a comparison. */
    public static XYChart comparisonChart(Comparison c) {
        double[] f = c.bands().stream().mapToDouble(Comparison.BandComparison::centreHz).toArray();
        Charts.XY x = Charts.xy("Tonal balance: mix against references").xLabel("Frequency (Hz)")
                .yLabel("Band level re total (dB)").logFrequency();
        x.line(c.mixName(), f, c.bands().stream().mapToDouble(Comparison.BandComparison::mixDb).toArray());
        x.line("references mean", f, c.bands().stream().mapToDouble(Comparison.BandComparison::referenceDb).toArray());
        if (c.referenceNames().size() > 1) {
            for (int i = 0; i < c.referenceNames().size(); i++) {
                int idx = i;
                x.line(c.referenceNames().get(i), f,
                        c.bands().stream().mapToDouble(b -> b.referencesDb()[idx]).toArray());
            }
        }
        XYChart chart = x.build();
        chart.getSeriesMap().get(c.mixName()).setLineWidth(2.6f);
        chart.getSeriesMap().get("references mean").setLineWidth(2.6f);
        return chart;
    }

    /** EQ suggestions as bars per octave band. */
    public static CategoryChart eqChart(Comparison c) {
        List<String> cats = c.eq().stream().map(Comparison.EqSuggestion::band).toList();
        double[] g = c.eq().stream().mapToDouble(Comparison.EqSuggestion::gainDb).toArray();
        CategoryChart chart = Charts.bars("EQ suggestions", "Octave band (Hz)", "Gain (dB)", cats, List.of("gain"), List.of(g));
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** All charts of an analysis, by short file-friendly name. */
    public static Map<String, Chart<?, ?>> charts(Analysis a) {
        Map<String, Chart<?, ?>> out = new LinkedHashMap<>();
        out.put("spectrum", ltasChart(a.ltas()));
        out.put("spectrogram", spectrogramChart(a.spectrogram()));
        if (a.loudnessSeries() != null && a.loudnessSeries().size() > 0) {
            out.put("loudness", loudnessChart(a.loudnessSeries(), a.loudness()));
        }
        out.put("crest", crestChart(a.dynamics()));
        out.put("dynamics-histogram", dynamicsHistogramChart(a.dynamics()));
        if (a.stereo() != null) {
            out.put("correlation", correlationChart(a.stereo()));
            out.put("goniometer", goniometerChart(a.stereo()));
            out.put("width", widthChart(a.stereo()));
        }
        return out;
    }

    /** All charts of a comparison. */
    public static Map<String, Chart<?, ?>> charts(Comparison c) {
        Map<String, Chart<?, ?>> out = new LinkedHashMap<>();
        out.put("compare-spectrum", comparisonChart(c));
        out.put("compare-eq", eqChart(c));
        return out;
    }

    // ------------------------------------------------------------------ reports

    /** Adds an analysis's sections to a report. */
    public static HtmlReport addTo(HtmlReport r, Analysis a) {
        return addTo(r, a, List.of());
    }

    /**
     * Adds an analysis's sections to a report, with a table of the features of every signal (mix,
     * channels, mid and side: {@code Features.perSignal(audio)}) in its Features section when
     * {@code perSignal} holds more than one signal.
     */
    public static HtmlReport addTo(HtmlReport r, Analysis a, List<FeatureSet> perSignal) {
        r.paragraph(String.format(Locale.ROOT, "%s: %d Hz, %d channel%s, %.2f s", a.name(), a.sampleRate(), a.channels(),
                a.channels() == 1 ? "" : "s", a.durationSeconds()));
        if (a.loudness() != null) {
            r.heading("Loudness").table(loudnessTable(a.loudness()));
        }
        if (a.loudnessSeries() != null && a.loudnessSeries().size() > 0) {
            r.chart(loudnessChart(a.loudnessSeries(), a.loudness()));
        }
        r.heading("Dynamics").table(dynamicsTable(a.dynamics()))
                .note("DR: Dynamic Range Meter algorithm (3 s blocks, loudest 20 %, second-highest peak); "
                        + "PLR = true peak - integrated loudness; PSR = true peak - maximum short-term loudness.")
                .chart(crestChart(a.dynamics())).chart(dynamicsHistogramChart(a.dynamics()));
        r.heading("Spectrum").chart(ltasChart(a.ltas())).table(bandTable(a.ltas())).chart(spectrogramChart(a.spectrogram()));
        r.heading("Features").table(featureTable(List.of(a.features()))).table(timbreTable(List.of(a.features())))
                .note("librosa definitions and defaults (n_fft 2048, hop 512, Hann, centred); means over frames.");
        if (perSignal.size() > 1) {
            r.table(signalFeatureTable(perSignal))
                    .note("M = (L + R)/2, S = (L - R)/2; a silent signal has no spectrum, so its "
                            + "centroid, bandwidth and roll-off read 0 as librosa defines them.");
        }
        if (a.stereo() != null) {
            r.heading("Stereo").table(stereoTable(a.stereo())).chart(correlationChart(a.stereo()))
                    .chart(goniometerChart(a.stereo())).chart(widthChart(a.stereo())).table(stereoBandTable(a.stereo()));
        }
        if (a.damage() != null) {
            addTo(r, a.damage());
        }
        return r;
    }

    /** Adds a damage section: the summary, the note on how it is measured, and where the clicks are. */
    public static HtmlReport addTo(HtmlReport r, mw.analysis.DamageReport d) {
        r.heading("Damage").table(damageTable(d)).note(DAMAGE_NOTE);
        if (!d.clickList().isEmpty()) {
            // times to the millisecond as a timeline shows them (the table's seconds round to three digits)
            Tables.Builder b = Tables.builder("Clicks").columns("time", "frame", "samples", "channel");
            for (mw.analysis.DamageReport.Click c : d.clickList()) {
                long ms = Math.round(c.seconds() * 1000);
                b.row(String.format(java.util.Locale.ROOT, "%d:%02d.%03d", ms / 60_000, ms / 1000 % 60, ms % 1000), c.frame(),
                        c.samples(), c.channel());
            }
            r.table(b.build());
        }
        return r;
    }

    /** A report of one analysis. */
    public static HtmlReport report(Analysis a) {
        return addTo(HtmlReport.titled("Analysis of " + a.name()), a);
    }

    /** A report of one analysis with the features of every signal (see {@link #addTo(HtmlReport, Analysis, List)}). */
    public static HtmlReport report(Analysis a, List<FeatureSet> perSignal) {
        return addTo(HtmlReport.titled("Analysis of " + a.name()), a, perSignal);
    }

    /** Adds a comparison's sections to a report. */
    public static HtmlReport addTo(HtmlReport r, Comparison c) {
        r.heading("Comparison with references").paragraph("Mix: " + c.mixName() + "; references: "
                + String.join(", ", c.referenceNames()));
        if (!c.notes().isEmpty()) {
            r.note(c.notes());
        }
        r.table(comparisonTable(c)).table(loudnessMatchTable(c)).chart(comparisonChart(c))
                .table(eqTable(c)).chart(eqChart(c)).table(comparisonBandTable(c));
        return r;
    }
}
