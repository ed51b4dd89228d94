package mw.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.audio.AudioBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EBU Tech 3341 true-peak cases 20-23 re-synthesised at every rate the meter is specified for: the
 * signal is made at 4 x fs (a tone at fs/6 with one period of an fs/4 tone on top, both cosine-phased
 * about one instant of the 4 x fs grid), low-passed there below fs/2 with a long linear-phase filter,
 * scaled so that instant is exactly 1.0, and decimated by 4 at offsets 0, 1, 2 and 3. The signal is
 * symmetric about that instant before and after the (symmetric) filter, so its continuous-time peak is
 * the 1.0 on the fine grid: 0 dBTP. With offset 0 the peak is a sample; with offsets 1 and 3 it falls a
 * quarter sample away from the samples, with 2 half-way between. Required: 0.0 +0.2/-0.4 dBTP.
 */
class TruePeakCases20to23Test {

    @ParameterizedTest
    @ValueSource(ints = {44100, 48000, 88200, 96000, 176400, 192000})
    void cases20to23(int fs) {
        double[] fine = fineSignal(fs);
        for (int offset = 0; offset < 4; offset++) {
            int n = (fine.length - offset) / 4;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = fine[4 * i + offset];
            }
            double tp = Loudness.of(AudioBuffer.of(fs, x, x)).truePeakDbtp();
            String what = "case " + (20 + offset) + " @" + fs + ": " + tp + " dBTP";
            assertTrue(tp <= 0.2 && tp >= -0.4, what + ", expected 0.0 +0.2/-0.4");
            assertEquals(0.0, tp, 0.2, what + " (tight)");
        }
    }

    /** One second at 4 x fs, peak exactly 1.0 at the centre sample. */
    static double[] fineSignal(int fs) {
        int up = 4 * fs;
        int n = up;                         // one second
        int c = n / 2;                      // the instant of the peak
        double[] raw = new double[n];
        int burstHalf = 8;                  // one fs/4 period = 16 samples at 4 fs
        for (int i = 0; i < n; i++) {
            double t = (double) (i - c) / up;
            double v = 0.3 * Math.cos(2 * Math.PI * (fs / 6.0) * t);
            if (Math.abs(i - c) <= burstHalf) {
                double w = 0.5 + 0.5 * Math.cos(Math.PI * (i - c) / (burstHalf + 1.0));
                v += 0.7 * w * Math.cos(2 * Math.PI * (fs / 4.0) * t);
            }
            // 20 ms raised-cosine fades so the tone starts and ends band-limited
            double edge = Math.min(i, n - 1 - i) / (0.02 * up);
            v *= edge >= 1 ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * edge);
            raw[i] = v;
        }
        // low-pass at 0.42 fs: Kaiser-windowed sinc, 1025 taps at 4 fs, beta 12 (stop band below -110 dB)
        int taps = 1025;
        int half = taps / 2;
        double fc = 0.42 / 4;               // cycles per fine sample
        double[] h = new double[taps];
        double i0b = besselI0(12);
        for (int k = 0; k < taps; k++) {
            double m = k - half;
            double sinc = m == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * m) / (Math.PI * m);
            double r = m / half;
            h[k] = sinc * besselI0(12 * Math.sqrt(Math.max(0, 1 - r * r))) / i0b;
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double acc = 0;
            int lo = Math.max(0, i - half);
            int hi = Math.min(n - 1, i + half);
            for (int j = lo; j <= hi; j++) {
                acc += h[j - i + half] * raw[j];
            }
            y[i] = acc;
        }
        double peak = y[c];
        double max = 0;
        for (int i = 0; i < n; i++) {
            y[i] /= peak;
            max = Math.max(max, Math.abs(y[i]));
        }
        assertEquals(1.0, max, 1e-9, "the generated signal peaks at its centre");
        return y;
    }

    static double besselI0(double x) {
        double sum = 1, term = 1;
        for (int k = 1; k < 80; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }
}
