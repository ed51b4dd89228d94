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
 * gain, 4x-oversampled true-peak limiter, momentary loudness and true-peak meters): {@code steady} in state A,
 * {@code steadyB} in state B (louder, the limiter working on most blocks), or {@code moving}: 2-second
 * S-curve transitions A to B, B to A, ... back to back, so that every block lies inside a transition
 * that moves every parameter however long the run. The block's real-time budget is 128 / 48000 s = 2667 us;
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

    /** Frames per block (128 unless set; {@code LiveBlockTimes} runs 32 to 4096). */
    @Param({"128"})
    int frames = BLOCK;

    @Param({"steady", "steadyB", "moving"})
    String mode;

    LiveEngine engine;
    double[][] source;
    double[][] block;
    int pos;
    long blocks;
    boolean moving;
    boolean toB = true;
    /** Blocks per transition in mode {@code moving}: about 2 s (750 blocks of 128 frames). */
    int transitionBlocks;
    LiveState a;
    LiveState b;

    @Setup(Level.Trial)
    public void setup() {
        a = LiveStates.parse("[{\"presetName\": \"A\", \"compressionThreshold\": -24, \"compressionRatio\": 4, \"limiterCeiling\": -1,"
                + " \"eqLowGain\": 2, \"eqMidGain\": -1, \"eqHighGain\": 3, \"stereoWidth\": 1.2}]").get("A");
        b = a.with("B", java.util.Map.of("compressionThreshold", -12, "compressionRatio", 2, "limiterCeiling", -3,
                "eqLowGain", -3, "eqMidGain", 2, "eqHighGain", -4, "stereoWidth", 0.8, "eq.midFrequencyHz", 2500));
        engine = new LiveEngine(LiveStates.of(a, b), mode.equals("steadyB") ? "B" : "A", FS, 2, frames);
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
        block = new double[2][frames];
        transitionBlocks = Math.max(1, Math.round(2f * FS / frames));
        moving = mode.equals("moving");
    }

    /** In mode {@code moving}: starts the next transition when the last one has ended (control side, allocates). */
    public void control() {
        if (moving && blocks % transitionBlocks == 0) {
            engine.transitionTo(toB ? b : a, transitionBlocks * (double) frames / FS, TransitionCurve.S_CURVE);
            toB = !toB;
        }
    }

    /** One block: the control side's request (if due), then the engine. */
    @Benchmark
    public double controlAndBlock() {
        control();
        return processBlock();
    }

    /** One block through the engine only (the audio thread's share; {@link #control()} is called separately). */
    public double processBlock() {
        blocks++;
        int n = frames;
        if (pos + n > source[0].length) {
            pos = 0;
        }
        System.arraycopy(source[0], pos, block[0], 0, n);
        System.arraycopy(source[1], pos, block[1], 0, n);
        pos += n;
        engine.process(block, n);
        return block[0][n - 1];
    }
}
