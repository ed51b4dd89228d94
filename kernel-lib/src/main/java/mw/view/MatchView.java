package mw.view;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.LoudnessMeter;
import mw.matching.MatchPlan;
import mw.matching.MatchProfile;
import mw.workflow.Study;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * How a reference match is shown: tables of the moves, the EQ bands, the width bands and the figures
 * (target, predicted, result, reference), a chart of the three mid spectra over each other (each
 * level-aligned on its mean over 31.5 Hz-16 kHz, 1/3-octave smoothed) and a chart of the EQ curve,
 * and an HTML page with all of them, headed by A/B/C players of target, result and reference.
 */
public final class MatchView {
    private MatchView() {
    }

    /** One row of the figures table. */
    public record FigureRow(String figure, double target, double predicted, double result, double reference) {
    }

    /** One row of the moves table. */
    public record MoveRow(String dimension, String move) {
    }

    /** One row of the EQ table. */
    public record EqRow(String type, double frequencyHz, double gainDb, double q) {
    }

    /** One row of the width table. */
    public record WidthRow(String band, double targetSideToMidDb, double referenceSideToMidDb, double changeDb, double factor) {
    }

    public static Table moves(MatchPlan plan) {
        List<MoveRow> rows = new ArrayList<>();
        for (MatchPlan.Move m : plan.moves()) {
            rows.add(new MoveRow(m.dimension(), m.text()));
        }
        return Tables.of("moves", rows);
    }

    public static Table eq(MatchPlan plan) {
        List<EqRow> rows = new ArrayList<>();
        for (MatchPlan.EqBand b : plan.eq()) {
            rows.add(new EqRow(b.shape().id(), round(b.frequencyHz(), 0), round(b.gainDb(), 2), round(b.q(), 2)));
        }
        return Tables.of(String.format(Locale.ROOT, "parametric EQ (within %.2f dB of the FIR curve)", plan.eqFitErrorDb()), rows);
    }

    public static Table widths(MatchPlan plan) {
        List<WidthRow> rows = new ArrayList<>();
        for (MatchPlan.WidthBand w : plan.widths()) {
            rows.add(new WidthRow(String.format(Locale.ROOT, "%.0f-%.0f Hz", w.lowHz(), w.highHz()), round(w.targetDb(), 2),
                    round(w.referenceDb(), 2), round(w.changeDb(), 2), round(w.factor(), 3)));
        }
        return Tables.of("width per band (side/mid, dB)", rows);
    }

    /** The figures: the target's, the predicted result's, the measured result's (NaN when not rendered), the reference's. */
    public static Table figures(MatchPlan plan, MatchPlan.Figures result) {
        MatchPlan.Figures t = plan.before();
        MatchPlan.Figures p = plan.after();
        MatchPlan.Figures r = plan.referenceFigures();
        MatchPlan.Figures x = result == null ? new MatchPlan.Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN) : result;
        List<FigureRow> rows = new ArrayList<>();
        rows.add(row("spectral distance, mid (dB)", t.midDistanceDb(), p.midDistanceDb(), x.midDistanceDb(), r.midDistanceDb()));
        rows.add(row("spectral distance, side (dB)", t.sideDistanceDb(), p.sideDistanceDb(), x.sideDistanceDb(), r.sideDistanceDb()));
        rows.add(row("width, side/mid (dB)", t.widthDb(), p.widthDb(), x.widthDb(), r.widthDb()));
        rows.add(row("integrated (LUFS)", t.integratedLufs(), p.integratedLufs(), x.integratedLufs(), r.integratedLufs()));
        rows.add(row("true peak (dBTP)", t.truePeakDbtp(), p.truePeakDbtp(), x.truePeakDbtp(), r.truePeakDbtp()));
        rows.add(row("PLR (dB)", t.plrDb(), p.plrDb(), x.plrDb(), r.plrDb()));
        rows.add(row("loudness range (LU)", t.loudnessRangeLu(), p.loudnessRangeLu(), x.loudnessRangeLu(), r.loudnessRangeLu()));
        Table table = Tables.of("figures (spectral distances to the reference, 1/3 octave, loud passages)", rows);
        for (int c = 1; c < table.columnCount(); c++) {
            if (table.column(c) instanceof tech.tablesaw.api.DoubleColumn d) {
                Tables.fixedDecimals(d, 2);
            }
        }
        return table;
    }

    private static FigureRow row(String name, double a, double b, double c, double d) {
        return new FigureRow(name, round(a, 2), round(b, 2), round(c, 2), round(d, 2));
    }

    private static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Mid spectra of target, reference and (when given) result, 1/3-octave smoothed, each aligned on its mean level. */
    public static XYChart spectra(MatchPlan plan, MatchProfile result) {
        double[] hz = MatchProfile.gridHz();
        Charts.XY c = Charts.xy("Mid spectrum (loud passages, 1/3-octave smoothed, levels aligned)")
                .xLabel("Frequency (Hz)").yLabel("Level (dB, relative)").logFrequency(20, 20_000);
        addAligned(c, "target", hz, plan.target().smoothedDb(true, 1.0 / 3));
        addAligned(c, "reference", hz, plan.reference().smoothedDb(true, 1.0 / 3));
        if (result != null) {
            addAligned(c, "result", hz, result.smoothedDb(true, 1.0 / 3));
        }
        return c.build();
    }

    private static void addAligned(Charts.XY c, String name, double[] hz, double[] db) {
        double mean = 0;
        int n = 0;
        for (int i = 0; i < hz.length; i++) {
            if (hz[i] >= 31.5 && hz[i] <= 16_000 && Double.isFinite(db[i])) {
                mean += db[i];
                n++;
            }
        }
        mean /= n;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < hz.length; i++) {
            if (Double.isFinite(db[i])) {
                xs.add(hz[i]);
                ys.add(db[i] - mean);
            }
        }
        c.line(name, xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The EQ: the smoothed difference asked for, the FIR curve applied, and the parametric bands' sum. */
    public static XYChart curve(MatchPlan plan) {
        Charts.XY c = Charts.xy("EQ: reference minus target, and the correction").xLabel("Frequency (Hz)").yLabel("Gain (dB)")
                .logFrequency(20, 20_000);
        c.line("difference (smoothed)", plan.curveHz(), plan.wantedDb());
        c.line("FIR correction", plan.curveHz(), plan.curveDb());
        if (!plan.eq().isEmpty()) {
            double[] sum = new double[plan.curveHz().length];
            for (MatchPlan.EqBand b : plan.eq()) {
                double[] r = b.toEq().response(plan.target().sampleRate(), plan.curveHz()).magnitudeDb();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += r[i];
                }
            }
            c.line("parametric EQ (" + plan.eq().size() + " bands)", plan.curveHz(), sum);
        }
        return c.build();
    }

    /** Length of the listening excerpts, seconds. */
    public static final double EXCERPT_SECONDS = 10;

    /**
     * The listening excerpts of a match, written beside its page: the same passage of the target and the
     * result, and a passage of the reference, each brought to the same loudness ({@code levelLufs}, the
     * quietest of the three excerpts' own integrated loudness, so no excerpt is raised and none needs a
     * limiter), so that the players compare tone, width and dynamics rather than level.
     *
     * @param target                 the target excerpt's path relative to the page
     * @param result                 the result excerpt's path relative to the page
     * @param reference              the reference excerpt's path relative to the page
     * @param referenceName          the reference file's name
     * @param startSeconds           where the target and result excerpts start
     * @param referenceStartSeconds  where the reference excerpt starts
     * @param seconds                length of each excerpt
     * @param targetSeconds          length of the target
     * @param referenceSeconds       length of the reference
     * @param levelLufs              loudness of every excerpt as played
     * @param gainsDb                gain given to the target, result and reference excerpts, dB
     */
    public record Excerpts(String target, String result, String reference, String referenceName, double startSeconds,
                           double referenceStartSeconds, double seconds, double targetSeconds, double referenceSeconds,
                           double levelLufs, double[] gainsDb) {
    }

    /**
     * Writes the three listening excerpts (16-bit WAV, 20 ms fades, through {@link Audio#writeGuarded} as a
     * study's excerpts are) into {@code dir/audio/} as {@code STEM-target.wav}, {@code -result.wav} and
     * {@code -reference.wav}. The target and result passage is the target's loudest {@link #EXCERPT_SECONDS}
     * (by its mid level envelope); the reference's is its own loudest, or the same times when target and
     * reference are the same recording. {@code referenceProfile} is the profile of {@code referenceFile}
     * alone (the first reference when there are several). Never writes over any of {@code inputs}.
     */
    public static Excerpts writeExcerpts(MatchPlan plan, Path targetFile, Path resultFile, Path referenceFile,
                                         MatchProfile referenceProfile, Path dir, String stem, List<Path> inputs) {
        double seconds = Math.min(EXCERPT_SECONDS, Math.min(plan.target().durationSeconds(), referenceProfile.durationSeconds()));
        double start = loudestStart(plan.target(), seconds);
        double refStart = plan.sameRecording() && plan.target().durationSeconds() <= referenceProfile.durationSeconds() + 0.05
                ? start : loudestStart(referenceProfile, seconds);
        AudioBuffer[] a = {Study.readExcerpt(targetFile, start, seconds), Study.readExcerpt(resultFile, start, seconds),
            Study.readExcerpt(referenceFile, refStart, seconds)};
        double[] lufs = new double[3];
        double level = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            LoudnessMeter m = new LoudnessMeter(a[i].sampleRate(), a[i].layout()).withoutTruePeak();
            m.add(a[i]);
            lufs[i] = m.integratedLufs();
            if (Double.isFinite(lufs[i])) {
                level = Math.min(level, lufs[i]);
            }
        }
        String[] names = {"target", "result", "reference"};
        String[] rel = new String[3];
        double[] gains = new double[3];
        for (int i = 0; i < 3; i++) {
            gains[i] = Double.isFinite(lufs[i]) && Double.isFinite(level) ? level - lufs[i] : 0;
            rel[i] = "audio/" + stem + "-" + names[i] + ".wav";
            Audio.writeGuarded(Study.fade(a[i].gainDb(gains[i]), 0.02), dir.resolve(rel[i]), SampleFormat.PCM_16, inputs);
        }
        return new Excerpts(rel[0], rel[1], rel[2], referenceFile.getFileName().toString(), start, refStart, seconds,
                plan.target().durationSeconds(), referenceProfile.durationSeconds(), Double.isFinite(level) ? level : Double.NaN, gains);
    }

    /**
     * Start of the loudest passage of {@code seconds} (highest mean mid power over the profile's level
     * envelope), to a tenth of a second; 0 when the profile is no longer or has no envelope.
     */
    static double loudestStart(MatchProfile p, double seconds) {
        float[] env = p.envelopeDb();
        int w = (int) Math.round(seconds / MatchProfile.ENVELOPE_SECONDS);
        if (env.length <= w || p.durationSeconds() <= seconds) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < w; i++) {
            sum += Math.pow(10, env[i] / 10);
        }
        double best = sum;
        int at = 0;
        for (int i = w; i < env.length; i++) {
            sum += Math.pow(10, env[i] / 10) - Math.pow(10, env[i - w] / 10);
            if (sum > best * (1 + 1e-9)) {
                best = sum;
                at = i - w + 1;
            }
        }
        double start = at * MatchProfile.ENVELOPE_SECONDS;
        return Math.max(0, Math.min(p.durationSeconds() - seconds, Math.floor(start * 10) / 10));
    }

    private static final String PLAYER_CSS = """
            .abc{display:flex;flex-wrap:wrap;gap:.6em 1.2em;margin:.6em 0 .2em}
            .abc figure{flex:1 1 290px;margin:0;padding:.5em .7em;border:1px solid #dde3ea;border-radius:6px;background:#f7f9fb}
            .abc figcaption{color:#222;font-size:.95em;margin-bottom:.35em}.abc figcaption b{color:#0072b2;margin-right:.3em}
            .abc figcaption span{color:#666;font-size:.9em}.abc audio{width:100%;height:34px}
            """;

    /** The A/B/C players of {@code x}, with the passage named. */
    static void players(HtmlReport r, MatchPlan plan, Excerpts x) {
        r.style(PLAYER_CSS);
        r.heading("Listen: A target, B result, C reference");
        String span = Format.number(x.seconds(), 0) + " s";
        StringBuilder h = new StringBuilder("<div class=\"abc\">");
        player(h, "A", "target (before)", x.target(), x.gainsDb()[0]);
        player(h, "B", "result", x.result(), x.gainsDb()[1]);
        player(h, "C", "reference", x.reference(), x.gainsDb()[2]);
        h.append("</div>");
        r.html(h.toString());
        String passage = span + " from " + StudyView.clock(x.startSeconds(), Math.max(60, x.targetSeconds())) + " of "
                + plan.target().name() + " and of the result (the target's loudest passage)";
        String ref = x.referenceStartSeconds() == x.startSeconds() && plan.sameRecording()
                ? "the same passage of " + x.referenceName()
                : span + " from " + StudyView.clock(x.referenceStartSeconds(), Math.max(60, x.referenceSeconds())) + " of "
                        + x.referenceName() + " (its loudest passage)";
        r.note(passage + "; " + ref + ". Each is played at " + Format.number(x.levelLufs(), 1)
                + " LUFS, its own loudness matched, so the players compare tone, width and dynamics, not level.");
    }

    private static void player(StringBuilder h, String letter, String what, String src, double gainDb) {
        h.append("<figure class=\"player\"><figcaption><b>").append(letter).append("</b>").append(HtmlReport.escape(what))
                .append(" <span>(").append(HtmlReport.escape(Math.abs(gainDb) < 0.05 ? "played at its own level"
                        : "played " + Format.number(Math.abs(gainDb), 1) + " dB " + (gainDb < 0 ? "down" : "up")))
                .append(")</span></figcaption><audio controls preload=\"none\" src=\"").append(HtmlReport.escape(src))
                .append("\"></audio></figure>");
    }

    /** The whole page. {@code result} and {@code measured} may be null (plan only). */
    public static HtmlReport report(MatchPlan plan, MatchProfile result, MatchPlan.Figures measured) {
        return report(plan, result, measured, null);
    }

    /** The whole page, with A/B/C players when {@code excerpts} is not null. */
    public static HtmlReport report(MatchPlan plan, MatchProfile result, MatchPlan.Figures measured, Excerpts excerpts) {
        HtmlReport r = HtmlReport.titled("Reference match: " + plan.target().name() + " to " + plan.reference().name());
        r.paragraph(String.format(Locale.ROOT, "Strength %.0f %%, dimensions %s, limits +%.1f / -%.1f dB, smoothing %.2f octave, "
                        + "ceiling %.1f dBTP%s.", 100 * plan.settings().strength(), plan.settings().dimensions().replace(",", ", "),
                plan.settings().maxBoostDb(), plan.settings().maxCutDb(), plan.settings().smoothingOctaves(),
                plan.settings().ceilingDbtp(), plan.sameRecording() ? "; target and reference are the same recording" : ""));
        if (excerpts != null) {
            players(r, plan, excerpts);
        }
        r.heading("Moves and reasons");
        r.table(moves(plan));
        r.heading("Figures");
        r.table(figures(plan, measured));
        r.heading("Spectra");
        r.chart(spectra(plan, result), "Mid spectra of the loud passages; the result should lie on the reference.");
        r.heading("EQ");
        r.chart(curve(plan), "The FIR stage follows the correction; the parametric bands are its closest readable form.");
        r.table(eq(plan));
        r.heading("Width");
        r.table(widths(plan));
        return r;
    }

    /** Writes the page to a file (through a temporary file). */
    public static Path writeReport(MatchPlan plan, MatchProfile result, MatchPlan.Figures measured, Path file) {
        return report(plan, result, measured).write(file);
    }

    /** Writes the page with A/B/C players of {@code excerpts} (written by {@link #writeExcerpts} into the page's folder). */
    public static Path writeReport(MatchPlan plan, MatchProfile result, MatchPlan.Figures measured, Excerpts excerpts, Path file) {
        return report(plan, result, measured, excerpts).write(file);
    }
}
