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
 *
 * <p>The detector's kernel, its bound and its refinement ({@link #kernel()}, {@link #L1}, {@link #point})
 * are public because the matcher's loudness prediction must detect peaks exactly as the limiter does.
 */
public final class PeakGainStage {
    public static final int TAPS = 32;
    public static final int HALF = TAPS / 2;
    public static final int PHASES = 4;
    /** kernel[j - 1][k]: weight of the k-th oldest of the last TAPS samples for the value at phase j. */
    private static final double[][] KERNEL = kernel();
    /** Largest sum of absolute kernel weights: bounds an interpolated value by the window's sample peak. */
    public static final double L1;

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

    /** A new copy of the kernel: [j - 1][k] weighs the k-th oldest of the last TAPS samples for phase j. */
    public static double[][] kernel() {
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

    /** The modified Bessel function of the first kind, order 0 (its power series), for Kaiser windows. */
    public static double besselI0(double x) {
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

    /** Frames per internal sub-block (keeps the working arrays in the first-level cache). */
    static final int SUB = 1024;

    private double ceiling;
    private final int window;
    private double alphaRelease;
    private final int channels;
    private final int latency;
    /** Window sample peak below which no interpolated value (nor its parabola) reaches ceiling / 1.08. */
    private double quietLimit;
    /** Sub-blocks of at most this many frames use {@link #interpolateShort}. */
    static final int SHORT = 256;
    /** Frames per detector chunk. */
    static final int C = 32;
    private final double[] blockMax = new double[(TAPS - 1 + SUB) / C + 2];
    private final boolean[] hot = new boolean[SUB / C + 1];

    /** Per channel: the last TAPS - 1 input samples followed by the current sub-block. */
    private final double[][] ext;
    private final double[][] acc = new double[PHASES - 1][SUB];
    /** shifted[s][j] = ext[c][j + s] over the frames being interpolated (s = 1..7; see {@link #interpolate}). */
    private final double[][] shifted = new double[8][SHORT + TAPS];
    private final double[] peaks = new double[SUB];
    private final double[] gains = new double[SUB];
    private final double[] prevA;
    private final double[] prevB;
    private long n;
    // sliding minimum (monotonic deque) over window + 2 values of r
    private final long[] dqIdx;
    private final double[] dqVal;
    private int dqHead;
    private int dqSize;
    private double gRel = 1;
    /** Consecutive frames with the released gain at exactly 1. */
    private long restRun;
    private final double[] avgRing;
    private int avgPos;
    private double avgSum;
    private final double[][] delay;
    private int delayPos;
    /** Gains applied to the frames of the latest sub-block. */
    double[] lastGains() {
        return gains;
    }

    PeakGainStage(int channels, double ceilingLinear, int windowSamples, double releaseSeconds, int sampleRate) {
        this.channels = channels;
        this.ceiling = ceilingLinear;
        this.window = Math.max(1, windowSamples);
        this.alphaRelease = Math.exp(-1 / (releaseSeconds * sampleRate));
        this.latency = HALF + window;
        this.quietLimit = ceilingLinear / 1.08 / L1;
        ext = new double[channels][TAPS - 1 + SUB];
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
        quietLimit = ceilingLinear / 1.08 / L1;
    }

    void release(double releaseSeconds, int sampleRate) {
        alphaRelease = Math.exp(-1 / (releaseSeconds * sampleRate));
    }

    int latency() {
        return latency;
    }

    void reset() {
        for (double[] h : ext) {
            Arrays.fill(h, 0);
        }
        for (double[] d : delay) {
            Arrays.fill(d, 0);
        }
        Arrays.fill(prevA, 0);
        Arrays.fill(prevB, 0);
        n = 0;
        dqHead = 0;
        dqSize = 0;
        gRel = 1;
        restRun = 0;
        Arrays.fill(avgRing, 1);
        avgSum = window;
        avgPos = 0;
        delayPos = 0;
        Arrays.fill(gains, 1);
    }

    /**
     * Processes {@code frames} (at most {@link #SUB}) frames of {@code block[c][from..]} in place: the
     * output is the input delayed by {@link #latency()} and gain-reduced.
     */
    void process(double[][] block, int from, int frames) {
        process(block, from, frames, false);
    }

    /**
     * As {@link #process(double[][], int, int)}; with {@code belowCeiling} the caller vouches that no
     * input sample in this sub-block or the TAPS before it can interpolate above the ceiling, and the
     * detector is skipped.
     */
    void process(double[][] block, int from, int frames, boolean belowCeiling) {
        final int h = TAPS - 1;
        // 1. detector, in chunks of C frames: a chunk whose interpolated values cannot reach ceiling / 1.08 (the
        // window of input it reads times the kernel's L1 bound) asks for no gain reduction and is skipped
        Arrays.fill(peaks, 0, frames, 0.0);
        boolean over = false;
        final int chunks = (frames + C - 1) / C;
        final boolean shortBlock = frames <= SHORT;
        for (int c = 0; c < channels; c++) {
            double[] e = ext[c];
            System.arraycopy(block[c], from, e, h, frames);
            if (belowCeiling) {
                prevA[c] = 0;
                prevB[c] = 0;
                continue;
            }
            // blockMax[q]: max |e| over e[q*C .. q*C + C); frame i reads e[i .. i + TAPS - 1]
            int len = h + frames;
            int blocks = (len + C - 1) / C;
            for (int q = 0; q < blocks; q++) {
                double m = 0;
                for (int i = q * C, end = Math.min(len, i + C); i < end; i++) {
                    double v = Math.abs(e[i]);
                    m = v > m ? v : m;
                }
                blockMax[q] = m;
            }
            double lim = quietLimit;
            for (int q = 0; q < chunks; q++) {
                // frames q*C - 1 .. q*C + C - 1 read e[q*C - 1 .. q*C + C + TAPS - 2]: blocks q - 1 .. q + 1
                double m = blockMax[q];
                if (q > 0) {
                    m = Math.max(m, blockMax[q - 1]);
                }
                if (q + 1 < blocks) {
                    m = Math.max(m, blockMax[q + 1]);
                }
                hot[q] = m > lim;
            }
            double[] a1 = acc[0];
            double[] a2 = acc[1];
            double[] a3 = acc[2];
            double pa = prevA[c];
            double pb = prevB[c];
            double quiet = ceiling / 1.08;
            int q = 0;
            while (q < chunks) {
                int s = q * C;
                if (!hot[q]) {
                    if (Math.min(frames, s + C) == frames) {
                        // the next sub-block's first frame refines with this one's last two 4x points
                        // (one frame: the scalar loop, so the vectorised one is compiled for real runs only)
                        interpolate(e, Math.max(s, frames - 1), frames, a1, a2, a3);
                        pa = a2[frames - 1];
                        pb = a3[frames - 1];
                    }
                    q++;
                    continue;
                }
                // a run of hot chunks is interpolated in one pass (the same values as chunk by chunk; longer
                // loops suit the JIT's vector code, which matters for short blocks)
                int r = q + 1;
                while (r < chunks && hot[r]) {
                    r++;
                }
                int end = Math.min(frames, r * C);
                if (s > 0 && !hot[q - 1]) {
                    interpolate(e, shortBlock, s - 1, end, a1, a2, a3);
                    pa = a2[s - 1];
                    pb = a3[s - 1];
                } else {
                    interpolate(e, shortBlock, s, end, a1, a2, a3);
                }
                // a parabola through neighbouring 4x points of a signal band-limited to 0.4535 fs raises a
                // local maximum by less than 7 %: points below ceiling / 1.08 need no refinement
                for (int i = s; i < end; i++) {
                    double v0 = e[i + h - HALF];
                    double raw = Math.max(Math.max(Math.abs(v0), Math.abs(a1[i])), Math.max(Math.abs(a2[i]), Math.abs(a3[i])));
                    double p = raw;
                    if (raw > quiet || Math.abs(pb) > quiet) {
                        p = Math.max(p, point(pa, pb, v0));
                        p = Math.max(p, point(pb, v0, a1[i]));
                        p = Math.max(p, point(v0, a1[i], a2[i]));
                        p = Math.max(p, point(a1[i], a2[i], a3[i]));
                    }
                    pa = a2[i];
                    pb = a3[i];
                    if (p > peaks[i]) {
                        peaks[i] = p;
                    }
                    over |= p > ceiling;
                }
                q = r;
            }
            prevA[c] = pa;
            prevB[c] = pb;
        }
        for (int c = 0; c < channels; c++) {
            double[] e = ext[c];
            System.arraycopy(e, frames, e, 0, h);
        }

        // 2. gain: running minimum over window + 2, release, moving average over window
        final int cap = dqIdx.length;
        if (!over && gRel == 1 && restRun >= window && dqSize > 0 && dqVal[dqHead] == 1) {
            // at rest (every value in the minimum's window and the average's ring is exactly 1) and nothing to
            // reduce: the loop below would leave one entry of 1 in the window, the ring and its sum unchanged,
            // and give every frame the same gain
            double g = Math.min(1.0, avgSum / window);
            if (g > 1 - 1e-12) {
                g = 1;
            }
            Arrays.fill(gains, 0, frames, g);
            n += frames;
            dqHead = 0;
            dqSize = 1;
            dqIdx[0] = n - 1;
            dqVal[0] = 1;
            avgPos = (int) ((avgPos + (long) frames) % window);
            restRun += frames;
            applyGains(block, from, frames);
            return;
        }
        for (int i = 0; i < frames; i++) {
            double pk = peaks[i];
            double r = pk > ceiling ? ceiling / pk : 1.0;
            int tail = dqHead + dqSize - 1;
            while (dqSize > 0 && dqVal[tail >= cap ? tail - cap : tail] >= r) {
                dqSize--;
                tail--;
            }
            int ins = dqHead + dqSize;
            if (ins >= cap) {
                ins -= cap;
            }
            dqIdx[ins] = n;
            dqVal[ins] = r;
            dqSize++;
            while (dqIdx[dqHead] <= n - (window + 2)) {
                dqHead = dqHead + 1 == cap ? 0 : dqHead + 1;
                dqSize--;
            }
            double hmin = dqVal[dqHead];
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
            gains[i] = g;
            restRun = gRel == 1 ? restRun + 1 : 0;
            n++;
        }
        applyGains(block, from, frames);
    }

    /** 3. applies the gains to the audio delayed by HALF + window. */
    private int applyGains(double[][] block, int from, int frames) {
        int dp = 0;
        for (int c = 0; c < channels; c++) {
            double[] d = delay[c];
            double[] x = block[c];
            dp = delayPos;
            for (int i = 0; i < frames; i++) {
                double v = d[dp];
                d[dp] = x[from + i];
                double g = gains[i];
                x[from + i] = g == 1 ? v : v * g;
                if (++dp == latency) {
                    dp = 0;
                }
            }
        }
        delayPos = dp;
        return frames;
    }

    /**
     * The three interpolated phases of frames {@code [from, to)} into a1..a3, as sums of scaled shifted copies
     * of the input, four taps and all three phases per pass. Sub-blocks of up to {@link #SHORT} frames (a live
     * engine's blocks) go to {@link #interpolateShort}, which computes the same values with loops the JIT
     * vectorises; long sub-blocks (whole-file renders, the master) keep this loop, which the JIT compiles
     * sooner: in a process that lasts a few seconds the vectorised method's later compilation cost more than
     * it saved (about 10 % more CPU time for {@code mw master}).
     */
    private void interpolate(double[] e, boolean shortBlock, int from, int to, double[] a1, double[] a2, double[] a3) {
        if (shortBlock) {
            interpolateShort(e, from, to, a1, a2, a3);
        } else {
            interpolate(e, from, to, a1, a2, a3);
        }
    }

    private static void interpolate(double[] e, int from, int to, double[] a1, double[] a2, double[] a3) {
        Arrays.fill(a1, from, to, 0.0);
        Arrays.fill(a2, from, to, 0.0);
        Arrays.fill(a3, from, to, 0.0);
        double[] k1 = KERNEL[0];
        double[] k2 = KERNEL[1];
        double[] k3 = KERNEL[2];
        for (int t = 0; t < TAPS; t += 4) {
            double p0 = k1[t], p1 = k1[t + 1], p2 = k1[t + 2], p3 = k1[t + 3];
            double q0 = k2[t], q1 = k2[t + 1], q2 = k2[t + 2], q3 = k2[t + 3];
            double r0 = k3[t], r1 = k3[t + 1], r2 = k3[t + 2], r3 = k3[t + 3];
            for (int i = from; i < to; i++) {
                double e0 = e[i + t];
                double e1 = e[i + t + 1];
                double e2 = e[i + t + 2];
                double e3 = e[i + t + 3];
                a1[i] += (p0 * e0 + p1 * e1) + (p2 * e2 + p3 * e3);
                a2[i] += (q0 * e0 + q1 * e1) + (q2 * e2 + q3 * e3);
                a3[i] += (r0 * e0 + r1 * e1) + (r2 * e2 + r3 * e3);
            }
        }
    }

    /**
     * As {@link #interpolate}, value for value (each sum is taken in the same order, four taps at a time), in
     * loops the JIT vectorises. It vectorises a loop only when every array the loop reads sits at the same
     * offset from the loop index modulo the vector length, so the input is first copied shifted by 1 to 7
     * samples ({@code shifted[s][j] = e[j + s]}) and every loop reads four of these copies at an offset of 0,
     * 8, 16 or 24. Two to three times faster on 128-frame blocks.
     */
    private void interpolateShort(double[] e, int from, int to, double[] a1, double[] a2, double[] a3) {
        double[][] sh = shifted;
        for (int s = 1; s < 8; s++) {
            System.arraycopy(e, from + s, sh[s], from, to - from + TAPS - 8);
        }
        double[] s1 = sh[1], s2 = sh[2], s3 = sh[3], s4 = sh[4], s5 = sh[5], s6 = sh[6], s7 = sh[7];
        for (int p = 0; p < PHASES - 1; p++) {
            double[] k = KERNEL[p];
            double[] a = p == 0 ? a1 : p == 1 ? a2 : a3;
            Arrays.fill(a, from, to, 0.0);
            double c0, c1, c2, c3;
            c0 = k[0];
            c1 = k[1];
            c2 = k[2];
            c3 = k[3];
            for (int i = from; i < to; i++) {
                a[i] += (c0 * e[i] + c1 * s1[i]) + (c2 * s2[i] + c3 * s3[i]);
            }
            c0 = k[4];
            c1 = k[5];
            c2 = k[6];
            c3 = k[7];
            for (int i = from; i < to; i++) {
                a[i] += (c0 * s4[i] + c1 * s5[i]) + (c2 * s6[i] + c3 * s7[i]);
            }
            c0 = k[8];
            c1 = k[9];
            c2 = k[10];
            c3 = k[11];
            for (int i = from; i < to; i++) {
                a[i] += (c0 * e[i + 8] + c1 * s1[i + 8]) + (c2 * s2[i + 8] + c3 * s3[i + 8]);
            }
            c0 = k[12];
            c1 = k[13];
            c2 = k[14];
            c3 = k[15];
            for (int i = from; i < to; i++) {
                a[i] += (c0 * s4[i + 8] + c1 * s5[i + 8]) + (c2 * s6[i + 8] + c3 * s7[i + 8]);
            }
            c0 = k[16];
            c1 = k[17];
            c2 = k[18];
            c3 = k[19];
            for (int i = from; i < to; i++) {
                a[i] += (c0 * e[i + 16] + c1 * s1[i + 16]) + (c2 * s2[i + 16] + c3 * s3[i + 16]);
            }
            c0 = k[20];
            c1 = k[21];
            c2 = k[22];
            c3 = k[23];
            for (int i = from; i < to; i++) {
                a[i] += (c0 * s4[i + 16] + c1 * s5[i + 16]) + (c2 * s6[i + 16] + c3 * s7[i + 16]);
            }
            c0 = k[24];
            c1 = k[25];
            c2 = k[26];
            c3 = k[27];
            for (int i = from; i < to; i++) {
                a[i] += (c0 * e[i + 24] + c1 * s1[i + 24]) + (c2 * s2[i + 24] + c3 * s3[i + 24]);
            }
            c0 = k[28];
            c1 = k[29];
            c2 = k[30];
            c3 = k[31];
            for (int i = from; i < to; i++) {
                a[i] += (c0 * s4[i + 24] + c1 * s5[i + 24]) + (c2 * s6[i + 24] + c3 * s7[i + 24]);
            }
        }
    }

    /** |b| refined with a parabola through a, b, v when b is a local maximum of |.|; else max(|b|, |v|). */
    public static double point(double a, double b, double v) {
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
