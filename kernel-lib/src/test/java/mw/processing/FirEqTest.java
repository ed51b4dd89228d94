package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

class FirEqTest {
    static final int FS = 44_100;

    @Test
    void followsTheCurveWithLinearPhase() {
        FirEq eq = FirEq.fromCurve(new double[] {30, 100, 1000, 5000, 12_000}, new double[] {3, 0, -2, 0, 4});
        int taps = eq.taps();
        int at = taps;
        double[] x = new double[3 * taps];
        x[at] = 1;
        double[] y = eq.process(AudioBuffer.of(FS, x)).channel(0);
        // linear phase: the measured impulse response is symmetric about the impulse
        for (int k = 1; k <= taps / 2; k++) {
            assertEquals(y[at + k], y[at - k], 1e-12, "lag " + k);
        }
        // magnitude: the requested curve (interpolated in dB over log frequency) within 0.1 dB
        double[] h = new double[taps];
        System.arraycopy(y, at - taps / 2, h, 0, taps);
        for (double f : FrequencyResponse.logGrid(40, 18_000, 80)) {
            double expected = f <= 30 ? 3 : f <= 100 ? 3 * (1 - Math.log(f / 30) / Math.log(100 / 30.0))
                    : f <= 1000 ? -2 * Math.log(f / 100) / Math.log(10) : f <= 5000 ? -2 + 2 * Math.log(f / 1000) / Math.log(5)
                    : f <= 12_000 ? 4 * Math.log(f / 5000) / Math.log(12_000 / 5000.0) : 4;
            assertEquals(expected, Signals.db(Signals.dft(h, f, FS)), 0.1, "at " + f + " Hz");
        }
    }

    @Test
    void fastConvolutionEqualsDirectConvolution() {
        // independent reference: the designed taps convolved sample by sample in the time domain, on three
        // different channels (two share a complex transform, the third has one of its own)
        FirEq eq = FirEq.fromCurve(new double[] {60, 900, 7000}, new double[] {4, -3, 2}).taps(1023);
        double[][] x = new double[3][];
        for (int c = 0; c < 3; c++) {
            x[c] = Signals.musicLike(FS, 0.25, 9 + c, 0).channel(0);
            double peak = 0;
            for (double v : x[c]) {
                peak = Math.max(peak, Math.abs(v));
            }
            for (int i = 0; i < x[c].length; i++) {
                x[c][i] /= peak * (c + 1); // full scale, then -6 and -9.5 dBFS
            }
        }
        AudioBuffer out = eq.process(AudioBuffer.wrap(FS, mw.audio.ChannelLayout.defaultFor(3), x));
        double[] h = eq.impulseResponse(FS);
        int delay = (h.length - 1) / 2;
        for (int c = 0; c < 3; c++) {
            double[] y = out.channel(c);
            double worst = 0;
            for (int n = 0; n < x[c].length; n++) {
                double s = 0;
                for (int k = 0; k < h.length; k++) {
                    int i = n + delay - k;
                    if (i >= 0 && i < x[c].length) {
                        s += h[k] * x[c][i];
                    }
                }
                worst = Math.max(worst, Math.abs(s - y[n]));
            }
            assertTrue(20 * Math.log10(worst) < -200, "channel " + c + ": largest difference " + 20 * Math.log10(worst) + " dBFS");
        }
    }

    @Test
    void blocksAndValidation() {
        AudioBuffer in = Signals.musicLike(FS, 0.5, 4, -6);
        FirEq eq = FirEq.fromCurve(new double[] {200, 4000}, new double[] {-3, 2}).taps(1023);
        assertEquals(eq.process(in), Signals.renderInBlocks(eq, in, 1, 511, 4096, 77));
        String m = assertThrows(WorkbenchException.class, () -> FirEq.fromCurve(new double[] {100, 50}, new double[] {0, 0}))
                .getMessage();
        assertTrue(m.contains("curveHz must rise"), m);
        m = assertThrows(WorkbenchException.class, () -> FirEq.fromCurve(new double[] {100}, new double[] {30})).getMessage();
        assertTrue(m.contains("curveDb[0] = 30.0"), m);
    }
}
