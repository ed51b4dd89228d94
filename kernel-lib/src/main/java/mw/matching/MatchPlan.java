package mw.matching;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.SampleFormat;
import mw.processing.Chain;
import mw.processing.Compressor;
import mw.processing.Eq;
import mw.processing.FirEq;
import mw.processing.Limiter;
import mw.processing.LoudnessTarget;
import mw.processing.Processor;
import mw.processing.Stereo;

/**
 * A reference match: the moves, why each is made, and the figures before, predicted after, and of
 * the reference. {@link #chain()} is an ordinary chain of the workbench's processors (tune it, save it
 * as a preset, render it); {@link #apply(AudioBuffer)} renders it to the loudness target.
 *
 * <p>The tonal stage is a linear-phase {@link FirEq}: it follows the smoothed curve exactly (the
 * parametric bands approximate it; {@link #eqFitErrorDb()} says how closely), and linear phase leaves
 * transients and the relation between left and right untouched, which matters because the curve
 * comes from a long-term average and must not smear what it does not measure. Its delay is
 * compensated by the chain; pre-ringing is negligible because the curve is smooth (an octave or
 * wider) and limited to a few dB.
 *
 * @param settings        the knobs used
 * @param target          what was measured on the target
 * @param reference       what was measured on the reference(s)
 * @param sameRecording   whether target and reference are the same recording (then differences are followed fully)
 * @param samePiece       how likely target and reference are two parts of one piece, 0 to 1 (0 for the same recording
 *                        or with the content guard off): the weight of the mastering estimate against following the reference
 * @param toneTrust       share of the tonal difference taken as mastering, 0 to 1 (multiplies the strength)
 * @param widthTrust      the same for width
 * @param curveHz         frequencies of the tonal curve
 * @param wantedDb        the smoothed difference reference minus target (mean removed), before strength and limits
 * @param curveDb         the tonal correction applied (strength and limits applied), on mid and side alike
 * @param eq              the closest parametric EQ of at most 8 bands to {@code curveDb}
 * @param eqFitErrorDb    RMS difference between the parametric EQ and the curve, dB
 * @param widths          side level change per band
 * @param targetLufs      loudness asked for
 * @param reachableLufs   the loudness expected under the ceiling (lower than asked when out of reach)
 * @param dynamics        the compressor move, or null
 * @param moves           every move and its reason, in words
 * @param before          the target's figures
 * @param after           the predicted figures of the result
 * @param referenceFigures the reference's figures
 */
public record MatchPlan(MatchSettings settings, MatchProfile target, MatchProfile reference, boolean sameRecording,
                        double samePiece, double toneTrust, double widthTrust, double[] curveHz,
                        double[] wantedDb, double[] curveDb, List<EqBand> eq, double eqFitErrorDb,
                        List<WidthBand> widths, double targetLufs, double reachableLufs, DynamicsMove dynamics,
                        List<Move> moves, Figures before, Figures after, Figures referenceFigures) {

    /** One parametric EQ band. */
    public record EqBand(Eq.Shape shape, double frequencyHz, double gainDb, double q) {
        public Eq toEq() {
            return Eq.of(shape, frequencyHz, gainDb, q, 12);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.0f Hz %+.1f dB%s", shape.id(), frequencyHz, gainDb,
                    shape == Eq.Shape.PEAK ? String.format(Locale.ROOT, " Q %.1f", q) : "");
        }
    }

    /**
     * Width in one band: side-to-mid ratios of target and reference (dB) and the side level change made.
     */
    public record WidthBand(double lowHz, double highHz, double targetDb, double referenceDb, double changeDb) {
        /** The width factor on the side signal. */
        public double factor() {
            return Math.pow(10, changeDb / 20);
        }
    }

    /** A slow compressor toward the reference's loudness range (RMS detector). */
    public record DynamicsMove(double ratio, double thresholdDb, double attackMs, double releaseMs, double rmsMs) {
        public Compressor toCompressor() {
            return Compressor.ratio(ratio).thresholdDb(thresholdDb).attackMs(attackMs).releaseMs(releaseMs)
                    .detector(Compressor.Detector.RMS).rmsMs(rmsMs).kneeDb(6);
        }
    }

    /** One move of the plan: its dimension (tone, width, loudness, dynamics) and its reason in words. */
    public record Move(String dimension, String text) {
        @Override
        public String toString() {
            return dimension + ": " + text;
        }
    }

    /**
     * Figures of one signal: spectral distance to the reference's mid and side (1/3 octave, dB), width
     * (side/mid, dB), loudness, true peak, PLR and LRA.
     */
    public record Figures(double midDistanceDb, double sideDistanceDb, double widthDb, double integratedLufs,
                          double truePeakDbtp, double plrDb, double loudnessRangeLu) {
    }

    /** The same measurements re-planned with other settings (no audio is read again). */
    public MatchPlan with(MatchSettings s) {
        return Match.plan(target, reference, s);
    }

    /** The tonal stage as a linear-phase FIR, or null when tone is off. */
    public FirEq fir() {
        if (!settings.tone()) {
            return null;
        }
        return FirEq.fromCurve(curveHz, curveDb);
    }

    /** The width stage, or null when no band changes. */
    public Stereo widthStage() {
        boolean any = false;
        double[] f = new double[widths.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = Math.min(2, widths.get(i).factor());
            any |= widths.get(i).changeDb() != 0;
        }
        return any && target.stereo() ? Stereo.bandWidths(Match.WIDTH_CROSSOVERS_HZ.clone(), f) : null;
    }

    /** The processors before the loudness stage: FIR tone, width, compressor (those in use). */
    List<Processor> shaping(boolean parametric) {
        List<Processor> p = new ArrayList<>();
        if (settings.tone()) {
            if (parametric) {
                for (EqBand b : eq) {
                    p.add(b.toEq());
                }
            } else {
                p.add(fir());
            }
        }
        Stereo w = widthStage();
        if (w != null) {
            p.add(w);
        }
        return p;
    }

    /**
     * The whole plan as a chain: FIR tone, width, compressor, then a true-peak limiter at the ceiling
     * (the loudness gain goes in front of it when {@link #apply} renders).
     */
    public Chain chain() {
        return build(false);
    }

    /** As {@link #chain()} with the parametric EQ in place of the FIR (easier to read and tune). */
    public Chain parametricChain() {
        return build(true);
    }

    private Chain build(boolean parametric) {
        return withDynamics(Chain.of(shaping(parametric)));
    }

    /** {@code c} followed by the plan's compressor (if any) and the true-peak limiter at the ceiling. */
    private Chain withDynamics(Chain c) {
        if (dynamics != null) {
            c.add(dynamics.toCompressor());
        }
        c.add(Limiter.truePeak(settings.ceilingDbtp()));
        return c;
    }

    /** Tone, width and the compressor: every stage in front of the loudness gain and the limiter. */
    private Chain beforeLimiter() {
        Chain c = Chain.of(shaping(false));
        if (dynamics != null) {
            c.add(dynamics.toCompressor());
        }
        return c;
    }

    /** The target through the tone and width stages (the FIR), or the target itself when there are none. */
    private AudioBuffer shaped(AudioBuffer audio) {
        List<Processor> pre = shaping(false);
        return pre.isEmpty() ? audio : Chain.of(pre).process(audio);
    }

    /** What {@link #apply} produced: the audio, and the loudness stage's outcome. */
    public record Result(AudioBuffer audio, LoudnessTarget.Result loudness) {
        /** Whether the loudness target was reached within 0.1 LU. */
        public boolean reached() {
            return loudness.reached();
        }
    }

    /**
     * Renders the plan on the target: tone and width once, then the compressor and limiter with the gain
     * that reaches {@link #targetLufs()} (or what the ceiling permits).
     */
    public Result apply(AudioBuffer audio) {
        LoudnessTarget.Result r = LoudnessTarget.render(shaped(audio), withDynamics(Chain.of()), targetLufs,
                settings.ceilingDbtp());
        return new Result(r.audio(), r);
    }

    /**
     * Renders a file whose audio is already in memory ({@code audio}, read from {@code in}): tone, width and
     * compressor once, then the gain search on the limiter's prediction ({@link MatchRender}; the search of
     * {@link LoudnessTarget#renderUnmeasured} when the float copy would not fit in memory), written to
     * {@code out} in {@code format} (never over {@code in}). The output's loudness and true peak are left to
     * the caller to measure from the written file, once; the result's {@code outputLufs} is the search's
     * reading before dither and its true peak is NaN.
     */
    public LoudnessTarget.Result apply(AudioBuffer audio, Path in, Path out, SampleFormat format, LongConsumer progress) {
        if (MatchRender.fits(audio.frames(), audio.channels())) {
            return MatchRender.toFile(MatchRender.of(audio), beforeLimiter(), audio.sampleRate(), audio.layout(), audio.frames(),
                    targetLufs, settings.ceilingDbtp(), LoudnessTarget.DEFAULT_MAX_LIMITING_DB, target.loudness().integratedLufs(),
                    out, format, List.of(in), progress);
        }
        LoudnessTarget.Result r = LoudnessTarget.renderUnmeasured(shaped(audio), withDynamics(Chain.of()), targetLufs,
                settings.ceilingDbtp(), LoudnessTarget.DEFAULT_MAX_LIMITING_DB, progress);
        mw.io.Audio.writeGuarded(r.audio(), out, format, List.of(in));
        return r;
    }

    /**
     * Renders a file: when its shaped audio fits in memory as 32-bit floats, as {@link MatchRender} describes
     * (the file is read once more, block by block); otherwise in bounded memory: tone and width stream once
     * into a temporary 32-bit float file beside {@code out}, which the loudness stage then renders into
     * {@code out} (never an input).
     */
    public LoudnessTarget.Result apply(Path in, Path out, SampleFormat format, LongConsumer progress) {
        mw.io.AudioFileInfo info = mw.io.Audio.info(in);
        if (info.frames() > 0 && MatchRender.fits(info.frames(), info.channels())) {
            // the shaped audio as 32-bit floats and the limiter's prediction fit: one detector pass, one render
            try (mw.io.AudioReader reader = mw.io.Audio.open(in)) {
                return MatchRender.toFile(reader::read, beforeLimiter(), info.sampleRate(), info.layout(), (int) info.frames(),
                        targetLufs, settings.ceilingDbtp(), LoudnessTarget.DEFAULT_MAX_LIMITING_DB,
                        target.loudness().integratedLufs(), out, format, List.of(in), progress);
            }
        }
        List<Processor> pre = shaping(false);
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Path src = in;
            if (!pre.isEmpty()) {
                Files.createDirectories(dir);
                // an Outputs temporary file: removed if the process is interrupted, swept by the next run if killed
                tmp = mw.io.Outputs.tempFile(dir, out.getFileName() + ".shaped", out);
                Chain.of(pre).render(in, tmp, SampleFormat.FLOAT_32, null);
                src = tmp;
            }
            return LoudnessTarget.render(src, out, format, withDynamics(Chain.of()), targetLufs, settings.ceilingDbtp(),
                    LoudnessTarget.DEFAULT_MAX_LIMITING_DB, progress);
        } catch (IOException e) {
            throw new WorkbenchException(out, "could not be written: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                mw.io.Outputs.deleteTemp(tmp);
            }
        }
    }

    /** The moves of one dimension. */
    public List<Move> moves(String dimension) {
        return moves.stream().filter(m -> m.dimension().equalsIgnoreCase(dimension)).toList();
    }

    /** The plan as JSON (settings, moves, EQ bands, widths, loudness, dynamics, figures). */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        ObjectNode s = o.putObject("settings");
        s.put("strength", settings.strength());
        s.put("dimensions", settings.dimensions());
        s.put("max_boost_db", settings.maxBoostDb());
        s.put("max_cut_db", settings.maxCutDb());
        s.put("smoothing_octaves", settings.smoothingOctaves());
        s.put("content_guard", settings.contentGuard());
        s.put("ceiling_dbtp", settings.ceilingDbtp());
        o.put("same_recording", sameRecording);
        o.put("same_piece", r2(samePiece));
        o.put("tone_trust", r2(toneTrust));
        o.put("width_trust", r2(widthTrust));
        o.put("target", target.name());
        o.put("reference", reference.name());
        ArrayNode mv = o.putArray("moves");
        for (Move m : moves) {
            mv.addObject().put("dimension", m.dimension()).put("reason", m.text());
        }
        ArrayNode e = o.putArray("eq");
        for (EqBand b : eq) {
            e.addObject().put("type", b.shape().id()).put("frequency_hz", r2(b.frequencyHz())).put("gain_db", r2(b.gainDb()))
                    .put("q", r2(b.q()));
        }
        o.put("eq_fit_error_db", r2(eqFitErrorDb));
        ArrayNode c = o.putArray("curve");
        for (int i = 0; i < curveHz.length; i += 4) {
            c.addObject().put("hz", r2(curveHz[i])).put("db", r2(curveDb[i])).put("wanted_db", r2(wantedDb[i]));
        }
        ArrayNode w = o.putArray("width");
        for (WidthBand b : widths) {
            ObjectNode x = w.addObject().put("low_hz", b.lowHz()).put("high_hz", r2(b.highHz()));
            num(x, "target_side_to_mid_db", b.targetDb());
            num(x, "reference_side_to_mid_db", b.referenceDb());
            x.put("change_db", r2(b.changeDb()));
        }
        ObjectNode l = o.putObject("loudness");
        l.put("target_lufs", r2(targetLufs));
        l.put("reachable_lufs", r2(reachableLufs));
        l.put("ceiling_dbtp", settings.ceilingDbtp());
        if (dynamics != null) {
            o.putObject("compressor").put("ratio", dynamics.ratio()).put("threshold_db", dynamics.thresholdDb())
                    .put("attack_ms", dynamics.attackMs()).put("release_ms", dynamics.releaseMs()).put("rms_ms", dynamics.rmsMs());
        } else {
            o.putNull("compressor");
        }
        ObjectNode fig = o.putObject("figures");
        figures(fig.putObject("before"), before);
        figures(fig.putObject("predicted_after"), after);
        figures(fig.putObject("reference"), referenceFigures);
        return o;
    }

    private static void figures(ObjectNode o, Figures x) {
        num(o, "mid_distance_db", x.midDistanceDb());
        num(o, "side_distance_db", x.sideDistanceDb());
        num(o, "width_db", x.widthDb());
        num(o, "integrated_lufs", x.integratedLufs());
        num(o, "true_peak_dbtp", x.truePeakDbtp());
        num(o, "plr_db", x.plrDb());
        num(o, "loudness_range_lu", x.loudnessRangeLu());
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, r2(v));
        } else {
            o.putNull(k);
        }
    }

    private static double r2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "MatchPlan[%s -> %s, strength %.0f %%, %s]%n", target.name(), reference.name(),
                100 * settings.strength(), settings.dimensions()));
        for (Move m : moves) {
            sb.append("  ").append(m).append('\n');
        }
        if (!eq.isEmpty()) {
            sb.append("  parametric EQ: ");
            for (int i = 0; i < eq.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(eq.get(i));
            }
            sb.append(String.format(Locale.ROOT, " (within %.2f dB of the FIR curve)%n", eqFitErrorDb));
        }
        sb.append(String.format(Locale.ROOT, "  spectral distance (mid) %.2f dB -> %.2f dB predicted", before.midDistanceDb(),
                after.midDistanceDb()));
        return sb.toString();
    }
}
