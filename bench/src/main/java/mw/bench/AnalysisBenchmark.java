package mw.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import mw.analysis.Analysis;
import mw.analysis.DynamicsMeter;
import mw.analysis.Features;
import mw.analysis.Ltas;
import mw.analysis.Signals;
import mw.analysis.Spectrum;
import mw.analysis.StereoImage;
import mw.audio.AudioBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The analysis feature set on a 4-minute stereo 44.1 kHz buffer, one thread. The buffer is a seeded
 * synthetic programme (decaying chords, panned noise hits, a slow swell) so results do not depend on
 * files. Run: {@code java -jar bench/target/benchmarks.jar AnalysisBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx3g", "-Djava.awt.headless=true"})
@Threads(1)
public class AnalysisBenchmark {
    AudioBuffer audio;
    private long cpuStartNanos;
    private long ops;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * On a shared machine wall-clock time includes waiting for a core; the thread's CPU time per
     * operation does not, so it is printed after every iteration as well.
     */
    @Setup(Level.Iteration)
    public void startCpuClock() {
        ops = 0;
        cpuStartNanos = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStartNanos;
        if (ops > 0) {
            System.out.printf(java.util.Locale.ROOT, "%n  [thread CPU time %.1f ms/op over %d ops]%n", cpu / 1e6 / ops, ops);
        }
    }

    @Setup
    public void setup() {
        int sr = 44100;
        int n = 240 * sr;
        double[] l = new double[n];
        double[] r = new double[n];
        Random rnd = new Random(42);
        double[] freqs = {110, 220, 277.18, 329.63, 440, 880, 1760};
        for (int i = 0; i < n; i++) {
            double t = (double) i / sr;
            double env = Math.exp(-3 * (t % 0.5));
            double s = 0;
            for (int k = 0; k < freqs.length; k++) {
                s += Math.sin(2 * Math.PI * freqs[k] * t) / (k + 1);
            }
            double noise = rnd.nextGaussian() * Math.exp(-30 * ((t + 0.25) % 0.5));
            double swell = 0.6 + 0.4 * Math.sin(2 * Math.PI * t / 60);
            l[i] = swell * (0.2 * env * s + 0.15 * noise);
            r[i] = swell * (0.18 * env * s - 0.05 * noise) + 0.01 * rnd.nextGaussian();
        }
        audio = AudioBuffer.of(sr, l, r);
    }

    /**
     * Everything but loudness: features of the mix, LTAS of L/R/M/S, stereo report (from that LTAS),
     * dynamics, display spectrogram; what {@code Analysis.of} does besides calling the loudness meter.
     */
    @Benchmark
    public void fullFeatureSet(Blackhole bh) {
        ops++;
        double[] mono = Signals.select(audio, Signals.MIX);
        bh.consume(Features.of(mono, audio.sampleRate(), Signals.MIX));
        Ltas ltas = Spectrum.ltas(audio);
        bh.consume(ltas);
        bh.consume(StereoImage.of(audio, ltas));
        bh.consume(DynamicsMeter.of(audio, null, new double[0]));
        bh.consume(Spectrum.spectrogram(mono, audio.sampleRate(), Signals.MIX));
    }

    /** What {@code mw analyze} computes per file: the above plus the loudness meter (report and 100 ms series). */
    @Benchmark
    public Object analysisWithLoudness() {
        ops++;
        return Analysis.of("bench", audio);
    }

    @Benchmark
    public Object features() {
        ops++;
        return Features.of(audio);
    }

    @Benchmark
    public Object ltas() {
        ops++;
        return Spectrum.ltas(audio);
    }

    @Benchmark
    public Object stereo() {
        ops++;
        return StereoImage.of(audio); // includes its own LTAS
    }

    @Benchmark
    public Object dynamics() {
        ops++;
        return DynamicsMeter.of(audio, null, new double[0]);
    }

    @Benchmark
    public Object spectrogram() {
        ops++;
        return Spectrum.spectrogram(audio, Signals.MIX);
    }
}
