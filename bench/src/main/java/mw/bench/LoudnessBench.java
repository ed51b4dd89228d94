package mw.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import mw.loudness.Loudness;
import mw.loudness.LoudnessMeter;
import mw.loudness.LoudnessReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full loudness analysis (integrated loudness, LRA, momentary/short-term maxima on a 1 ms grid, true peak,
 * sample peak) of a 4-minute stereo 44.1 kHz buffer. Real-time factor = 240 s / measured time.
 * Run with {@code scripts/bench-loudness.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class LoudnessBench {
    static final int FS = 44100;
    static final int SECONDS = 240;

    AudioBuffer programme;

    /** Seeded programme material: coloured noise with a changing level plus tone bursts. */
    @Setup
    public void setup() {
        int n = FS * SECONDS;
        Random rnd = new Random(42);
        double[] l = new double[n];
        double[] r = new double[n];
        double a = 0, b = 0, level = 0.3;
        for (int i = 0; i < n; i++) {
            if (i % FS == 0) {
                level = 0.05 + 0.3 * rnd.nextDouble();
            }
            a = 0.95 * a + 0.05 * rnd.nextGaussian();
            b = 0.95 * b + 0.05 * rnd.nextGaussian();
            double tone = 0.2 * Math.sin(2 * Math.PI * 440 * i / FS) * ((i / (FS / 2)) % 2);
            l[i] = level * 3 * a + tone;
            r[i] = level * 3 * b + tone;
        }
        programme = AudioBuffer.of(FS, ChannelLayout.STEREO, l, r);
    }

    /** Everything {@code mw loudness} computes, on the in-memory buffer. */
    @Benchmark
    public LoudnessReport fullAnalysis() {
        return Loudness.of(programme);
    }

    /** The same with the 100 ms plotting series recorded. */
    @Benchmark
    public LoudnessMeter fullAnalysisWithSeries() {
        return Loudness.meter(programme, 100);
    }
}
