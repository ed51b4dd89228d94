package mw.loudness;

/**
 * True-peak measurement per ITU-R BS.1770-4 Annex 2 for one channel, streamed block by block: the signal is
 * oversampled with a polyphase interpolating FIR filter and the largest absolute value of the oversampled
 * signal is kept.
 *
 * <p>The filter is a Kaiser-windowed sinc whose zeros fall on the original samples, so phase 0 is the
 * original sample itself (the true peak is never below the sample peak) and only the {@code L - 1}
 * in-between phases are computed. It is longer than the 48-tap example of the Recommendation
 * ({@link #tapsPerPhase()} taps per phase), which keeps the error on the EBU Tech 3341 true-peak cases
 * at 44.1, 48 and 96 kHz far inside the tolerance. The oversampling factor is the smallest power of two
 * (at least 2) bringing the rate to 176.4 kHz or more: 4x at 44.1/48 kHz, 2x at 88.2/96 kHz and above.
 *
 * <p>The loops run over plain {@code double} arrays (one multiply-add pass per tap over a whole block,
 * which the JIT vectorises); nothing is allocated per sample.
 */
public final class TruePeak {
    private static final int CHUNK = 2048;
    private static final double KAISER_BETA = 8.0;

    private final int factor;
    private final int taps;
    /** coef[p - 1][i]: phase p (1..L-1), tap i. */
    private final double[][] coef;
    private final double[] history;
    private double[] ext = new double[0];
    private final double[] acc = new double[CHUNK];
    private double maxAbs;

    /** A true-peak meter for a sample rate. */
    public TruePeak(int sampleRate) {
        this.factor = oversamplingFactor(sampleRate);
        this.taps = factor >= 4 ? 24 : 48;
        this.coef = design(factor, taps);
        this.history = new double[taps - 1];
    }

    /** The oversampling factor used at a sample rate. */
    public static int oversamplingFactor(int sampleRate) {
        int l = 2;
        while ((long) sampleRate * l < 176_400) {
            l *= 2;
        }
        return l;
    }

    public int factor() {
        return factor;
    }

    public int tapsPerPhase() {
        return taps;
    }

    static double[][] design(int factor, int taps) {
        double[][] c = new double[factor - 1][taps];
        int half = taps / 2;
        for (int p = 1; p < factor; p++) {
            double sum = 0;
            for (int i = 0; i < taps; i++) {
                double t = i - (half - 1) - (double) p / factor;
                double v = sinc(t) * kaiser(t / half, KAISER_BETA);
                c[p - 1][i] = v;
                sum += v;
            }
            for (int i = 0; i < taps; i++) {
                c[p - 1][i] /= sum;
            }
        }
        return c;
    }

    private static double sinc(double t) {
        if (t == 0) {
            return 1;
        }
        double x = Math.PI * t;
        return Math.sin(x) / x;
    }

    private static double kaiser(double x, double beta) {
        double r = 1 - x * x;
        return r <= 0 ? 0 : besselI0(beta * Math.sqrt(r)) / besselI0(beta);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 60; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    /** Feeds {@code n} samples of the channel from {@code x[from..]}. */
    public void add(double[] x, int from, int n) {
        int h = history.length;
        int len = h + n;
        if (ext.length < len) {
            ext = new double[Math.max(len, 2 * ext.length)];
        }
        System.arraycopy(history, 0, ext, 0, h);
        System.arraycopy(x, from, ext, h, n);
        maxAbs = Math.max(maxAbs, interpolatedMax(ext, n));
        System.arraycopy(ext, len - h, history, 0, h);
    }

    /** Largest absolute in-between value for the {@code outputs} windows starting at ext[0..]. */
    private double interpolatedMax(double[] e, int outputs) {
        double m = 0;
        double[] a = acc;
        for (int start = 0; start < outputs; start += CHUNK) {
            int w = Math.min(CHUNK, outputs - start);
            for (double[] c : coef) {
                java.util.Arrays.fill(a, 0, w, 0.0);
                for (int i = 0; i < c.length; i++) {
                    double ci = c[i];
                    int off = start + i;
                    for (int s = 0; s < w; s++) {
                        a[s] += ci * e[off + s];
                    }
                }
                for (int s = 0; s < w; s++) {
                    m = Math.max(m, Math.abs(a[s]));
                }
            }
        }
        return m;
    }

    /**
     * The largest absolute value of the oversampled signal so far (linear), the last samples' in-between
     * points evaluated as if silence followed. Does not change the state. Sample values themselves are
     * not included here; the caller combines this with the sample peak.
     */
    public double interpolatedPeak() {
        int h = history.length;
        int half = taps / 2;
        double[] e = new double[h + half];
        System.arraycopy(history, 0, e, 0, h);
        double tail = interpolatedMaxSmall(e, half);
        return Math.max(maxAbs, tail);
    }

    private double interpolatedMaxSmall(double[] e, int outputs) {
        double m = 0;
        for (double[] c : coef) {
            for (int s = 0; s < outputs; s++) {
                double v = 0;
                for (int i = 0; i < c.length; i++) {
                    v += c[i] * e[s + i];
                }
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
