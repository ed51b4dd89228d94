package mw.processing;

import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import mw.audio.ChannelLayout;
import mw.io.Audio;
import mw.io.AudioFileInfo;
import mw.io.AudioReader;
import mw.io.AudioStreamWriter;
import mw.io.ClipCount;
import mw.io.SampleFormat;
import mw.loudness.LoudnessMeter;
import mw.loudness.LoudnessReport;

/**
 * A render to a loudness target under a true-peak ceiling that reads its input once and writes its output
 * once in the usual case: the stages before the target's gain run once into a 32-bit float copy (the input
 * measured on the way), the gain and limiter are rendered straight into the output file, and the output is
 * measured as written (dither and quantisation included, never read back). When that render misses the
 * target, {@link TargetSearch} predicts the limited loudness for any gain and the render is repeated at the
 * corrected gain (at most {@value TargetSearch#MAX_RENDERS} renders in all). The master to a target and the
 * reference matcher share the pieces here.
 *
 * <p>Memory: the float copy (4 bytes per sample) and, when a correction is needed, the prediction's two
 * floats per frame ({@link #fits}).
 */
@mw.Internal
public final class TargetRender {
    static final int BLOCK = 4096;

    private TargetRender() {
    }

    /** Where samples come from: reads up to {@code max} frames into {@code dst}; -1 at the end. */
    @FunctionalInterface
    public interface Source {
        int read(double[][] dst, int max);
    }

    /** Sees planar blocks {@code block[channel][offset..offset+frames)} going by. */
    @FunctionalInterface
    public interface Tap {
        void add(double[][] block, int offset, int frames);
    }

    /** Whether a render of this size fits in memory (the float copy and the prediction take half the heap at most). */
    public static boolean fits(long frames, int channels) {
        double bytes = (4.0 * channels + 8) * frames;
        return frames > 0 && frames <= Integer.MAX_VALUE - 8 && bytes <= 0.5 * Runtime.getRuntime().maxMemory();
    }

    /**
     * Runs {@code pre} over the source into planar floats, latency removed. {@code input} (may be null) sees
     * the source's frames before the stages, {@code staged} (may be null) the frames kept.
     */
    public static float[][] shape(Source src, Chain pre, int sampleRate, int channels, int frames, Tap input, Tap staged) {
        float[][] out = new float[channels][frames];
        double[][] buf = new double[channels][BLOCK];
        double[][] tmp = new double[channels][BLOCK];
        pre.prepare(sampleRate, BLOCK, channels);
        boolean stages = pre.size() > 0;
        int lat = stages ? pre.latencySamples() : 0;
        long readPos = 0;
        long total = (long) frames + lat;
        long fed = 0;
        boolean eof = false;
        while (readPos < total) {
            int got = 0;
            while (!eof && got < BLOCK) {
                int g = src.read(got == 0 ? buf : tmp, BLOCK - got);
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
            int real = (int) Math.max(0, Math.min(got, frames - fed));
            if (input != null && real > 0) {
                input.add(buf, 0, real);
            }
            fed += real;
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
            if (stages) {
                pre.process(buf, len);
            }
            long firstOut = readPos - lat;
            int from = (int) Math.max(0, -firstOut);
            int to = (int) Math.min(len, frames - firstOut);
            if (to > from) {
                for (int c = 0; c < channels; c++) {
                    double[] b = buf[c];
                    float[] o = out[c];
                    for (int i = from; i < to; i++) {
                        o[(int) (firstOut + i)] = (float) b[i];
                    }
                }
                if (staged != null) {
                    staged.add(buf, from, to - from);
                }
            }
            readPos += len;
            if (!stages && eof) {
                break;
            }
        }
        return out;
    }

    /** Renders {@code t} (prepared here) over the float copy into {@code sink}, latency removed. */
    public static void tail(float[][] x, int frames, int sampleRate, Chain t, AudioStreamWriter.Sink sink, LongConsumer progress) {
        int ch = x.length;
        t.prepare(sampleRate, BLOCK, ch);
        int lat = t.latencySamples();
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
                sink.write(out, to - from);
                if (progress != null && (pos / BLOCK) % 64 == 0) {
                    progress.accept(firstOut + to);
                }
            }
        }
        if (progress != null) {
            progress.accept(frames);
        }
    }

    /**
     * What a file render to a target did: what each stage did in the final render, the input's and the
     * output's full loudness reports (the output as written), the gain, the renders made, whether the target
     * was reached (else why not) and the samples at full scale as written.
     */
    public record FileResult(ChainReport report, LoudnessReport input, LoudnessReport output, double gainDb, int renders,
                             boolean reached, String reason, ClipCount clips) {
        /** The same outcome in {@link LoudnessTarget}'s terms (no audio: it went to the file). */
        public LoudnessTarget.Result asResult(double targetLufs, double ceilingDbtp) {
            return new LoudnessTarget.Result(null, input.integratedLufs(), output.integratedLufs(), output.truePeakDbtp(),
                    targetLufs, ceilingDbtp, gainDb, renders, reached, reason, report, input, output);
        }
    }

    /**
     * Whether {@link #toFile} renders this input (its length is known and its float copy fits in memory);
     * otherwise {@link LoudnessTarget#render(Path, Path, SampleFormat, Chain, double, double, double, LongConsumer)}
     * streams it.
     */
    public static boolean handles(AudioFileInfo info) {
        return info.frames() > 0 && fits(info.frames(), info.channels());
    }

    /**
     * Renders a file through {@code chain}, a gain and a true-peak limiter (the chain's own final limiter when
     * it ends with one, as {@link LoudnessTarget#withTarget}) into a WAV file at {@code targetLufs} under
     * {@code ceilingDbtp}. The output must already have been checked ({@code mw.io.Outputs.check}).
     */
    public static FileResult toFile(Path in, Path out, SampleFormat format, Chain chain, double targetLufs, double ceilingDbtp,
                                    double maxLimitingDb, LongConsumer progress) {
        Gain gain = Gain.db(0);
        Chain full = LoudnessTarget.withTarget(chain, gain, ceilingDbtp);
        Limiter limiter = (Limiter) full.get(full.size() - 1);
        List<Processor> all = full.stages();
        Chain stages = Chain.of(all.subList(0, all.size() - 2));
        Chain t = Chain.of(gain, limiter);
        float[][] x;
        int frames;
        int sr;
        ChannelLayout layout;
        LoudnessMeter inMeter;
        double stagedLufs;
        try (AudioReader r = Audio.open(in)) {
            AudioFileInfo info = r.info();
            frames = (int) info.frames();
            sr = info.sampleRate();
            layout = info.layout();
            LoudnessMeter im = new LoudnessMeter(sr, layout);
            LoudnessMeter sm = stages.size() > 0 ? new LoudnessMeter(sr, layout).withoutTruePeak() : null;
            x = shape(r::read, stages, sr, layout.channels(), frames, im::add, sm == null ? null : sm::add);
            inMeter = im;
            stagedLufs = sm == null ? im.integratedLufs() : sm.integratedLufs();
        }
        ChainReport stagesReport = stages.size() > 0 ? stages.report() : null;
        int ch = layout.channels();
        List<Path> inputs = List.of(in);
        LoudnessMeter[] outMeter = new LoudnessMeter[1];
        ClipCount[] clips = new ClipCount[1];
        double[] reduction = {0};
        int n = frames;
        ChannelLayout lay = layout;
        int rate = sr;
        TargetSearch.Render render = g -> {
            gain.gainDb(g);
            LoudnessMeter m = new LoudnessMeter(rate, lay);
            ClipCount.Counter cc = ClipCount.counter(ch, format);
            AudioStreamWriter.write(out, format, rate, lay, n, inputs, true, sink -> {
                // the gain and limiter on this thread; writing and measuring what was written on another
                try (Pipe pipe = new Pipe(ch, (block, k) -> {
                    sink.write(block, k); // leaves the values written in the block
                    m.add(block, 0, k);
                    cc.add(block, k);
                })) {
                    tail(x, n, rate, t, pipe::write, progress);
                    pipe.finish();
                }
            });
            outMeter[0] = m;
            clips[0] = cc.result();
            reduction[0] = limiter.gainReductionStats().maxDb();
            return m.integratedLufs();
        };
        double g0 = Double.isFinite(stagedLufs) ? Math.max(Gain.MIN_DB, Math.min(Gain.MAX_DB, targetLufs - stagedLufs)) : 0;
        double l0 = render.render(g0);
        TargetSearch.Outcome o = TargetSearch.run(x, n, sr, limiter, targetLufs, maxLimitingDb,
                new TargetSearch.Measured(g0, l0, reduction[0]), render);
        ChainReport report = LoudnessTarget.joined(stagesReport, t.report());
        String reason = LoudnessTarget.explainSilent(o.reason(), inMeter.durationSeconds());
        return new FileResult(report, inMeter.report(), outMeter[0].report(), o.gainDb(), o.renders(), o.reached(), reason,
                clips[0]);
    }

    /**
     * Hands blocks, in order, to a consumer on a second thread (copies, from a small pool), so that producing
     * the next blocks and consuming the last ones run on both cores. A consumer's failure is thrown to the
     * producer at its next block or at {@link #finish}.
     */
    static final class Pipe implements AutoCloseable {
        private static final int DEPTH = 8;
        private final java.util.concurrent.BlockingQueue<double[][]> free = new java.util.concurrent.ArrayBlockingQueue<>(DEPTH);
        private final java.util.concurrent.BlockingQueue<double[][]> full = new java.util.concurrent.ArrayBlockingQueue<>(DEPTH + 1);
        private final int[] lengths = new int[DEPTH];
        private final java.util.IdentityHashMap<double[][], Integer> slot = new java.util.IdentityHashMap<>();
        private final Thread thread;
        private volatile Throwable failure;
        private boolean finished;
        private static final double[][] END = new double[0][];

        Pipe(int channels, AudioStreamWriter.Sink consumer) {
            for (int i = 0; i < DEPTH; i++) {
                double[][] b = new double[channels][BLOCK];
                slot.put(b, i);
                free.add(b);
            }
            thread = new Thread(() -> {
                try {
                    while (true) {
                        double[][] b = full.take();
                        if (b == END) {
                            return;
                        }
                        if (failure == null) {
                            try {
                                consumer.write(b, lengths[slot.get(b)]);
                            } catch (Throwable e) {
                                failure = e;
                            }
                        }
                        free.put(b);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "mw-target-writer");
            thread.setDaemon(true);
            thread.start();
        }

        void write(double[][] block, int frames) {
            rethrow();
            double[][] b;
            try {
                b = free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing", e);
            }
            for (int c = 0; c < b.length; c++) {
                System.arraycopy(block[c], 0, b[c], 0, frames);
            }
            synchronized (lengths) {
                lengths[slot.get(b)] = frames;
            }
            full.add(b);
        }

        /** Waits until every block has been consumed; throws the consumer's failure. */
        void finish() {
            if (!finished) {
                finished = true;
                full.add(END);
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing", e);
                }
            }
            rethrow();
        }

        private void rethrow() {
            Throwable e = failure;
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error r) {
                throw r;
            }
            if (e != null) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            if (!finished) {
                finished = true;
                full.add(END);
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
