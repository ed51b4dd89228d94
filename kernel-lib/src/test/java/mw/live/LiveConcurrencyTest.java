package mw.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LiveConcurrencyTest {
    static final int FS = LiveSignals.FS;
    /** Parameters that move in these tests (linear scale); all states lie on one line through them. */
    static final String[] MOVING = {"eq.lowGainDb", "eq.midGainDb", "eq.highGainDb", "compressor.thresholdDb",
        "limiter.ceilingDbtp", "stereo.width", "output.gainDb", "compressor.kneeDb"};
    static final double[] BASE = {-6, 4, -8, -40, -6, 0.2, -4, 0};
    static final double[] STEP = {3, -2, 4, 8, 1.5, 0.4, 1.5, 4};

    /** Four states on one line: state c has value BASE + c * STEP for every moving parameter. */
    static LiveStates collinear() {
        LiveState[] s = new LiveState[4];
        for (int c = 0; c < 4; c++) {
            Map<String, Double> m = new java.util.HashMap<>();
            for (int i = 0; i < MOVING.length; i++) {
                m.put(MOVING[i], BASE[i] + c * STEP[i]);
            }
            s[c] = LiveState.defaults("s").with("S" + c, m);
        }
        return LiveStates.of(s);
    }

    /**
     * A control thread hammering transitions (random states, durations from one sample to 50 ms, random
     * curves) while audio runs in random block sizes and a third thread reads meters and values: no
     * exception, no NaN, and no torn parameter set. Every interpolation between states on a line stays on
     * that line, so every reading must be BASE + c * STEP for a single c; a reading mixing two requests
     * would leave the line.
     */
    @Test
    void hammeringTransitionsNeverTearsParameters() throws Exception {
        LiveStates states = collinear();
        LiveEngine e = new LiveEngine(states, "S0", FS, 2, 512);
        int[] idx = new int[MOVING.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = LiveStates.indexOfField("test", MOVING[i]);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong requests = new AtomicLong();
        AtomicLong readings = new AtomicLong();
        CountDownLatch started = new CountDownLatch(1);
        Thread audio = new Thread(() -> {
            SplittableRandom rng = new SplittableRandom(1);
            double[][] x = new double[2][512];
            try {
                started.countDown();
                while (!stop.get()) {
                    int n = 1 + rng.nextInt(512);
                    for (double[] c : x) {
                        for (int i = 0; i < n; i++) {
                            c[i] = rng.nextDouble(-1, 1);
                        }
                    }
                    e.process(x, n);
                    for (double[] c : x) {
                        for (int i = 0; i < n; i++) {
                            if (!Double.isFinite(c[i])) {
                                throw new AssertionError("output sample is " + c[i]);
                            }
                        }
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "audio");
        Thread control = new Thread(() -> {
            SplittableRandom rng = new SplittableRandom(2);
            TransitionCurve[] curves = TransitionCurve.values();
            try {
                started.await();
                while (!stop.get()) {
                    double sec = rng.nextBoolean() ? 1.0 / FS : rng.nextDouble(1e-4, 0.05);
                    e.transitionTo("S" + rng.nextInt(4), sec, curves[rng.nextInt(curves.length)]);
                    requests.incrementAndGet();
                    if (rng.nextInt(8) == 0) {
                        Thread.onSpinWait();
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "control");
        Thread reader = new Thread(() -> {
            try {
                started.await();
                while (!stop.get()) {
                    double[] v = e.valuesArray();
                    double c0 = (v[idx[0]] - BASE[0]) / STEP[0];
                    for (int i = 0; i < idx.length; i++) {
                        double c = (v[idx[i]] - BASE[i]) / STEP[i];
                        if (!(Math.abs(c - c0) < 1e-9 && c >= -1e-12 && c <= 3 + 1e-12)) {
                            throw new AssertionError("torn parameters: " + MOVING[i] + " at " + c + ", " + MOVING[0] + " at " + c0);
                        }
                    }
                    LiveMeters m = e.meters();
                    if (Double.isNaN(m.gainReductionDb()) || m.progress() < 0 || m.progress() > 1) {
                        throw new AssertionError("bad meters " + m);
                    }
                    readings.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "reader");
        audio.start();
        control.start();
        reader.start();
        Thread.sleep(1500);
        stop.set(true);
        audio.join();
        control.join();
        reader.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(requests.get() > 1000, requests + " requests");
        assertTrue(readings.get() > 100, readings + " readings");
        assertTrue(e.meters().frames() > FS / 10, "audio ran");
    }

    /** The audio thread allocates nothing, steady or moving, with requests arriving from another thread. */
    @Test
    void processAllocatesNothing() throws Exception {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LiveStates states = LiveSignals.contrasting();
        LiveEngine e = new LiveEngine(states, "calm", FS, 2, 128);
        double[][] x = new double[2][128];
        List<Long> perRun = new ArrayList<>();
        for (int run = 0; run < 10; run++) {
            // a request from another thread, then many blocks (a long transition, then steady)
            String target = run % 2 == 0 ? "boss" : "calm";
            TransitionCurve curve = TransitionCurve.values()[run % TransitionCurve.values().length];
            Thread t = new Thread(() -> e.transitionTo(target, 0.5, curve));
            t.start();
            t.join();
            long id = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(id);
            for (int b = 0; b < 10_000; b++) {
                for (double[] c : x) {
                    for (int i = 0; i < 128; i++) {
                        c[i] = 0.3 * Math.sin(0.05 * (b * 128 + i));
                    }
                }
                e.process(x, 128);
            }
            long after = mx.getThreadAllocatedBytes(id);
            long none = mx.getThreadAllocatedBytes(id);
            perRun.add((after - before) - (none - after));
        }
        // nothing per block: most runs of 10000 blocks allocate no byte at all. A run may show a few one-time
        // objects of the runtime's warm-up: class initialisation, and the compiled code's uncommon traps, where
        // the virtual machine records a deoptimisation with a few small strings on the running thread (seen
        // with allocation events: 24-byte strings and their byte arrays at loop lines of the meter, the
        // compressor and the width stage, a few hundred bytes to 2 KB in one run, then never again). An
        // allocation made by the blocks themselves would show in every run: one object of the smallest size
        // (16 bytes) per block is 160 000 bytes per run, one every 16 blocks still 10 000.
        long zeroRuns = perRun.stream().filter(b -> b == 0).count();
        assertTrue(zeroRuns >= perRun.size() / 2, "bytes allocated per run of 10000 blocks: " + perRun);
        for (long b : perRun.subList(1, perRun.size())) {
            assertTrue(b < 10_000, "bytes allocated per run of 10000 blocks: " + perRun);
        }
    }
}
