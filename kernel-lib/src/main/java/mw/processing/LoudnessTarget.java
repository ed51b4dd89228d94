package mw.processing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.LongConsumer;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Outputs;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;

/**
 * Renders a chain so that the result reaches a target integrated loudness (ITU-R BS.1770-4, as
 * {@link Loudness} measures it) under a true-peak ceiling, within 0.1 LU, or says why it cannot.
 *
 * <p>The chain gets a {@link Gain} stage followed by a true-peak {@link Limiter} at the ceiling (when
 * the chain already ends with a limiter, the gain goes in front of it and the limiter's ceiling is
 * set). The gain is found by iteration: render, measure, correct by the remaining error divided by
 * the measured slope (secant method; limiting makes loudness grow more slowly than gain). If the
 * limiter would have to reduce peaks by more than {@code maxLimitingDb}, the render stops at that much
 * limiting and the result says how far from the target it is.
 *
 * <pre>{@code
 * var r = LoudnessTarget.render(mix, Chain.of(Eq.highShelf(8000, 1)), -14, -1);
 * r.audio();  r.outputLufs();  r.reached();  r.reason();
 * }</pre>
 */
public final class LoudnessTarget {
    /** Tolerance the iteration aims for, LU (the promise is 0.1 LU). */
    static final double AIM_LU = 0.03;
    static final int MAX_ITERATIONS = 12;
    /** Default largest limiter gain reduction accepted, dB. */
    public static final double DEFAULT_MAX_LIMITING_DB = 12;

    private LoudnessTarget() {
    }

    /**
     * The outcome of a loudness-target render.
     *
     * @param audio              the rendered audio ({@code null} for file renders)
     * @param inputLufs          integrated loudness of the input
     * @param outputLufs         integrated loudness of the output
     * @param outputTruePeakDbtp true peak of the output
     * @param targetLufs         the target asked for
     * @param ceilingDbtp        the ceiling asked for
     * @param gainDb             gain applied in front of the limiter
     * @param iterations         renders made
     * @param reached            whether the output is within 0.1 LU of the target
     * @param reason             why not, or an empty string
     * @param report             what each stage did in the final render
     */
    public record Result(AudioBuffer audio, double inputLufs, double outputLufs, double outputTruePeakDbtp,
                         double targetLufs, double ceilingDbtp, double gainDb, int iterations, boolean reached,
                         String reason, ChainReport report) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "LoudnessTarget.Result[%s: input %.2f LUFS -> output %.2f LUFS (target %.2f), true peak %.2f dBTP "
                            + "(ceiling %.2f), gain %+.2f dB, %d renders%s]",
                    reached ? "reached" : "NOT reached", inputLufs, outputLufs, targetLufs, outputTruePeakDbtp,
                    ceilingDbtp, gainDb, iterations, reason.isEmpty() ? "" : "; " + reason);
        }
    }

    /** Renders {@code chain} on a buffer to {@code targetLufs} under {@code ceilingDbtp}. */
    public static Result render(AudioBuffer in, Chain chain, double targetLufs, double ceilingDbtp) {
        return render(in, chain, targetLufs, ceilingDbtp, DEFAULT_MAX_LIMITING_DB);
    }

    /** As {@link #render(AudioBuffer, Chain, double, double)} with a limit on limiter gain reduction. */
    public static Result render(AudioBuffer in, Chain chain, double targetLufs, double ceilingDbtp, double maxLimitingDb) {
        check(targetLufs, ceilingDbtp, maxLimitingDb);
        Gain gain = Gain.db(0);
        Chain full = withTarget(chain, gain, ceilingDbtp);
        Limiter limiter = (Limiter) full.get(full.size() - 1);
        double inputLufs = measure(in).integratedLufs();
        Measured m = iterate(targetLufs, maxLimitingDb, inputLufs, in.durationSeconds(), g -> {
            gain.gainDb(g);
            AudioBuffer out = full.process(in);
            LoudnessReport r = measure(out);
            Measured x = new Measured(g, r.integratedLufs(), r.truePeakDbtp(), limiter.gainReductionStats().maxDb(), full.report());
            x.audio = out;
            return x;
        });
        return result(m.audio, inputLufs, m, targetLufs, ceilingDbtp, maxLimitingDb);
    }

    /**
     * Renders a file through {@code chain} to {@code out} at {@code targetLufs} under {@code ceilingDbtp}
     * in bounded memory: each trial render is streamed to a temporary 32-bit float file beside
     * {@code out} and measured from there; the final render is written in {@code format}.
     */
    public static Result render(Path in, Path out, SampleFormat format, Chain chain, double targetLufs,
                                double ceilingDbtp, double maxLimitingDb, LongConsumer progress) {
        check(targetLufs, ceilingDbtp, maxLimitingDb);
        Gain gain = Gain.db(0);
        Chain full = withTarget(chain, gain, ceilingDbtp);
        Limiter limiter = (Limiter) full.get(full.size() - 1);
        double inputLufs = Loudness.of(in).integratedLufs();
        Outputs.check(out, List.of(in));
        Path dir = out.toAbsolutePath().normalize().getParent();
        boolean stream = Outputs.isStream(out);
        if (stream) {
            // a device or a pipe: the trials go to the system's temporary folder, never beside it
            dir = Path.of(System.getProperty("java.io.tmpdir"));
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WorkbenchException(out, "cannot be written: the output folder " + dir + " cannot be created ("
                    + e.getMessage() + ")", e);
        }
        Path trial = Outputs.tempFile(dir, out.getFileName() + ".trial", out);
        try {
            mw.io.AudioFileInfo info = mw.io.Audio.info(in);
            double seconds = info.frames() < 0 ? Double.NaN : (double) info.frames() / info.sampleRate();
            Measured m = iterate(targetLufs, maxLimitingDb, inputLufs, seconds, g -> {
                gain.gainDb(g);
                ChainReport rep = full.render(in, trial, SampleFormat.FLOAT_32, progress);
                LoudnessReport r = Loudness.of(trial);
                return new Measured(g, r.integratedLufs(), r.truePeakDbtp(), limiter.gainReductionStats().maxDb(), rep);
            });
            gain.gainDb(m.gainDb);
            // a device or a pipe cannot be read back: the final render is measured from a temporary file first
            Path last = stream ? trial : out;
            ChainReport rep = full.render(in, last, format, progress);
            LoudnessReport fin = Loudness.of(last);
            if (stream) {
                Outputs.write(out, List.of(in), o -> Files.copy(last, o));
            }
            Measured done = new Measured(m.gainDb, fin.integratedLufs(), fin.truePeakDbtp(), m.limitingDb, rep);
            done.iterations = m.iterations + 1;
            done.reason = m.reason;
            return result(null, inputLufs, done, targetLufs, ceilingDbtp, maxLimitingDb);
        } finally {
            Outputs.deleteTemp(trial);
        }
    }

    private static void check(double targetLufs, double ceilingDbtp, double maxLimitingDb) {
        WorkbenchException.checkRange("targetLufs", targetLufs, -70, 0);
        WorkbenchException.checkRange("ceilingDbtp", ceilingDbtp, -20, 0);
        WorkbenchException.checkRange("maxLimitingDb", maxLimitingDb, 0, 40);
    }

    /** The user's chain with a gain and a limiter at the end (sharing the user's stage objects). */
    static Chain withTarget(Chain chain, Gain gain, double ceilingDbtp) {
        List<Processor> stages = new ArrayList<>(chain.stages());
        Limiter limiter;
        if (!stages.isEmpty() && stages.get(stages.size() - 1) instanceof Limiter l) {
            stages.remove(stages.size() - 1);
            limiter = l.ceilingDbtp(ceilingDbtp);
        } else {
            limiter = Limiter.truePeak(ceilingDbtp);
        }
        stages.add(gain);
        stages.add(limiter);
        return Chain.of(stages);
    }

    private static LoudnessReport measure(AudioBuffer b) {
        return Loudness.of(b);
    }

    private static final class Measured {
        final double gainDb;
        final double lufs;
        final double tp;
        final double limitingDb;
        final ChainReport report;
        int iterations;
        String reason = "";
        AudioBuffer audio;

        Measured(double gainDb, double lufs, double tp, double limitingDb, ChainReport report) {
            this.gainDb = gainDb;
            this.lufs = lufs;
            this.tp = tp;
            this.limitingDb = limitingDb;
            this.report = report;
        }
    }

    private static Measured iterate(double target, double maxLimitingDb, double inputLufs, double seconds,
                                    DoubleFunction<Measured> render) {
        Measured cur = render.apply(0);
        int n = 1;
        if (Double.isNaN(cur.lufs)) {
            cur.iterations = n;
            cur.reason = seconds < 0.4
                    ? String.format(Locale.ROOT, "the audio lasts %.3f s, shorter than the one 400 ms block integrated loudness"
                            + " needs (ITU-R BS.1770-4), so it cannot be measured or brought to a loudness target", seconds)
                    : "the audio is silent or too quiet to measure (every 400 ms block is below the -70 LUFS gate)";
            return cur;
        }
        Measured prev = null;
        Measured best = cur;
        while (Math.abs(target - cur.lufs) > AIM_LU && n < MAX_ITERATIONS) {
            double slope = 1;
            if (prev != null && Math.abs(cur.gainDb - prev.gainDb) > 1e-6) {
                slope = (cur.lufs - prev.lufs) / (cur.gainDb - prev.gainDb);
                slope = Math.max(0.05, Math.min(1.5, slope));
            }
            double next = cur.gainDb + (target - cur.lufs) / slope;
            next = Math.max(Gain.MIN_DB, Math.min(Gain.MAX_DB, next));
            if (next == cur.gainDb) {
                break;
            }
            prev = cur;
            cur = render.apply(next);
            n++;
            if (Math.abs(target - cur.lufs) < Math.abs(target - best.lufs)) {
                best = cur;
            }
        }
        Measured out = best;
        if (out.limitingDb > maxLimitingDb) {
            // back off until the limiter works no harder than allowed
            Measured m = out;
            for (int k = 0; k < 4 && m.limitingDb > maxLimitingDb + 0.05; k++) {
                m = render.apply(m.gainDb - (m.limitingDb - maxLimitingDb));
                n++;
            }
            m.reason = String.format(Locale.ROOT,
                    "reaching %.1f LUFS under the ceiling needs more than the %.1f dB of limiting allowed; "
                            + "stopped at %.2f LUFS with %.1f dB of limiting", target, maxLimitingDb, m.lufs, m.limitingDb);
            out = m;
        } else if (Math.abs(target - out.lufs) > 0.1) {
            out.reason = String.format(Locale.ROOT, "no gain within %.0f..%+.0f dB reached %.1f LUFS (closest %.2f LUFS)",
                    Gain.MIN_DB, Gain.MAX_DB, target, out.lufs);
        }
        out.iterations = n;
        return out;
    }

    private static Result result(AudioBuffer audio, double inputLufs, Measured m, double target, double ceiling, double maxLim) {
        boolean reached = m.reason.isEmpty() && Math.abs(target - m.lufs) <= 0.1;
        String reason = m.reason;
        if (!reached && reason.isEmpty()) {
            reason = String.format(Locale.ROOT, "ended %.2f LU from the target", m.lufs - target);
        }
        return new Result(audio, inputLufs, m.lufs, m.tp, target, ceiling, m.gainDb, m.iterations, reached, reason, m.report);
    }
}
