package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

/**
 * EQ bands against the analog prototypes of the RBJ cookbook: each cookbook filter is the bilinear
 * transform of an analog prototype pre-warped at f0, so its digital magnitude at f equals the analog
 * magnitude at Omega = tan(pi f / fs) / tan(pi f0 / fs). The filter's actual response is measured from
 * its impulse response (DFT), not from its coefficients.
 */
class EqTest {
    static final int FS = 48_000;

    /** Impulse response of a band, rendered through process(AudioBuffer). */
    static double[] impulse(Processor p, int fs, int n) {
        double[] x = new double[n];
        x[0] = 1;
        return p.process(AudioBuffer.of(fs, x)).channel(0);
    }

    static double omega(double f, double f0, int fs) {
        return Math.tan(Math.PI * f / fs) / Math.tan(Math.PI * f0 / fs);
    }

    /** Checks measured magnitude against an analog |H(j Omega)|^2 at 60 log-spaced frequencies. */
    static void check(Eq eq, int fs, DoubleUnaryOperator analogPower) {
        double[] h = impulse(eq, fs, 1 << 15);
        double f0 = eq.frequencyHz();
        for (double f : FrequencyResponse.logGrid(20, 0.45 * fs, 60)) {
            double expectedPow = analogPower.applyAsDouble(omega(f, f0, fs));
            double[] hf = Signals.dft(h, f, fs);
            double pow = hf[0] * hf[0] + hf[1] * hf[1];
            double expDb = 10 * Math.log10(expectedPow);
            if (expDb > -60) {
                assertEquals(expDb, 10 * Math.log10(pow), 0.01, eq + " at " + f + " Hz");
            } else {
                assertEquals(Math.sqrt(expectedPow), Math.sqrt(pow), 1e-3, eq + " at " + f + " Hz");
            }
            // the plotted response agrees with the measured one
            double plotted = eq.response(fs, f).magnitudeDb()[0];
            if (expDb > -60) {
                assertEquals(10 * Math.log10(pow), plotted, 0.01, "response() of " + eq + " at " + f);
            }
        }
    }

    static double sq(double v) {
        return v * v;
    }

    @Test
    void peakMatchesAnalogPrototype() {
        for (double[] p : new double[][] {{1000, 6, 1.4}, {100, -9, 0.7}, {8000, 12, 4}, {250, -3, 0.3}}) {
            double a = Math.pow(10, p[1] / 40);
            double q = p[2];
            check(Eq.peak(p[0], p[1], q), FS, w -> (sq(1 - w * w) + sq(a * w / q)) / (sq(1 - w * w) + sq(w / (a * q))));
        }
        // the gain at the centre frequency is the stated gain
        assertEquals(6.0, Signals.db(Signals.dft(impulse(Eq.peak(1000, 6, 1.4), FS, 1 << 15), 1000, FS)), 1e-6);
    }

    @Test
    void shelvesMatchAnalogPrototype() {
        for (double[] p : new double[][] {{200, 6}, {1000, -4}, {8000, 3}}) {
            double a = Math.pow(10, p[1] / 40);
            double q = Eq.BUTTERWORTH_Q;
            double sa = Math.sqrt(a);
            check(Eq.lowShelf(p[0], p[1]), FS,
                    w -> a * a * (sq(a - w * w) + sq(sa * w / q)) / (sq(1 - a * w * w) + sq(sa * w / q)));
            check(Eq.highShelf(p[0], p[1]), 44_100,
                    w -> a * a * (sq(1 - a * w * w) + sq(sa * w / q)) / (sq(a - w * w) + sq(sa * w / q)));
        }
        // a shelf reaches its full gain at DC (low) and half its gain in dB at f0
        double[] h = impulse(Eq.lowShelf(200, 6), FS, 1 << 15);
        assertEquals(6.0, Signals.db(Signals.dft(h, 0, FS)), 1e-6);
        assertEquals(3.0, Signals.db(Signals.dft(h, 200, FS)), 1e-6);
    }

    @Test
    void butterworthPassFiltersOfEverySlope() {
        for (int slope : new int[] {6, 12, 18, 24, 36, 48}) {
            int order = slope / 6;
            check(Eq.lowPass(2000, slope), FS, w -> 1 / (1 + Math.pow(w, 2 * order)));
            check(Eq.highPass(80, slope), 44_100, w -> Math.pow(w, 2 * order) / (1 + Math.pow(w, 2 * order)));
            // -3.01 dB at the corner for every order
            assertEquals(-10 * Math.log10(2), Signals.db(Signals.dft(impulse(Eq.lowPass(2000, slope), FS, 1 << 15), 2000, FS)), 1e-6);
        }
    }

    @Test
    void resonantLowPassBandPassNotch() {
        double q = 2.5;
        check(Eq.of(Eq.Shape.LOW_PASS, 1500, 0, q, 12), FS, w -> 1 / (sq(1 - w * w) + sq(w / q)));
        check(Eq.of(Eq.Shape.HIGH_PASS, 300, 0, q, 12), FS, w -> Math.pow(w, 4) / (sq(1 - w * w) + sq(w / q)));
        check(Eq.bandPass(1000, 2), FS, w -> sq(w / 2) / (sq(1 - w * w) + sq(w / 2)));
        check(Eq.notch(3000, 4), FS, w -> sq(1 - w * w) / (sq(1 - w * w) + sq(w / 4)));
    }

    @Test
    void tiltIsTwoOppositeShelves() {
        double g = 6;
        double a1 = Math.pow(10, -g / 2 / 40);
        double a2 = Math.pow(10, g / 2 / 40);
        double q = 0.5;
        check(Eq.tilt(1000, g), FS, w -> {
            double s1 = Math.sqrt(a1);
            double s2 = Math.sqrt(a2);
            double low = a1 * a1 * (sq(a1 - w * w) + sq(s1 * w / q)) / (sq(1 - a1 * w * w) + sq(s1 * w / q));
            double high = a2 * a2 * (sq(1 - a2 * w * w) + sq(s2 * w / q)) / (sq(a2 - w * w) + sq(s2 * w / q));
            return low * high;
        });
        double[] h = impulse(Eq.tilt(1000, g), FS, 1 << 15);
        assertEquals(-3.0, Signals.db(Signals.dft(h, 0, FS)), 1e-6);
        assertEquals(0.0, Signals.db(Signals.dft(h, 1000, FS)), 1e-6);
    }

    @Test
    void phaseOfLowPassMatchesAnalogPrototype() {
        Eq lp = Eq.lowPass(1000);
        double[] h = impulse(lp, FS, 1 << 15);
        double q = Eq.BUTTERWORTH_Q;
        for (double f : FrequencyResponse.logGrid(20, 20_000, 40)) {
            double w = omega(f, 1000, FS);
            double expected = -Math.toDegrees(Math.atan2(w / q, 1 - w * w));
            double[] hf = Signals.dft(h, f, FS);
            assertEquals(expected, Math.toDegrees(Math.atan2(hf[1], hf[0])), 0.01, "phase at " + f);
            assertEquals(expected, lp.response(FS, f).phaseDegrees()[0], 0.01, "response() phase at " + f);
        }
    }

    @Test
    void blockAndWholeBufferRendersAreIdentical() {
        AudioBuffer in = Signals.musicLike(FS, 0.5, 7, -6);
        for (Eq eq : new Eq[] {Eq.peak(900, 4, 2), Eq.highPass(40, 48), Eq.tilt(2000, -3)}) {
            AudioBuffer whole = eq.process(in);
            AudioBuffer blocks = Signals.renderInBlocks(eq, in, 1, 17, 256, 4096, 3);
            assertEquals(whole, blocks, eq.toString());
        }
    }

    @Test
    void gainChangeWhileRunningGlidesWithoutAClick() {
        Eq eq = Eq.peak(1000, 0, 1);
        eq.prepare(FS, 512, 1);
        double amp = 0.25;
        double[] x = Signals.sine(FS, 1000, amp, FS / 2);
        double[][] b = new double[1][512];
        double maxStep = 0;
        double prev = 0;
        for (int pos = 0; pos + 512 <= x.length; pos += 512) {
            if (pos == 9728) {
                eq.gainDb(12); // +12 dB mid-stream
            }
            System.arraycopy(x, pos, b[0], 0, 512);
            eq.process(b, 512);
            for (int i = 0; i < 512; i++) {
                maxStep = Math.max(maxStep, Math.abs(b[0][i] - prev));
                prev = b[0][i];
            }
        }
        // no step larger than the steepest slope of the final (4x louder) sine, plus 2 %
        double finalSlope = 2 * Math.PI * 1000 / FS * amp * Math.pow(10, 12 / 20.0);
        assertTrue(maxStep <= finalSlope * 1.02, "max step " + maxStep + " vs " + finalSlope);
        // and the gain arrives
        assertEquals(12.0, 20 * Math.log10(Math.abs(prev) > 0 ? peakOfLast(eq, x) / amp : 1), 0.05);
    }

    private static double peakOfLast(Eq eq, double[] x) {
        double[][] b = {java.util.Arrays.copyOfRange(x, 0, 4800)};
        eq.process(b, 4800);
        double p = 0;
        for (int i = 2400; i < 4800; i++) {
            p = Math.max(p, Math.abs(b[0][i]));
        }
        return p;
    }

    @Test
    void outOfRangeParametersNameFieldValueAndRange() {
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Eq.peak(1000, 40, 1));
        assertTrue(e.getMessage().contains("gainDb") && e.getMessage().contains("40") && e.getMessage().contains("30"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> Eq.lowPass(1000, 30));
        assertTrue(e.getMessage().contains("slopeDbPerOct = 30"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> Eq.highShelf(30_000, 2).prepare(44_100, 64, 2));
        assertTrue(e.getMessage().contains("frequencyHz = 30000") && e.getMessage().contains("Nyquist"), e.getMessage());
        assertTrue(Eq.highShelf(8000, 1.5).toString().contains("frequencyHz=8000.0"));
    }
}
