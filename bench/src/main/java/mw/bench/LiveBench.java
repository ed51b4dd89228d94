package mw.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import mw.live.LiveEngine;
import mw.live.LiveState;
import mw.live.LiveStates;
import mw.live.TransitionCurve;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 128-frame stereo block at 48 kHz through the live chain (three-band SVF EQ, compressor, width and
 * gain, 4x-oversampled true-peak limiter, momentary loudness and true-peak meters), steady or in the middle
 * of a transition that moves every parameter. The block's real-time budget is 128 / 48000 s = 2667 us;
 * real-time factor = 2667 us / time per block. Run with {@code -prof gc} for {@code gc.alloc.rate.norm}
 * (bytes allocated per block) and with {@code -bm sample} for percentiles of the block time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class LiveBench {
    static final int FS = 48_000;
    static final int BLOCK = 128;

    @Param({"steady", "moving"})
    String mode;

    LiveEngine engine;
    double[][] source;
    double[][] block;
    int pos;
    long blocks;
    LiveState a;
    LiveState b;

    @Setup(Level.Trial)
    public void setup() {
        a = LiveStates.parse("[{\"presetName\": \"A\", \"compressionThreshold\": -24, \"compressionRatio\": 4, \"limiterCeiling\": -1,"
                + " \"eqLowGain\": 2, \"eqMidGain\": -1, \"eqHighGain\": 3, \"stereoWidth\": 1.2}]").get("A");
        b = a.with("B", java.util.Map.of("compressionThreshold", -12, "compressionRatio", 2, "limiterCeiling", -3,
                "eqLowGain", -3, "eqMidGain", 2, "eqHighGain", -4, "stereoWidth", 0.8, "eq.midFrequencyHz", 2500));
        engine = new LiveEngine(LiveStates.of(a, b), "A", FS, 2, BLOCK);
        int n = FS * 4;
        source = new double[2][n];
        SplittableRandom rng = new SplittableRandom(1);
        double lp = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / FS;
            lp += 0.2 * (rng.nextDouble(-1, 1) - lp);
            double kick = Math.exp(-(t % 0.5) * 20) * Math.sin(2 * Math.PI * 55 * t);
            double s = 0.4 * Math.sin(2 * Math.PI * 220 * t) + 0.2 * Math.sin(2 * Math.PI * 1760 * t) + 0.6 * kick + 0.4 * lp;
            source[0][i] = s;
            source[1][i] = 0.8 * s + 0.15 * lp;
        }
        block = new double[2][BLOCK];
        if (mode.equals("moving")) {
            // one transition far longer than the measurement: every block modulates every parameter
            engine.transitionTo(b, 600, TransitionCurve.S_CURVE);
        }
    }

    @Benchmark
    public double processBlock() {
        if (pos + BLOCK > source[0].length) {
            pos = 0;
        }
        System.arraycopy(source[0], pos, block[0], 0, BLOCK);
        System.arraycopy(source[1], pos, block[1], 0, BLOCK);
        pos += BLOCK;
        engine.process(block, BLOCK);
        return block[0][BLOCK - 1];
    }
}
