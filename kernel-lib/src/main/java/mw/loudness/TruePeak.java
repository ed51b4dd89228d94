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
 * at 44.1 to 192 kHz far inside the tolerance. The oversampling factor is 4 at every rate from 44.1 kHz up,
 * and 8 below: the Tech 3341 true-peak signals are defined relative to fs (cases 20-23 put an fs/4 crest a
 * quarter sample away from the samples), so a factor chosen from the absolute rate (2x at 96 kHz) misses
 * such a crest by cos(pi/8), -0.69 dB; 4x finds it on its grid at any rate, and its
 * worst case for content up to fs/4 between grid points is cos(pi/16), -0.17 dB.
 *
 * <p>The loops run over plain {@code float} arrays (one multiply-add pass per four taps over a chunk; single
 * precision is ample for a peak reading, about 1e-6 dB), stretches that provably cannot raise the peak are
 * skipped, and nothing is allocated per sample. The passes read the input at offsets 0 to 3 from the loop
 * index, so the optimising compiler does not vectorise them; a layout from shifted copies that it does
 * vectorise cost more under the quick compiler the launcher uses for {@code mw loudness} and {@code mw master}
 * (docs/benchmarks.md, "True peak from shifted copies").
 */
public final class TruePeak {
    private static final int CHUNK = 512;
    /** Outputs per group of the skipping test. */
    private static final int GROUP = 32;
    private float[] blockMax = new float[0];

    private final int factor;
    private final int taps;
    /** coef[p - 1][i]: phase p (1..L-1), tap i. */
    private final float[][] coef;
    /** Bound of |output| / max |input|: the largest sum of absolute coefficients of a phase (plus a margin for rounding). */
    private final float gain;
    private final float[] history;
    private float[] ext = new float[0];
    private final float[] acc = new float[CHUNK];
    private double maxAbs;

    /** A true-peak meter for a sample rate. */
    public TruePeak(int sampleRate) {
        this.factor = oversamplingFactor(sampleRate);
        this.taps = factor >= 4 ? 32 : 48;
        double[][] d = design(factor, taps, factor >= 4 ? 6.0 : 8.0);
        this.coef = new float[d.length][taps];
        double g = 0;
        for (int p = 0; p < d.length; p++) {
            double sum = 0;
            for (int i = 0; i < taps; i++) {
                coef[p][i] = (float) d[p][i];
                sum += Math.abs(d[p][i]);
            }
            g = Math.max(g, sum);
        }
        this.gain = (float) (g * 1.001);
        this.history = new float[taps - 1];
    }

    /** The oversampling factor used at a sample rate. */
    public static int oversamplingFactor(int sampleRate) {
        return sampleRate < 44_100 ? 8 : 4;
    }

    public int factor() {
        return factor;
    }

    public int tapsPerPhase() {
        return taps;
    }

    static double[][] design(int factor, int taps, double kaiserBeta) {
        double[][] c = new double[factor - 1][taps];
        int half = taps / 2;
        for (int p = 1; p < factor; p++) {
            double sum = 0;
            for (int i = 0; i < taps; i++) {
                double t = i - (half - 1) - (double) p / factor;
                double v = sinc(t) * kaiser(t / half, kaiserBeta);
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

    /**
     * Feeds {@code n} samples of the channel from {@code x[from..]}. {@code knownPeak} is a level the caller
     * already knows the channel reaches (its sample peak): stretches whose in-between values cannot exceed
     * it (by the bound sum|h| * max|x|) are skipped.
     */
    public void add(double[] x, int from, int n, double knownPeak) {
        int h = history.length;
        int len = h + n;
        if (ext.length < len) {
            ext = new float[Math.max(len, 2 * ext.length)];
        }
        float[] e = ext;
        for (int i = 0; i < h; i++) {
            e[i] = history[i];
        }
        for (int i = 0; i < n; i++) {
            e[h + i] = (float) x[from + i];
        }
        maxAbs = Math.max(maxAbs, interpolatedMax(e, n, Math.max(maxAbs, knownPeak)));
        for (int i = 0; i < h; i++) {
            history[i] = e[len - h + i];
        }
    }

    /**
     * Largest absolute in-between value for the {@code outputs} windows starting at e[0..]. The outputs are
     * looked at in groups of {@link #GROUP}: a group whose input window, times the bound {@code gain}, cannot
     * exceed {@code floor} or the maximum found so far is skipped; runs of groups that can are computed
     * together (up to {@link #CHUNK} outputs at a time).
     */
    private double interpolatedMax(float[] e, int outputs, double floor) {
        float m = 0;
        float[] a = acc;
        int t = taps;
        int len = outputs + t - 1;
        int blocks = (len + GROUP - 1) / GROUP;
        if (blockMax.length < blocks) {
            blockMax = new float[Math.max(blocks, 2 * blockMax.length)];
        }
        float[] bm = blockMax;
        for (int q = 0; q < blocks; q++) {
            float local = 0;
            for (int i = q * GROUP, end = Math.min(len, i + GROUP); i < end; i++) {
                local = Math.max(local, Math.abs(e[i]));
            }
            bm[q] = local;
        }
        // group q's outputs read e[q * GROUP .. q * GROUP + GROUP + t - 2]: blocks q .. q + span
        int span = (GROUP + t - 2) / GROUP;
        int groups = (outputs + GROUP - 1) / GROUP;
        int q = 0;
        while (q < groups) {
            if (!canExceed(bm, q, span, blocks, Math.max(floor, m))) {
                q++;
                continue;
            }
            int r = q + 1;
            while (r < groups && (r + 1 - q) * GROUP <= CHUNK && canExceed(bm, r, span, blocks, Math.max(floor, m))) {
                r++;
            }
            int start = q * GROUP;
            int w = Math.min(outputs, r * GROUP) - start;
            for (float[] c : coef) {
                java.util.Arrays.fill(a, 0, w, 0f);
                for (int i = 0; i < t; i += 4) {
                    mac4(a, e, start + i, w, c[i], c[i + 1], c[i + 2], c[i + 3]);
                }
                m = Math.max(m, maxAbs(a, w));
            }
            q = r;
        }
        return m;
    }

    /** Whether the outputs of group q may exceed {@code level}, by the bound gain * max |input window|. */
    private boolean canExceed(float[] bm, int q, int span, int blocks, double level) {
        float local = 0;
        for (int k = q, end = Math.min(blocks - 1, q + span); k <= end; k++) {
            local = Math.max(local, bm[k]);
        }
        return local * gain > level;
    }

    /** a[s] += c0 e[off+s] + c1 e[off+s+1] + c2 e[off+s+2] + c3 e[off+s+3]: a small method the JIT compiles early. */
    private static void mac4(float[] a, float[] e, int off, int w, float c0, float c1, float c2, float c3) {
        for (int s = 0; s < w; s++) {
            int k = off + s;
            a[s] += c0 * e[k] + c1 * e[k + 1] + c2 * e[k + 2] + c3 * e[k + 3];
        }
    }

    private static float maxAbs(float[] a, int w) {
        float m = 0;
        for (int s = 0; s < w; s++) {
            m = Math.max(m, Math.abs(a[s]));
        }
        return m;
    }

    /**
     * The largest absolute in-between value found so far (linear), without evaluating the last samples'
     * tail as {@link #interpolatedPeak()} does; it never allocates, so a real-time meter can read it after
     * each block from the thread that feeds the samples.
     */
    public double heldPeak() {
        return maxAbs;
    }

    /**
     * Forgets the held peak but keeps the filter's history, so the next blocks are measured on their own
     * without an edge: {@link TruePeakSeries} reads one peak per hop this way.
     */
    public void resetHeldPeak() {
        maxAbs = 0;
    }

    /**
     * The largest absolute value of the oversampled signal so far (linear), the last samples' in-between
     * points evaluated as if silence followed. Does not change the state. Sample values themselves are
     * not included here; the caller combines this with the sample peak.
     */
    public double interpolatedPeak() {
        int h = history.length;
        int half = taps / 2;
        float[] e = new float[h + half];
        System.arraycopy(history, 0, e, 0, h);
        double tail = interpolatedMaxSmall(e, half);
        return Math.max(maxAbs, tail);
    }

    private double interpolatedMaxSmall(float[] e, int outputs) {
        double m = 0;
        for (float[] c : coef) {
            for (int s = 0; s < outputs; s++) {
                double v = 0;
                for (int i = 0; i < c.length; i++) {
                    v += (double) c[i] * e[s + i];
                }
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}
