package mw.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import mw.processing.Chain;
import mw.processing.Compressor;
import mw.processing.Eq;
import mw.processing.Limiter;
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
 * EQ + compressor + 4x-oversampled true-peak limiter on a 4-minute stereo 44.1 kHz buffer, one thread.
 * Real-time factor = 240 s / measured seconds per render.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class ChainBench {
    AudioBuffer music;
    Chain chain;
    Chain eqOnly;
    Limiter limiterOnly;

    @Setup
    public void setup() {
        int fs = 44_100;
        int n = fs * 240;
        double[][] x = new double[2][n];
        SplittableRandom rng = new SplittableRandom(1);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / fs;
            lp += 0.2 * (rng.nextDouble(-1, 1) - lp);
            double kick = Math.exp(-(t % 0.5) * 20) * Math.sin(2 * Math.PI * 55 * t);
            double s = 0.3 * Math.sin(2 * Math.PI * 220 * t) + 0.15 * Math.sin(2 * Math.PI * 1760 * t) + 0.5 * kick + 0.3 * lp;
            x[0][i] = s;
            x[1][i] = 0.8 * s + 0.1 * lp;
        }
        music = AudioBuffer.wrap(fs, ChannelLayout.STEREO, x).gainDb(3);
        chain = Chain.of(Eq.highShelf(8000, 1.5), Compressor.ratio(2).thresholdDb(-18).attackMs(10).releaseMs(120),
                Limiter.truePeak(-1.0));
        eqOnly = Chain.of(Eq.highShelf(8000, 1.5));
        limiterOnly = Limiter.truePeak(-1.0);
    }

    @Benchmark
    public AudioBuffer eqCompressorTruePeakLimiter() {
        return chain.process(music);
    }

    @Benchmark
    public AudioBuffer truePeakLimiterAlone() {
        return limiterOnly.process(music);
    }

    @Benchmark
    public AudioBuffer eqAlone() {
        return eqOnly.process(music);
    }
}
