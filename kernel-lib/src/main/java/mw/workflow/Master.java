package mw.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.ClipCount;
import mw.io.Outputs;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;
import mw.processing.Chain;
import mw.processing.ChainReport;
import mw.processing.Limiter;
import mw.processing.LoudnessTarget;
import mw.processing.Processor;
import mw.processing.TargetRender;

/**
 * Mastering as a library call: renders audio through a chain, optionally to a loudness target under a
 * true-peak ceiling, and returns a {@link MasterResult} of what each stage did and what the master
 * measures. {@code mw master} is this plus printing.
 *
 * <p>With a loudness target the chain gets a gain stage and a final true-peak limiter
 * ({@link LoudnessTarget}): the gain is searched until the master is within 0.1 LU of the target, unless
 * that takes more limiting than {@link MasterTarget#maxLimitingDb()}. With only a ceiling, the chain's final
 * limiter is set to it, or a true-peak limiter is added. The chain given is used as it is (its stages keep
 * the settings they were rendered with, including a final limiter's ceiling).
 *
 * <pre>{@code
 * MasterResult m = Master.of(mix, Chain.of(Compressor.ratio(2).thresholdDb(-18)), MasterTarget.lufs(-14));
 * m.after().integratedLufs();  m.limitingDb();  m.stages();
 * Show.table(m);                                   // loudness before and after
 * Master.render(Path.of("mix.wav"), Path.of("master.wav"), SampleFormat.PCM_24, Presets.builtIn("gentle"),
 *         MasterTarget.of(-14, -1), null);
 * }</pre>
 */
public final class Master {
    private Master() {
    }

    /** Masters a buffer in memory (the result holds the samples). */
    public static MasterResult of(AudioBuffer audio, Chain chain, MasterTarget target) {
        return of(null, audio, chain, target);
    }

    /** Masters a file in memory (the result holds the samples; nothing is written). */
    public static MasterResult of(Path input, Chain chain, MasterTarget target) {
        try {
            return of(input, Audio.read(input), chain, target);
        } catch (WorkbenchException e) {
            throw e.about(input);
        }
    }

    private static MasterResult of(Path input, AudioBuffer audio, Chain chain, MasterTarget target) {
        if (!audio.isFinite()) {
            throw new WorkbenchException("the audio contains NaN or infinite samples; processors accept finite samples only");
        }
        if (target.hasLoudness()) {
            LoudnessTarget.Result r = LoudnessTarget.render(audio, chain, target.targetLufs(), target.ceilingDbtp(),
                    target.maxLimitingDb());
            Chain rendered = LoudnessTarget.withTarget(chain, r.gainDb(), target.ceilingDbtp());
            return new MasterResult(input, null, null, r.audio(), r.input(), r.output(), r.report().inputPeakDbfs(),
                    stages(rendered, r.report(), target), target, r.reached(), r.reached() ? "" : r.reason(), r.gainDb(),
                    r.iterations(), ClipCount.of(r.audio(), SampleFormat.FLOAT_32));
        }
        LoudnessReport before = Loudness.of(audio);
        applyCeiling(chain, target);
        AudioBuffer out = chain.process(audio);
        ChainReport report = chain.report();
        return new MasterResult(input, null, null, out, before, Loudness.of(out), report.inputPeakDbfs(),
                stages(chain, report, target), target, true, "", Double.NaN, 1, ClipCount.of(out, SampleFormat.FLOAT_32));
    }

    /**
     * Masters a file into a WAV file. Long files stream in bounded memory. A device or a pipe
     * ({@code /dev/stdout}, a FIFO) is rendered to a private temporary file, measured there, then streamed in.
     * The output is checked first: never the input, never a read-only file.
     *
     * @param progress told the number of frames done so far; may be {@code null}
     */
    public static MasterResult render(Path input, Path output, SampleFormat format, Chain chain, MasterTarget target,
                                      LongConsumer progress) {
        try {
            Outputs.check(output, List.of(input));
            boolean stream = Outputs.isStream(output);
            Path rendered = stream ? Outputs.tempFile(Path.of(System.getProperty("java.io.tmpdir")),
                    output.getFileName() + "", output) : output;
            try {
                MasterResult r = renderFile(input, rendered, format, chain, target, progress);
                if (stream) {
                    Outputs.write(output, List.of(input), o -> Files.copy(rendered, o));
                }
                return new MasterResult(input, output, format, null, r.before(), r.after(), r.inputPeakDbfs(), r.stages(),
                        target, r.reached(), r.reason(), r.targetGainDb(), r.renders(), r.clips());
            } finally {
                if (stream) {
                    Outputs.deleteTemp(rendered);
                }
            }
        } catch (WorkbenchException e) {
            throw e.about(input);
        }
    }

    private static MasterResult renderFile(Path input, Path rendered, SampleFormat format, Chain chain, MasterTarget target,
                                           LongConsumer progress) {
        LoudnessReport before;
        LoudnessReport after;
        ChainReport report;
        List<MasterStage> stages;
        boolean reached = true;
        String reason = "";
        double gain = Double.NaN;
        int renders = 1;
        AudioBuffer written = null;
        ClipCount clips = null;
        if (target.hasLoudness()) {
            LoudnessTarget.Result r;
            if (TargetRender.handles(Audio.info(input))) {
                // read once, rendered straight into the file and measured as written
                TargetRender.FileResult f = TargetRender.toFile(input, rendered, format, chain, target.targetLufs(),
                        target.ceilingDbtp(), target.maxLimitingDb(), progress);
                r = f.asResult(target.targetLufs(), target.ceilingDbtp());
                clips = f.clips();
            } else {
                r = LoudnessTarget.render(input, rendered, format, chain, target.targetLufs(),
                        target.ceilingDbtp(), target.maxLimitingDb(), progress);
                written = r.audio();
            }
            report = r.report();
            before = r.input();
            after = r.output();
            stages = stages(LoudnessTarget.withTarget(chain, r.gainDb(), target.ceilingDbtp()), report, target);
            reached = r.reached();
            reason = r.reached() ? "" : r.reason();
            gain = r.gainDb();
            renders = r.iterations();
        } else {
            before = Loudness.of(input);
            applyCeiling(chain, target);
            report = chain.render(input, rendered, format, progress);
            after = Loudness.of(rendered);
            stages = stages(chain, report, target);
        }
        // counted from the samples as written (dither and quantisation included): what a listener gets
        if (clips == null) {
            clips = written != null ? ClipCount.of(written, format) : ClipCount.of(rendered);
        }
        return new MasterResult(input, rendered, format, null, before, after, report.inputPeakDbfs(), stages, target,
                reached, reason, gain, renders, clips);
    }

    /** A ceiling without a loudness target: the chain's final limiter takes it, or a true-peak limiter is added. */
    private static void applyCeiling(Chain chain, MasterTarget target) {
        if (!target.hasCeiling()) {
            return;
        }
        int last = chain.size() - 1;
        if (last >= 0 && chain.get(last) instanceof Limiter l) {
            l.ceilingDbtp(target.ceilingDbtp());
        } else {
            chain.add(Limiter.truePeak(target.ceilingDbtp()));
        }
    }

    private static List<MasterStage> stages(Chain rendered, ChainReport report, MasterTarget target) {
        boolean loudnessTarget = target.hasLoudness();
        List<MasterStage> out = new ArrayList<>();
        int n = report.stages().size();
        for (int i = 0; i < n; i++) {
            ChainReport.Stage s = report.stages().get(i);
            Processor p = rendered.get(i);
            MasterStage.Role role = MasterStage.Role.CHAIN;
            if (loudnessTarget && i == n - 2) {
                role = MasterStage.Role.TARGET_GAIN;
            } else if (loudnessTarget && i == n - 1) {
                role = MasterStage.Role.TARGET_LIMITER;
            } else if (!loudnessTarget && target.hasCeiling() && i == n - 1) {
                role = MasterStage.Role.CEILING_LIMITER;
            }
            out.add(new MasterStage(s.index(), p.getClass().getSimpleName(), p.type(), p.parameters(), role, s.processor(),
                    s.peakOutDbfs(), s.gainReduction()));
        }
        return out;
    }
}
