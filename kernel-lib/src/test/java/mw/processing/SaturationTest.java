package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

/**
 * Aliasing of the oversampled saturation: full-scale tones across the band, 12 dB drive. Every
 * spectral line that is not a harmonic of the tone (below Nyquist) is an alias and must stay under
 * -90 dBFS. The spectrum uses a Kaiser window (beta 20, side lobes far below -150 dB).
 */
class SaturationTest {
    static final int FS = 44_100;
    static final int N = 1 << 15;

    static double[] spectrumDbfs(double[] x) {
        double beta = 20;
        double i0 = PeakGainStage.besselI0(beta);
        double[] re = new double[N];
        double[] im = new double[N];
        double wsum = 0;
        for (int i = 0; i < N; i++) {
            double r = 2.0 * i / (N - 1) - 1;
            double w = PeakGainStage.besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0;
            re[i] = x[x.length - N + i] * w;
            wsum += w;
        }
        Signals.fft(re, im, false);
        double[] db = new double[N / 2];
        for (int k = 0; k < N / 2; k++) {
            db[k] = 20 * Math.log10(Math.max(1e-20, 2 * Math.hypot(re[k], im[k]) / wsum));
        }
        return db;
    }

    /** Largest non-harmonic line, {dBFS, Hz}, and the fundamental's level. */
    static double[] worstAlias(double[] y, double fb) {
        double[] db = spectrumDbfs(y);
        double worst = -400;
        double worstHz = 0;
        double fundamental = -400;
        for (int k = 1; k < N / 2; k++) {
                double hz = (double) k * FS / N;
                // distance to the nearest harmonic of the tone
                double h = Math.round(hz / fb);
                boolean harmonic = h >= 1 && Math.abs(hz - h * fb) < 40 * (double) FS / N;
                if (Math.abs(hz - fb) < 2) {
                    fundamental = Math.max(fundamental, db[k]);
                }
                if (!harmonic && db[k] > worst && hz > 30) {
                    worst = db[k];
                    worstHz = hz;
                }
            }
        return new double[] {worst, worstHz, fundamental};
    }

    static double binCentred(double f) {
        return Math.round(f * N / (double) FS) * (double) FS / N;
    }

    @Test
    void aliasesStayBelowMinus90DbfsOnFullScaleTones() {
        for (double f : new double[] {997, 4999, 9301, 13_001, 17_003, 19_501}) {
            // a bin-centred frequency keeps the window's main lobe narrow and exact
            double fb = binCentred(f);
            double[] x = Signals.sine(FS, fb, 1.0, N + 4096);
            double[] y = Saturation.driveDb(12).process(AudioBuffer.of(FS, x)).channel(0);
            double[] w = worstAlias(y, fb);
            assertTrue(w[0] < -90, f + " Hz: alias at " + w[1] + " Hz, " + w[0] + " dBFS");
            assertTrue(w[2] > -12, "the tone passes: " + w[2]);
        }
    }

    @Test
    void theMeasurementSeesTheAliasesOfAPlainCurve() {
        // the same curve without oversampling aliases far above -90 dBFS: the check above has teeth
        double fb = binCentred(9301);
        double[] x = Signals.sine(FS, fb, 1.0, N + 4096);
        double d = Math.pow(10, 12 / 20.0);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.tanh(d * x[i]) / d;
        }
        assertTrue(worstAlias(y, fb)[0] > -60);
    }

    @Test
    void smallSignalsPassAtUnityGainWithLatencyCompensated() {
        double[] x = Signals.sine(FS, 1000, 0.001, 8192);
        double[] y = Saturation.driveDb(6).process(AudioBuffer.of(FS, x)).channel(0);
        for (int i = 2000; i < 6000; i++) {
            assertEquals(x[i], y[i], 2e-6, "sample " + i);
        }
        AudioBuffer in = Signals.musicLike(FS, 0.2, 3, -3);
        Saturation s = Saturation.driveDb(9).curve(Saturation.Curve.ASYMMETRIC).mix(0.5);
        assertEquals(s.process(in), Signals.renderInBlocks(s, in, 1, 700, 4096));
    }
}
