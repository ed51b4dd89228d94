package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

/** Parameter changes while audio runs glide instead of jumping (no clicks). */
class SmoothingTest {
    static final int FS = 48_000;

    /** Largest sample-to-sample step of a 100 Hz sine through p, with `change` run at 0.25 s. */
    static double maxStep(Processor p, Runnable change, double amp) {
        p.prepare(FS, 480, 1);
        double[] x = Signals.sine(FS, 100, amp, FS / 2);
        double[][] b = new double[1][480];
        double max = 0;
        double prev = 0;
        for (int pos = 0; pos + 480 <= x.length; pos += 480) {
            if (pos == FS / 4) {
                change.run();
            }
            System.arraycopy(x, pos, b[0], 0, 480);
            p.process(b, 480);
            for (int i = 0; i < 480; i++) {
                if (pos + i > p.latencySamples() + 1) {
                    max = Math.max(max, Math.abs(b[0][i] - prev));
                }
                prev = b[0][i];
            }
        }
        return max;
    }

    @Test
    void gainGlidesOver20Ms() {
        Gain g = Gain.db(0);
        // the steepest step of the sine at the final (+12 dB) level, plus what the 20 ms ramp adds
        double sineSlope = 2 * Math.PI * 100 / FS * 0.1 * Math.pow(10, 12 / 20.0);
        double rampStep = 0.1 * (Math.pow(10, 12 / 20.0) - 1) / (0.020 * FS);
        assertTrue(maxStep(g, () -> g.gainDb(12), 0.1) <= sineSlope + rampStep + 1e-12);
        // a jump would have stepped by 0.1 * 3 = 0.3
    }

    @Test
    void compressorMakeupAndMixGlide() {
        Compressor c = Compressor.ratio(4).thresholdDb(-40);
        double sineSlope = 2 * Math.PI * 100 / FS * 0.1 * Math.pow(10, 12 / 20.0);
        double step = maxStep(c, () -> c.makeupDb(12).mix(0.5).thresholdDb(-10), 0.1);
        assertTrue(step < 2 * sineSlope, "step " + step + " vs sine slope " + sineSlope);
    }

    @Test
    void limiterCeilingChangeFollowsWithTheAttackRamp() {
        Limiter l = Limiter.truePeak(0);
        double step = maxStep(l, () -> l.ceilingDbtp(-12), 0.9);
        // at most the sine's own slope plus the 12 dB gain change spread over the 1.5 ms look-ahead ramp
        double sineSlope = 2 * Math.PI * 100 / FS * 0.9;
        double rampStep = 0.9 * (1 - Math.pow(10, -12 / 20.0)) / (0.0015 * FS);
        assertTrue(step <= sineSlope + rampStep, "step " + step + " vs " + (sineSlope + rampStep));
    }

    @Test
    void eqFrequencySweepDoesNotClick() {
        Eq eq = Eq.peak(200, 9, 2);
        double sineSlope = 2 * Math.PI * 100 / FS * 0.2 * Math.pow(10, 9 / 20.0);
        double step = maxStep(eq, () -> eq.frequencyHz(100), 0.2);
        assertTrue(step < 1.2 * sineSlope, "step " + step + " vs " + sineSlope);
        AudioBuffer in = Signals.musicLike(FS, 0.2, 1, -6);
        assertEquals(in.frames(), eq.process(in).frames());
    }
}
