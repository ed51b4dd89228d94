package mw.matching;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

/**
 * A match rendered to its loudness target with one detector pass: the shaping stages (tone, width,
 * compressor) run once into a 32-bit float copy, {@link LimitedLoudness} predicts the loudness after
 * the limiter for any gain, the gain that reaches the target is found on the prediction, and the real
 * gain and limiter are rendered once into the output while its integrated loudness is measured. When
 * the measured loudness is more than {@value #AIM_LU} LU from the target, the prediction's offset is
 * corrected and the render repeated (at most twice). The outcome matches
 * {@link LoudnessTarget#renderUnmeasured}: the result's loudness is the measured one before dither, its
 * true peak NaN (the caller measures the written file).
 */
final class MatchRender {
    static final double AIM_LU = 0.03;
    static final int BLOCK = 4096;
    /** Gain above the unlimited one the first detection covers, dB. */
    static final double NEAR_DB = 4;

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
        double bytes = (4.0 * channels + 8) * frames;
        return frames > 0 && frames <= Integer.MAX_VALUE - 8 && bytes <= 0.5 * Runtime.getRuntime().maxMemory();
    }

    /** The shaping stages run over the source into planar floats, latency removed. */
    static float[][] shape(Source src, Chain pre, int sampleRate, int channels, int frames) {
        float[][] out = new float[channels][frames];
        double[][] buf = new double[channels][BLOCK];
        pre.prepare(sampleRate, BLOCK, channels);
        int lat = pre.latencySamples();
        long readPos = 0;
        long total = (long) frames + lat;
        boolean eof = false;
        while (readPos < total) {
            int got = 0;
            if (!eof) {
                while (got < BLOCK) {
                    double[][] tmp = got == 0 ? buf : new double[channels][BLOCK - got];
                    int g = src.read(tmp, BLOCK - got);
                    if (g < 0) {
                        eof = true;
                        break;
                    }
                    if (got > 0) {
                        for (int c = 0; c < channels; c++) {
                            System.arraycopy(tmp[c], 0, buf[c], got, g);
                        }
                    }
                    got += g;
                    if (g == 0) {
                        break;
                    }
                }
            }
            int len = got;
            if (eof && got < BLOCK) {
                len = (int) Math.min(BLOCK, Math.max(got, total - readPos));
                for (int c = 0; c < channels; c++) {
                    java.util.Arrays.fill(buf[c], got, len, 0.0);
                }
            }
            if (len == 0) {
                break;
            }
            if (pre.size() > 0) {
                pre.process(buf, len);
            }
            long firstOut = readPos - (pre.size() > 0 ? lat : 0);
            int from = (int) Math.max(0, -firstOut);
            int to = (int) Math.min(len, frames - firstOut);
            for (int c = 0; c < channels; c++) {
                double[] b = buf[c];
                float[] o = out[c];
                for (int i = from; i < to; i++) {
                    o[(int) (firstOut + i)] = (float) b[i];
                }
            }
            readPos += len;
            if (pre.size() == 0 && eof) {
                break;
            }
        }
        return out;
    }

    /** The gain and limiter over the float copy into {@code sink}, latency removed; returns the integrated loudness. */
    static double tail(float[][] x, int frames, int sampleRate, ChannelLayout layout, double gainDb, double ceilingDbtp,
                       Sink sink, LongConsumer progress) {
        int ch = x.length;
        Limiter limiter = Limiter.truePeak(ceilingDbtp);
        Chain t = Chain.of(Gain.db(gainDb), limiter);
        t.prepare(sampleRate, BLOCK, ch);
        int lat = t.latencySamples();
        LoudnessMeter meter = new LoudnessMeter(sampleRate, layout).withoutTruePeak();
        double[][] buf = new double[ch][BLOCK];
        double[][] out = new double[ch][BLOCK];
        long total = (long) frames + lat;
        for (long pos = 0; pos < total; pos += BLOCK) {
            int len = (int) Math.min(BLOCK, total - pos);
            int avail = (int) Math.max(0, Math.min(len, frames - pos));
            for (int c = 0; c < ch; c++) {
                float[] s = x[c];
                double[] b = buf[c];
                for (int i = 0; i < avail; i++) {
                    b[i] = s[(int) pos + i];
                }
                java.util.Arrays.fill(b, avail, len, 0.0);
            }
            t.process(buf, len);
            long firstOut = pos - lat;
            int from = (int) Math.max(0, -firstOut);
            int to = (int) Math.min(len, frames - firstOut);
            if (to > from) {
                for (int c = 0; c < ch; c++) {
                    System.arraycopy(buf[c], from, out[c], 0, to - from);
                }
                meter.add(out, 0, to - from);
                sink.write(out, to - from);
                if (progress != null && (pos / BLOCK) % 64 == 0) {
                    progress.accept(firstOut + to);
                }
            }
        }
        if (progress != null) {
            progress.accept(frames);
        }
        return meter.integratedLufs();
    }

    /** The outcome of the search on the prediction. */
    private record Choice(double gainDb, String reason) {
    }

    /** The gain whose predicted loudness is {@code target} (within the limiting allowed). */
    private static Choice search(LimitedLoudness ll, double target, double maxLimitingDb) {
        double unl = ll.unlimitedLufs();
        if (!Double.isFinite(unl)) {
            return new Choice(0, "the audio is silent or too quiet to measure (every 400 ms block is below the -70 LUFS gate)");
        }
        double hi = Math.min(ll.maxGainDb(), Gain.MAX_DB);
        double g = Math.max(Gain.MIN_DB, Math.min(hi, target - unl));
        LimitedLoudness.Trial cur = ll.at(g);
        LimitedLoudness.Trial prev = null;
        LimitedLoudness.Trial best = cur;
        for (int k = 0; k < 30 && Math.abs(target - cur.lufs()) > 0.002; k++) {
            double slope = 1;
            if (prev != null && Math.abs(cur.gainDb() - prev.gainDb()) > 1e-9) {
                slope = Math.max(0.05, Math.min(1.5, (cur.lufs() - prev.lufs()) / (cur.gainDb() - prev.gainDb())));
            }
            double next = Math.max(Gain.MIN_DB, Math.min(hi, cur.gainDb() + (target - cur.lufs()) / slope));
            if (next == cur.gainDb()) {
                break;
            }
            prev = cur;
            cur = ll.at(next);
            if (Math.abs(target - cur.lufs()) < Math.abs(target - best.lufs())) {
                best = cur;
            }
        }
        if (best.maxReductionDb() > maxLimitingDb) {
            LimitedLoudness.Trial m = best;
            for (int k = 0; k < 8 && m.maxReductionDb() > maxLimitingDb + 0.05; k++) {
                m = ll.at(m.gainDb() - (m.maxReductionDb() - maxLimitingDb));
            }
            return new Choice(m.gainDb(), String.format(Locale.ROOT,
                    "reaching %.1f LUFS under the ceiling needs more than the %.1f dB of limiting allowed; "
                            + "stopped at %%.2f LUFS with %.1f dB of limiting", target, maxLimitingDb, m.maxReductionDb()));
        }
        return new Choice(best.gainDb(), "");
    }

    /** The gain whose predicted loudness, plus {@code offset}, is {@code target}, starting from {@code g}. */
    private static double correct(LimitedLoudness ll, double g, double target) {
        LimitedLoudness.Trial cur = ll.at(g);
        LimitedLoudness.Trial prev = null;
        for (int k = 0; k < 20 && Math.abs(target - cur.lufs()) > 0.002; k++) {
            double slope = 1;
            if (prev != null && Math.abs(cur.gainDb() - prev.gainDb()) > 1e-9) {
                slope = Math.max(0.05, Math.min(1.5, (cur.lufs() - prev.lufs()) / (cur.gainDb() - prev.gainDb())));
            }
            double next = Math.max(Gain.MIN_DB, Math.min(ll.maxGainDb(), cur.gainDb() + (target - cur.lufs()) / slope));
            if (next == cur.gainDb()) {
                break;
            }
            prev = cur;
            cur = ll.at(next);
        }
        return cur.gainDb();
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
        Limiter limiter = Limiter.truePeak(ceilingDbtp);
        // peaks are detected for gains up to 4 dB above the unlimited one (what a master usually needs); a search
        // that needs more detects again for the whole limiting allowed
        LimitedLoudness ll = LimitedLoudness.of(shaped, frames, sampleRate, limiter, targetLufs, NEAR_DB);
        Choice c = search(ll, targetLufs, maxLimitingDb);
        if (!c.reason().isEmpty() || c.gainDb() > ll.maxGainDb() - 0.5) {
            ll = LimitedLoudness.of(shaped, frames, sampleRate, limiter, targetLufs, maxLimitingDb + 6);
            c = search(ll, targetLufs, maxLimitingDb);
        }
        double g = c.gainDb();
        double lufs = target.render(g);
        int renders = 1;
        if (c.reason().isEmpty()) {
            while (renders < 3 && Double.isFinite(lufs) && Math.abs(targetLufs - lufs) > AIM_LU) {
                double offset = lufs - ll.at(g).lufs();
                double next = correct(ll, g, targetLufs - offset);
                if (Math.abs(next - g) < 1e-4) {
                    break;
                }
                g = next;
                lufs = target.render(g);
                renders++;
            }
        }
        String reason = c.reason().isEmpty() ? "" : String.format(Locale.ROOT, c.reason(), lufs);
        if (!Double.isFinite(lufs) && reason.isEmpty()) {
            reason = "the audio is silent or too quiet to measure (every 400 ms block is below the -70 LUFS gate)";
        }
        boolean reached = reason.isEmpty() && Math.abs(targetLufs - lufs) <= 0.1;
        if (reason.isEmpty() && !reached) {
            reason = String.format(Locale.ROOT, "ended %.2f LU from the target", lufs - targetLufs);
        }
        return new LoudnessTarget.Result(null, inputLufs, lufs, Double.NaN, targetLufs, ceilingDbtp, g, renders, reached, reason,
                null, null, null);
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
