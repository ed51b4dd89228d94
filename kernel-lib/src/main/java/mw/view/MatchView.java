package mw.view;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mw.matching.MatchPlan;
import mw.matching.MatchProfile;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * How a reference match is shown: tables of the moves, the EQ bands, the width bands and the figures
 * (target, predicted, result, reference), a chart of the three mid spectra over each other (each
 * level-aligned on its mean over 31.5 Hz-16 kHz, 1/3-octave smoothed) and a chart of the EQ curve,
 * and an HTML page with all of them.
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
        return Tables.of("figures (spectral distances to the reference, 1/3 octave, loud passages)", rows);
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

    /** The whole page. {@code result} and {@code measured} may be null (plan only). */
    public static HtmlReport report(MatchPlan plan, MatchProfile result, MatchPlan.Figures measured) {
        HtmlReport r = HtmlReport.titled("Reference match: " + plan.target().name() + " to " + plan.reference().name());
        r.paragraph(String.format(Locale.ROOT, "Strength %.0f %%, dimensions %s, limits +%.1f / -%.1f dB, smoothing %.2f octave, "
                        + "ceiling %.1f dBTP%s.", 100 * plan.settings().strength(), plan.settings().dimensions(),
                plan.settings().maxBoostDb(), plan.settings().maxCutDb(), plan.settings().smoothingOctaves(),
                plan.settings().ceilingDbtp(), plan.sameRecording() ? "; target and reference are the same recording" : ""));
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
}
