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
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.Outputs;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import mw.loudness.LoudnessMeter;
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
 * <p>Only the gain and the limiter depend on the gain being searched, so the user's stages run once:
 * their output is kept in memory and each trial runs just the gain and the limiter over it and measures
 * integrated loudness (K-weighting and gating, no true peak: the limiter holds the ceiling, and the final
 * render is measured in full). The first trial uses the gain that would reach the target without any
 * limiting, so a master needing no limiting is done in one trial and a limited one typically in three.
 * The best trial is the final render; nothing is rendered again. A file too long for memory (more than
 * about a quarter of the heap for four copies of its samples) is rendered the streaming way instead:
 * each trial renders the chain from the file to a temporary file beside the output and measures it.
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
     * @param audio              the rendered audio; for a file rendered in memory, the samples as the file holds
     *                           them; {@code null} for a file rendered the streaming way
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
     * @param input              loudness of the input (every reading), or {@code null} when not kept
     * @param output             loudness of the output (every reading), or {@code null} when not kept
     */
    public record Result(AudioBuffer audio, double inputLufs, double outputLufs, double outputTruePeakDbtp,
                         double targetLufs, double ceilingDbtp, double gainDb, int iterations, boolean reached,
                         String reason, ChainReport report, LoudnessReport input, LoudnessReport output) {
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
        if (!in.isFinite()) {
            throw new WorkbenchException("the audio contains NaN or infinite samples; processors accept finite samples only");
        }
        InMemory r = new InMemory(in, chain, targetLufs, ceilingDbtp, frames -> { });
        Measured m = iterate(targetLufs, maxLimitingDb, r.inputLufsAfterStages(), r);
        AudioBuffer out = r.best(m);
        LoudnessReport fin = Loudness.of(out);
        Measured done = new Measured(m.gainDb, fin.integratedLufs(), fin.truePeakDbtp(), m.limitingDb, m.report);
        done.iterations = m.iterations;
        done.reason = m.reason;
        return result(out, r.inputReport(), fin, done, targetLufs, ceilingDbtp);
    }

    /** Largest share of the heap the in-memory file render may take for its four copies of the samples. */
    private static final double MEMORY_SHARE = 0.25;

    /** Whether a file of this size is rendered in memory (four copies of its samples as doubles fit). */
    public static boolean fitsInMemory(long frames, int channels) {
        double bytes = 4.0 * 8 * frames * channels;
        return frames <= Integer.MAX_VALUE - 8 && bytes <= MEMORY_SHARE * Runtime.getRuntime().maxMemory();
    }

    /**
     * The in-memory search: the user's stages rendered once, then a gain and a limiter per trial into
     * one of two work buffers (the best trial so far is kept in the other).
     */
    private static final class InMemory implements DoubleFunction<Measured> {
        private final Gain gain = Gain.db(0);
        private final Limiter limiter;
        private final Chain stages;
        private final Chain tail;
        private final AudioBuffer input;
        private final AudioBuffer staged;
        private final LoudnessReport inputReport;
        private final double stagedLufs;
        private final LongConsumer progress;
        private double[][] work;
        private double[][] kept;
        private Measured keptTrial;
        private final double target;

        InMemory(AudioBuffer in, Chain chain, double targetLufs, double ceilingDbtp, LongConsumer progress) {
            this(in, chain, targetLufs, ceilingDbtp, progress, true);
        }

        /** With {@code report} false the input's full report (true peak, LRA) is not measured, only its integrated loudness. */
        InMemory(AudioBuffer in, Chain chain, double targetLufs, double ceilingDbtp, LongConsumer progress, boolean report) {
            this.input = in;
            this.target = targetLufs;
            this.progress = progress;
            Chain full = withTarget(chain, gain, ceilingDbtp);
            this.limiter = (Limiter) full.get(full.size() - 1);
            List<Processor> all = full.stages();
            this.stages = Chain.of(all.subList(0, all.size() - 2));
            this.tail = Chain.of(gain, limiter);
            this.inputReport = report ? Loudness.of(in) : null;
            if (stages.size() == 0) {
                this.staged = in;
                this.stagedLufs = report ? inputReport.integratedLufs() : integratedOnly(in);
            } else {
                this.staged = stages.process(in);
                LoudnessMeter m = new LoudnessMeter(staged.sampleRate(), staged.layout()).withoutTruePeak();
                m.add(staged);
                this.stagedLufs = m.integratedLufs();
            }
            int ch = in.channels();
            this.work = new double[ch][in.frames()];
            // the lean render keeps one work buffer: the best trial is rendered again in the rare case it is not the last
            this.kept = report ? new double[ch][in.frames()] : work;
        }

        /** The arrays of the kept trial (those {@link #best} wraps). */
        double[][] keptSamples() {
            return kept;
        }

        LoudnessReport inputReport() {
            return inputReport;
        }

        /** Integrated loudness of what reaches the gain stage. */
        double inputLufsAfterStages() {
            return stagedLufs;
        }

        @Override
        public Measured apply(double g) {
            gain.gainDb(g);
            renderTail(staged, tail, work, progress);
            double lufs = integratedOnly(work, staged.frames(), staged);
            Measured m = new Measured(g, lufs, Double.NaN, limiter.gainReductionStats().maxDb(), report());
            if (kept == work) {
                keptTrial = m; // one buffer: it holds the latest trial
            } else if (keptTrial == null || Double.isNaN(keptTrial.lufs) || Math.abs(target - m.lufs) < Math.abs(target - keptTrial.lufs)) {
                double[][] t = kept;
                kept = work;
                work = t;
                keptTrial = m;
            }
            return m;
        }

        /** The audio of a trial: the kept buffer if it is that trial, else rendered again. */
        AudioBuffer best(Measured m) {
            if (m != keptTrial) {
                gain.gainDb(m.gainDb);
                renderTail(staged, tail, kept, progress);
                keptTrial = m;
            }
            return AudioBuffer.wrap(input.sampleRate(), input.layout(), kept);
        }

        private ChainReport report() {
            return joined(stages.size() == 0 ? null : stages.report(), tail.report());
        }
    }

    /** One report of the stages before the target's gain ({@code s}, null for none) and of the gain and limiter ({@code t}). */
    static ChainReport joined(ChainReport s, ChainReport t) {
        if (s == null) {
            return t;
        }
        List<ChainReport.Stage> all = new ArrayList<>(s.stages());
        for (ChainReport.Stage st : t.stages()) {
            all.add(new ChainReport.Stage(st.index() + s.stages().size(), st.processor(), st.peakOutDbfs(), st.gainReduction()));
        }
        return new ChainReport(s.inputPeakDbfs(), all);
    }

    /** Renders {@code p} over {@code in} into {@code out} (same shape), latency removed, as {@link Render#whole}. */
    private static void renderTail(AudioBuffer in, Processor p, double[][] out, LongConsumer progress) {
        int ch = in.channels();
        int n = in.frames();
        p.prepare(in.sampleRate(), Render.BLOCK, ch);
        int lat = p.latencySamples();
        double[][] buf = new double[ch][Render.BLOCK];
        long total = (long) n + lat;
        for (long pos = 0; pos < total; pos += Render.BLOCK) {
            int len = (int) Math.min(Render.BLOCK, total - pos);
            int avail = (int) Math.max(0, Math.min(len, n - pos));
            for (int c = 0; c < ch; c++) {
                if (avail > 0) {
                    in.copyTo(c, (int) pos, buf[c], 0, avail);
                }
                java.util.Arrays.fill(buf[c], avail, len, 0.0);
            }
            p.process(buf, len);
            long firstOut = pos - lat;
            int from = (int) Math.max(0, -firstOut);
            int to = (int) Math.min(len, n - firstOut);
            if (to > from) {
                for (int c = 0; c < ch; c++) {
                    System.arraycopy(buf[c], from, out[c], (int) (firstOut + from), to - from);
                }
            }
            if ((pos / Render.BLOCK) % 64 == 0) {
                progress.accept(Math.min(n, Math.max(0, pos - lat)));
            }
        }
        progress.accept(n);
    }

    private static double integratedOnly(AudioBuffer a) {
        LoudnessMeter m = new LoudnessMeter(a.sampleRate(), a.layout()).withoutTruePeak();
        m.add(a);
        return m.integratedLufs();
    }

    /**
     * As {@link #render(AudioBuffer, Chain, double, double, double)}, for a caller that measures the result
     * itself (for example after writing it): neither the input nor the output gets a full loudness report.
     * The trials measure integrated loudness only, so the result's {@code outputLufs} is the chosen trial's
     * reading, its {@code outputTruePeakDbtp} is NaN, and {@code input} and {@code output} are null; the
     * limiter holds the ceiling. This saves two true-peak passes over the whole signal.
     */
    public static Result renderUnmeasured(AudioBuffer in, Chain chain, double targetLufs, double ceilingDbtp, double maxLimitingDb,
                                          LongConsumer progress) {
        check(targetLufs, ceilingDbtp, maxLimitingDb);
        if (!in.isFinite()) {
            throw new WorkbenchException("the audio contains NaN or infinite samples; processors accept finite samples only");
        }
        InMemory r = new InMemory(in, chain, targetLufs, ceilingDbtp, progress == null ? frames -> { } : progress, false);
        Measured m = iterate(targetLufs, maxLimitingDb, r.inputLufsAfterStages(), r);
        AudioBuffer out = r.best(m);
        Measured done = new Measured(m.gainDb, m.lufs, Double.NaN, m.limitingDb, m.report);
        done.iterations = m.iterations;
        done.reason = m.reason;
        boolean reached = done.reason.isEmpty() && Math.abs(targetLufs - done.lufs) <= 0.1;
        String reason = done.reason.isEmpty() && !reached
                ? String.format(Locale.ROOT, "ended %.2f LU from the target", done.lufs - targetLufs) : done.reason;
        double inputLufs = r.staged == in ? r.inputLufsAfterStages() : integratedOnly(in);
        return new Result(out, inputLufs, done.lufs, Double.NaN, targetLufs, ceilingDbtp, done.gainDb, done.iterations,
                reached, reason, done.report, null, null);
    }

    /** Integrated loudness of planar samples, without true peak. */
    private static double integratedOnly(double[][] x, int frames, AudioBuffer like) {
        LoudnessMeter m = new LoudnessMeter(like.sampleRate(), like.layout()).withoutTruePeak();
        m.add(x, 0, frames);
        return m.integratedLufs();
    }

    /**
     * Renders a file through {@code chain} to {@code out} at {@code targetLufs} under {@code ceilingDbtp}
     * in bounded memory: each trial render is streamed to a temporary 32-bit float file beside
     * {@code out} and measured from there; the final render is written in {@code format}.
     */
    public static Result render(Path in, Path out, SampleFormat format, Chain chain, double targetLufs,
                                double ceilingDbtp, double maxLimitingDb, LongConsumer progress) {
        check(targetLufs, ceilingDbtp, maxLimitingDb);
        AudioFileInfo info = Audio.info(in);
        if (fitsInMemory(info.frames(), info.channels()) && !Outputs.isStream(out)) {
            Outputs.check(out, List.of(in));
            AudioBuffer audio = Audio.read(in);
            if (!audio.isFinite()) {
                throw new WorkbenchException(in, "contains NaN or infinite samples; processors accept finite samples only");
            }
            InMemory r = new InMemory(audio, chain, targetLufs, ceilingDbtp, progress == null ? frames -> { } : progress);
            Measured m = iterate(targetLufs, maxLimitingDb, r.inputLufsAfterStages(), r);
            AudioBuffer rendered = r.best(m);
            // measured as written (dither and quantisation included): the writer leaves the values it wrote in
            // the rendered buffer, so the file is not read back
            Audio.writeGuarded(rendered, out, format, List.of(in), r.keptSamples());
            LoudnessReport fin = Loudness.of(rendered);
            Measured done = new Measured(m.gainDb, fin.integratedLufs(), fin.truePeakDbtp(), m.limitingDb, m.report);
            done.iterations = m.iterations;
            done.reason = m.reason;
            return result(rendered, r.inputReport(), fin, done, targetLufs, ceilingDbtp);
        }
        return renderStreaming(in, out, format, chain, targetLufs, ceilingDbtp, maxLimitingDb, progress);
    }

    /** The bounded-memory render for files too long to hold: every trial streamed to a temporary file. */
    static Result renderStreaming(Path in, Path out, SampleFormat format, Chain chain, double targetLufs,
                                          double ceilingDbtp, double maxLimitingDb, LongConsumer progress) {
        Gain gain = Gain.db(0);
        Chain full = withTarget(chain, gain, ceilingDbtp);
        Limiter limiter = (Limiter) full.get(full.size() - 1);
        LoudnessReport input = Loudness.of(in);
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
            // the chain's own stages change loudness too: the no-limiting first guess starts from the input
            Measured m = iterate(targetLufs, maxLimitingDb, chain.size() == 0 ? input.integratedLufs() : Double.NaN, g -> {
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
            return result(null, input, fin, done, targetLufs, ceilingDbtp);
        } finally {
            Outputs.deleteTemp(trial);
        }
    }

    private static void check(double targetLufs, double ceilingDbtp, double maxLimitingDb) {
        WorkbenchException.checkRange("targetLufs", targetLufs, -70, 0);
        WorkbenchException.checkRange("ceilingDbtp", ceilingDbtp, -20, 0);
        WorkbenchException.checkRange("maxLimitingDb", maxLimitingDb, 0, 40);
    }

    /**
     * The chain a loudness-target render runs: {@code chain}'s stages, then a {@link Gain} of {@code gainDb}
     * and a true-peak {@link Limiter} at {@code ceilingDbtp} (the chain's own final limiter, its ceiling set,
     * when it ends with one). The user's stage objects are shared, not copied.
     */
    public static Chain withTarget(Chain chain, double gainDb, double ceilingDbtp) {
        return withTarget(chain, Gain.db(gainDb), ceilingDbtp);
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

    private static final String SILENT = "the audio is silent or too quiet to measure";

    private static Measured iterate(double target, double maxLimitingDb, double inputLufs, DoubleFunction<Measured> render) {
        // first trial: the gain that reaches the target if nothing is limited
        double first = Double.isFinite(inputLufs) ? Math.max(Gain.MIN_DB, Math.min(Gain.MAX_DB, target - inputLufs)) : 0;
        Measured cur = render.apply(first);
        int n = 1;
        if (Double.isNaN(cur.lufs)) {
            cur.iterations = n;
            cur.reason = SILENT + " (every 400 ms block is below the -70 LUFS gate)";
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

    /** A reason that says the audio is silent, for audio shorter than one 400 ms block: that it is too short instead. */
    static String explainSilent(String reason, double durationSeconds) {
        if (reason.startsWith(SILENT) && durationSeconds < 0.4) {
            return String.format(Locale.ROOT, "the audio lasts %.3f s, shorter than the one 400 ms block integrated"
                    + " loudness needs (ITU-R BS.1770-4), so it cannot be measured or brought to a loudness target",
                    durationSeconds);
        }
        return reason;
    }

    private static Result result(AudioBuffer audio, LoudnessReport input, LoudnessReport output, Measured m, double target,
                                 double ceiling) {
        double inputLufs = input.integratedLufs();
        boolean reached = m.reason.isEmpty() && Math.abs(target - m.lufs) <= 0.1;
        String reason = explainSilent(m.reason, input.durationSeconds());
        if (!reached && reason.isEmpty()) {
            reason = String.format(Locale.ROOT, "ended %.2f LU from the target", m.lufs - target);
        }
        return new Result(audio, inputLufs, m.lufs, m.tp, target, ceiling, m.gainDb, m.iterations, reached, reason, m.report, input, output);
    }
}
