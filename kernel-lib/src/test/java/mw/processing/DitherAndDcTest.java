package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

class DitherAndDcTest {
    @Test
    void tpdfDitherNoiseIsHalfAnLsbRmsAndOnTheGrid() {
        int n = 200_000;
        double[] x = Signals.sine(44_100, 997, 0.01, n);
        double[] y = Dither.bits(16).process(AudioBuffer.of(44_100, x)).channel(0);
        double lsb = Math.scalb(1.0, -15);
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - x[i];
            sum += e;
            sq += e * e;
            assertEquals(Math.rint(y[i] / lsb), y[i] / lsb, 0.0);
        }
        // rounding (LSB^2/12) plus TPDF (LSB^2/6) = LSB^2/4
        assertEquals(lsb / 2, Math.sqrt(sq / n), lsb / 2 * 0.01);
        assertEquals(0, sum / n, lsb * 0.01);
        // seeded: the same input gives the same output
        assertEquals(AudioBuffer.of(44_100, y), Dither.bits(16).process(AudioBuffer.of(44_100, x)));
    }

    @Test
    void noiseShapingMovesNoiseUpwards() {
        int n = 1 << 16;
        double[] x = Signals.sine(48_000, 1000, 0.1, n);
        double[] y = Dither.bits(16).noiseShaping(Dither.Shaping.SECOND_ORDER).process(AudioBuffer.of(48_000, x)).channel(0);
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = y[i] - x[i];
        }
        // error filter (1 - z^-1)^2: |E|^2 = 16 sin^4(w/2): far below white at 200 Hz, far above near Nyquist
        double low = bandPower(e, 48_000, 100, 300);
        double high = bandPower(e, 48_000, 20_000, 22_000);
        assertTrue(high / low > 1e4, "shaped noise high/low " + high / low);
    }

    static double bandPower(double[] e, int fs, double f1, double f2) {
        double p = 0;
        for (double f = f1; f <= f2; f += 25) {
            double[] h = Signals.dft(e, f, fs);
            p += h[0] * h[0] + h[1] * h[1];
        }
        return p;
    }

    @Test
    void dcBlockRemovesOffsetAndPassesMusic() {
        int fs = 44_100;
        double[] x = Signals.sine(fs, 1000, 0.5, fs * 2);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.2;
        }
        double[] y = DcBlock.create().process(AudioBuffer.of(fs, x)).channel(0);
        double mean = 0;
        for (int i = fs; i < y.length; i++) {
            mean += y[i];
        }
        assertEquals(0, mean / fs, 1e-4);
        // measured response against the difference equation's closed form |1 - z^-1| / |1 - R z^-1|
        double[] h = new double[1 << 17];
        h[0] = 1;
        double[] ir = DcBlock.create().process(AudioBuffer.of(fs, h)).channel(0);
        double r = Math.exp(-2 * Math.PI * 5 / fs);
        for (double f : new double[] {2, 5, 20, 100, 1000, 10_000, 20_000}) {
            double w = 2 * Math.PI * f / fs;
            double num = 2 - 2 * Math.cos(w);
            double den = 1 - 2 * r * Math.cos(w) + r * r;
            assertEquals(10 * Math.log10(num / den), Signals.db(Signals.dft(ir, f, fs)), 0.001, f + " Hz");
        }
        assertEquals(-3.0, Signals.db(Signals.dft(ir, 5, fs)), 0.1);
    }
}
