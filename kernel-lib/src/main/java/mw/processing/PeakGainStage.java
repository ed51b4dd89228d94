package mw.processing;

import java.util.Arrays;

/**
 * One look-ahead gain stage of the true-peak limiter.
 *
 * <p>Detection: the input is interpolated 4x with a 32-tap-per-phase Kaiser-windowed sinc (cut-off at
 * the Nyquist frequency, so the original samples pass unchanged and a component at 0.4535 fs keeps its
 * level while its image at 0.5465 fs is rejected); each local maximum of the 4x signal is refined with a
 * parabola through it and its two neighbours, which removes most of the under-reading between the 4x
 * points. The peak of each sample period gives the gain it needs: {@code r = min(1, ceiling / peak)}.
 *
 * <p>Gain: a running minimum of {@code r} over {@code W + 2} samples, an exponential release, then a
 * moving average over {@code W} samples. Because every value averaged is at most the minimum of a
 * window that contains the sample the gain is applied to and both its neighbours, the applied gain is
 * never above what the detector asked for at those samples: the ceiling holds by construction, up to
 * the detector's accuracy, and the attack is a smooth ramp of {@code W} samples.
 */
final class PeakGainStage {
    static final int TAPS = 32;
    static final int HALF = TAPS / 2;
    static final int PHASES = 4;
    /** kernel[j - 1][k]: weight of the k-th oldest of the last TAPS samples for the value at phase j. */
    private static final double[][] KERNEL = kernel();
    /** Largest sum of absolute kernel weights: bounds an interpolated value by the window's sample peak. */
    static final double L1;

    static {
        double l1 = 1;
        for (double[] k : KERNEL) {
            double s = 0;
            for (double v : k) {
                s += Math.abs(v);
            }
            l1 = Math.max(l1, s);
        }
        L1 = l1;
    }

    private static double[][] kernel() {
        double beta = 5.0;
        double[][] k = new double[PHASES - 1][TAPS];
        double i0b = besselI0(beta);
        for (int j = 1; j < PHASES; j++) {
            double sum = 0;
            for (int idx = 0; idx < TAPS; idx++) {
                int i = TAPS - 1 - idx; // x[n - i]
                double tau = i - HALF + (double) j / PHASES;
                double sinc = Math.sin(Math.PI * tau) / (Math.PI * tau);
                double r = tau / HALF;
                double w = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / i0b;
                k[j - 1][idx] = sinc * w;
                sum += sinc * w;
            }
            for (int idx = 0; idx < TAPS; idx++) {
                k[j - 1][idx] /= sum; // unity gain at DC
            }
        }
        return k;
    }

    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    private double ceiling;
    private final int window;
    private double alphaRelease;
    private final int channels;
    private final int latency;
    private double loudLimit;

    private final double[][] hist;
    private int hp;
    private final double[] prevA;
    private final double[] prevB;
    private long n;
    private long lastLoud = Long.MIN_VALUE / 2;
    // sliding minimum (monotonic deque) over window + 2 values of r
    private final long[] dqIdx;
    private final double[] dqVal;
    private int dqHead;
    private int dqSize;
    private double gRel = 1;
    private final double[] avgRing;
    private int avgPos;
    private double avgSum;
    private final double[][] delay;
    private int delayPos;
    /** Gain applied to the latest frame. */
    double lastGain = 1;

    PeakGainStage(int channels, double ceilingLinear, int windowSamples, double releaseSeconds, int sampleRate) {
        this.channels = channels;
        this.ceiling = ceilingLinear;
        this.window = Math.max(1, windowSamples);
        this.alphaRelease = Math.exp(-1 / (releaseSeconds * sampleRate));
        this.latency = HALF + window;
        this.loudLimit = ceilingLinear / L1;
        hist = new double[channels][2 * TAPS];
        prevA = new double[channels];
        prevB = new double[channels];
        dqIdx = new long[window + 3];
        dqVal = new double[window + 3];
        avgRing = new double[window];
        delay = new double[channels][latency];
        reset();
    }

    /** Changes the ceiling while running; the gain follows with its attack ramp or its release. */
    void ceiling(double ceilingLinear) {
        ceiling = ceilingLinear;
        loudLimit = ceilingLinear / L1;
    }

    void release(double releaseSeconds, int sampleRate) {
        alphaRelease = Math.exp(-1 / (releaseSeconds * sampleRate));
    }

    int latency() {
        return latency;
    }

    void reset() {
        for (double[] h : hist) {
            Arrays.fill(h, 0);
        }
        for (double[] d : delay) {
            Arrays.fill(d, 0);
        }
        Arrays.fill(prevA, 0);
        Arrays.fill(prevB, 0);
        hp = 0;
        n = 0;
        lastLoud = Long.MIN_VALUE / 2;
        dqHead = 0;
        dqSize = 0;
        gRel = 1;
        Arrays.fill(avgRing, 1);
        avgSum = window;
        avgPos = 0;
        delayPos = 0;
        lastGain = 1;
    }

    /** Processes one frame in place: {@code frame[c]} in, the delayed and gain-reduced frame out. */
    void processFrame(double[] frame) {
        // 1. detector: push the new samples, measure the 4x peak of the period at n - HALF
        boolean loud = false;
        for (int c = 0; c < channels; c++) {
            double x = frame[c];
            hist[c][hp] = x;
            hist[c][hp + TAPS] = x;
            if (Math.abs(x) > loudLimit) {
                loud = true;
            }
        }
        hp = hp + 1 == TAPS ? 0 : hp + 1;
        if (loud) {
            lastLoud = n;
        }
        double peak = 0;
        if (n - lastLoud < TAPS) {
            for (int c = 0; c < channels; c++) {
                double[] h = hist[c];
                // after the increment, the last TAPS samples in time order are h[hp .. hp + TAPS - 1]
                double a = prevA[c];
                double b = prevB[c];
                double v = h[hp + TAPS - 1 - HALF];
                peak = Math.max(peak, point(a, b, v));
                a = b;
                b = v;
                for (int j = 0; j < PHASES - 1; j++) {
                    double[] k = KERNEL[j];
                    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                    for (int t = 0; t < TAPS; t += 4) {
                        s0 += k[t] * h[hp + t];
                        s1 += k[t + 1] * h[hp + t + 1];
                        s2 += k[t + 2] * h[hp + t + 2];
                        s3 += k[t + 3] * h[hp + t + 3];
                    }
                    v = (s0 + s1) + (s2 + s3);
                    peak = Math.max(peak, point(a, b, v));
                    a = b;
                    b = v;
                }
                prevA[c] = a;
                prevB[c] = b;
            }
        } else {
            for (int c = 0; c < channels; c++) {
                prevA[c] = 0;
                prevB[c] = 0;
            }
        }
        double r = peak > ceiling ? ceiling / peak : 1.0;

        // 2. running minimum over window + 2 values
        while (dqSize > 0 && dqVal[(dqHead + dqSize - 1) % dqVal.length] >= r) {
            dqSize--;
        }
        dqIdx[(dqHead + dqSize) % dqIdx.length] = n;
        dqVal[(dqHead + dqSize) % dqVal.length] = r;
        dqSize++;
        while (dqIdx[dqHead] <= n - (window + 2)) {
            dqHead = (dqHead + 1) % dqIdx.length;
            dqSize--;
        }
        double hmin = dqVal[dqHead];

        // 3. release, then moving average
        gRel = hmin < gRel ? hmin : alphaRelease * gRel + (1 - alphaRelease) * hmin;
        if (gRel > 1 - 1e-12) {
            gRel = 1;
        }
        avgSum += gRel - avgRing[avgPos];
        avgRing[avgPos] = gRel;
        avgPos = avgPos + 1 == window ? 0 : avgPos + 1;
        double g = Math.min(1.0, avgSum / window);
        if (g > 1 - 1e-12) {
            g = 1;
        }
        lastGain = g;

        // 4. apply to the audio delayed by HALF + window
        for (int c = 0; c < channels; c++) {
            double d = delay[c][delayPos];
            delay[c][delayPos] = frame[c];
            frame[c] = g == 1 ? d : d * g;
        }
        delayPos = delayPos + 1 == latency ? 0 : delayPos + 1;
        n++;
    }

    /** |b| refined with a parabola through a, b, v when b is a local maximum of |.|; else max(|b|, |v|). */
    private static double point(double a, double b, double v) {
        double ab = Math.abs(b);
        double best = Math.max(ab, Math.abs(v));
        if (ab >= Math.abs(a) && ab >= Math.abs(v) && ab > 0) {
            double s = b > 0 ? 1 : -1;
            double pa = s * a;
            double pb = ab;
            double pv = s * v;
            double d = pa - 2 * pb + pv;
            if (d < 0) {
                double est = pb - (pa - pv) * (pa - pv) / (8 * d);
                best = Math.max(best, est);
            }
        }
        return best;
    }
}
