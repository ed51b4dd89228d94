package mw.processing;

import java.util.Locale;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;

/**
 * Band-limited sample-rate conversion by a rational factor L/M (polyphase Kaiser-windowed sinc).
 * Stated performance, relative to the lower of the two rates {@code fmin}:
 * passband 0 to 0.45 fmin with ripple within ±0.01 dB, stopband from 0.5 fmin attenuated by at least
 * 100 dB (so nothing folds back into the output band, and images above the input band are removed),
 * transition 0.45 to 0.5 fmin. The output is aligned with the input (the filter delay is removed) and
 * has {@code ceil(frames * L / M)} frames. The workbench never resamples silently: call this
 * explicitly.
 *
 * <pre>{@code
 * AudioBuffer at48k = Resample.to(mix, 48_000);
 * }</pre>
 */
public final class Resample {
    /** Passband edge as a share of the lower rate. */
    public static final double PASSBAND = 0.45;
    /** Stopband edge as a share of the lower rate. */
    public static final double STOPBAND = 0.50;
    /** Stopband attenuation the filter is designed for, dB. */
    public static final double STOPBAND_DB = 100;

    private Resample() {
    }

    /** {@code audio} converted to {@code targetRate} Hz (8 kHz to 384 kHz); the same buffer if the rate matches. */
    public static AudioBuffer to(AudioBuffer audio, int targetRate) {
        WorkbenchException.checkRange("targetRate", targetRate, 8_000, 384_000);
        int in = audio.sampleRate();
        if (in == targetRate) {
            return audio;
        }
        int g = gcd(in, targetRate);
        int up = targetRate / g;
        int down = in / g;
        if (up > 4096) {
            throw new WorkbenchException(String.format(Locale.ROOT,
                    "converting %d Hz to %d Hz needs %d filter phases; accepted: rates whose ratio reduces to at most 4096/x",
                    in, targetRate, up));
        }
        double fmin = Math.min(in, targetRate);
        double hiRate = (double) up * in;
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        double transition = (STOPBAND - PASSBAND) * fmin / hiRate; // cycles per high-rate sample
        int per = (int) Math.ceil((STOPBAND_DB - 7.95) / (14.36 * transition) / up);
        per += per % 2; // even number of taps per phase
        int n = up * per - 1; // odd length, integer centre
        int centre = (n - 1) / 2;
        double fc = 0.5 * (PASSBAND + STOPBAND) * fmin / hiRate;
        double[] h = new double[up * per];
        double i0 = PeakGainStage.besselI0(beta);
        for (int k = 0; k < n; k++) {
            double t = k - centre;
            double sinc = t == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * t) / (Math.PI * t);
            double r = t / centre;
            h[k] = up * sinc * PeakGainStage.besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0;
        }
        // polyphase: poly[p][q] = h[p + up * q]
        double[][] poly = new double[up][per];
        for (int k = 0; k < h.length; k++) {
            poly[k % up][k / up] = h[k];
        }
        long outFrames = ((long) audio.frames() * up + down - 1) / down;
        if (outFrames > Integer.MAX_VALUE - 16) {
            throw new WorkbenchException("the converted audio would be too long to hold in memory");
        }
        int frames = audio.frames();
        double[][] out = new double[audio.channels()][(int) outFrames];
        for (int c = 0; c < audio.channels(); c++) {
            double[] x = audio.channel(c);
            double[] y = out[c];
            for (int j = 0; j < y.length; j++) {
                long m = (long) j * down + centre; // high-rate index, delay removed
                long n0 = m / up;
                int p = (int) (m - n0 * up);
                double[] k = poly[p];
                double s = 0;
                for (int q = 0; q < per; q++) {
                    long idx = n0 - q;
                    if (idx < 0) {
                        break;
                    }
                    if (idx < frames) {
                        s += k[q] * x[(int) idx];
                    }
                }
                y[j] = s;
            }
        }
        return AudioBuffer.wrap(targetRate, audio.layout(), out);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
