package mw.matching;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import mw.io.AudioStreamWriter;
import mw.io.SampleFormat;
import mw.loudness.LoudnessMeter;
import mw.processing.Chain;
import mw.processing.Gain;
import mw.processing.Limiter;
import mw.processing.LoudnessTarget;
import mw.processing.TargetRender;
import mw.processing.TargetSearch;

/**
 * A match rendered to its loudness target with one detector pass: the shaping stages (tone, width,
 * compressor) run once into a 32-bit float copy, {@link TargetSearch} finds the gain that reaches the
 * target on the limiter's predicted loudness, and the real gain and limiter are rendered once into the
 * output while its integrated loudness is measured (a render more than {@link TargetSearch#AIM_LU} LU
 * from the target is corrected and repeated, at most twice). The outcome matches
 * {@link LoudnessTarget#renderUnmeasured}: the result's loudness is the measured one before dither, its
 * true peak NaN (the caller measures the written file).
 */
final class MatchRender {
    private MatchRender() {
    }

    /** Where the target's samples come from: a buffer or a file reader. */
    interface Source {
        /** Reads up to {@code max} frames into {@code dst}; -1 at the end. */
        int read(double[][] dst, int max);
    }

    /** Where the rendered blocks go. */
    interface Sink {
        void write(double[][] block, int frames);
    }

    static Source of(AudioBuffer a) {
        int[] pos = {0};
        return (dst, max) -> {
            int n = Math.min(max, a.frames() - pos[0]);
            if (n <= 0) {
                return -1;
            }
            for (int c = 0; c < a.channels(); c++) {
                a.copyTo(c, pos[0], dst[c], 0, n);
            }
            pos[0] += n;
            return n;
        };
    }

    /** Whether a render of this size fits in memory (the float copy and the analysis take half the heap at most). */
    static boolean fits(long frames, int channels) {
        return TargetRender.fits(frames, channels);
    }

    /** The shaping stages run over the source into planar floats, latency removed. */
    static float[][] shape(Source src, Chain pre, int sampleRate, int channels, int frames) {
        return TargetRender.shape(src::read, pre, sampleRate, channels, frames, null, null);
    }

    /** The gain and limiter over the float copy into {@code sink}, latency removed; returns the integrated loudness. */
    static double tail(float[][] x, int frames, int sampleRate, ChannelLayout layout, double gainDb, double ceilingDbtp,
                       Sink sink, LongConsumer progress) {
        LoudnessMeter meter = new LoudnessMeter(sampleRate, layout).withoutTruePeak();
        TargetRender.tail(x, frames, sampleRate, Chain.of(Gain.db(gainDb), Limiter.truePeak(ceilingDbtp)), (block, n) -> {
            meter.add(block, 0, n);
            sink.write(block, n);
        }, progress);
        return meter.integratedLufs();
    }

    /** A render to be written: opens the output and renders into it; returns the integrated loudness. */
    interface Target {
        double render(double gainDb);
    }

    /**
     * Shapes the source, searches the gain on the prediction and renders through {@code target} (at most three
     * times), returning the outcome.
     */
    static LoudnessTarget.Result run(float[][] shaped, int frames, int sampleRate, double targetLufs, double ceilingDbtp,
                                     double maxLimitingDb, double inputLufs, Target target) {
        TargetSearch.Outcome o = TargetSearch.run(shaped, frames, sampleRate, Limiter.truePeak(ceilingDbtp), targetLufs,
                maxLimitingDb, null, target::render);
        return new LoudnessTarget.Result(null, inputLufs, o.lufs(), Double.NaN, targetLufs, ceilingDbtp, o.gainDb(), o.renders(),
                o.reached(), o.reason(), null, null, null);
    }

    /** Renders to a WAV file. */
    static LoudnessTarget.Result toFile(Source src, Chain pre, int sampleRate, ChannelLayout layout, int frames, double targetLufs,
                                        double ceilingDbtp, double maxLimitingDb, double inputLufs, Path out, SampleFormat format,
                                        List<Path> inputs, LongConsumer progress) {
        int ch = layout.channels();
        float[][] shaped = shape(src, pre, sampleRate, ch, frames);
        return run(shaped, frames, sampleRate, targetLufs, ceilingDbtp, maxLimitingDb, inputLufs, g -> {
            double[] lufs = {Double.NaN};
            AudioStreamWriter.write(out, format, sampleRate, layout, frames, inputs,
                    sink -> lufs[0] = tail(shaped, frames, sampleRate, layout, g, ceilingDbtp, sink::write, progress));
            return lufs[0];
        });
    }
}
