package mw.processing;

import mw.loudness.KWeighting;

/**
 * The integrated loudness a signal would have after a gain and the true-peak {@link Limiter}, predicted
 * for any gain from one analysis: the loudness search of a match runs its trials here instead of
 * rendering the limiter and measuring the result once per trial.
 *
 * <p>Why it works: the limiter's detector reads its input's peaks (4x oversampled, refined with a
 * parabola), and a gain in front of it scales every detected peak by the same factor; the gain it then
 * applies follows from those peaks alone (the ratio to the ceiling, a running minimum over the lookahead,
 * an exponential release, a moving average). So the peaks are detected once, here, and each trial only
 * replays the gain computation. Likewise the K-weighting of BS.1770 is done once: a trial weights each
 * frame's K-weighted power by the square of the gain the limiter gives that frame, then gates 400 ms
 * blocks as the standard does. Two things are approximated: the limiter's short guard stage (which takes
 * off the last hundredths of a dB its main stage leaves) is not modelled, and a gain that changes over a
 * few samples is applied after the K-weighting rather than before. Both move the prediction by a few
 * hundredths of a LU at most; the caller renders the real limiter at the predicted gain, measures it,
 * and corrects the remaining offset ({@link TargetSearch}; the matcher's render and the master to a target
 * both search this way).
 *
 * <p>Memory: two floats per frame (the peak and the K-weighted power).
 */
@mw.Internal
public final class LimitedLoudness {
    /** The limiter's main-stage margin below the ceiling, dB (its documented design). */
    static final double MAIN_MARGIN_DB = 0.05;
    static final int TAPS = PeakGainStage.TAPS;
    static final int HALF = PeakGainStage.HALF;
    /** The limiter's kernel, indexed by tap from the oldest sample: the same order as its own. */
    private static final double[][] KERNEL = PeakGainStage.kernel();
    private static final double L1 = PeakGainStage.L1;
    /** Frames per detector chunk. */
    private static final int C = 32;
    /** Frames per chunk of the trial's fast path. */
    private static final int CHUNK = 256;

    private final int sampleRate;
    private final int frames;
    private final int step;
    private final int window;
    private final double alphaRelease;
    private final double ceiling;
    /** Largest gain the peaks were detected for, dB: peaks that cannot reach the ceiling below it are 0. */
    private final double maxGainDb;
    private final float[] peak;
    private final float[] energy;
    private final float[] chunkMax;
    /** Unlimited K-weighted energy per 100 ms sub-block. */
    private final double[] subEnergy;

    private LimitedLoudness(int sampleRate, int frames, Limiter limiter, double maxGainDb, float[] peak, float[] energy) {
        this.sampleRate = sampleRate;
        this.frames = frames;
        this.step = (int) Math.round(0.1 * sampleRate);
        this.window = Math.max(1, (int) Math.round(limiter.lookaheadMs() / 1000 * sampleRate));
        this.alphaRelease = Math.exp(-1 / (limiter.releaseMs() / 1000 * sampleRate));
        this.ceiling = Math.pow(10, (limiter.ceilingDbtp() - MAIN_MARGIN_DB) / 20);
        this.maxGainDb = maxGainDb;
        this.peak = peak;
        this.energy = energy;
        this.chunkMax = new float[(frames + CHUNK - 1) / CHUNK + 1];
        for (int k = 0; k * CHUNK < frames; k++) {
            float m = 0;
            for (int i = k * CHUNK, end = Math.min(frames, i + CHUNK); i < end; i++) {
                m = Math.max(m, peak[i]);
            }
            chunkMax[k] = m;
        }
        this.subEnergy = new double[frames / step];
        for (int b = 0; b < subEnergy.length; b++) {
            double s = 0;
            for (int i = b * step, end = i + step; i < end; i++) {
                s += energy[i];
            }
            subEnergy[b] = s;
        }
    }

    /**
     * Analyses planar samples {@code x[channel][0..frames)} for a {@code limiter} (its ceiling, lookahead and
     * release are read), for gains up to {@code extraDb} above the gain that would bring the unlimited
     * signal to {@code targetLufs}.
     */
    public static LimitedLoudness of(float[][] x, int frames, int sampleRate, Limiter limiter, double targetLufs, double extraDb) {
        double ceiling = Math.pow(10, (limiter.ceilingDbtp() - MAIN_MARGIN_DB) / 20);
        float[] peak = new float[frames];
        float[] energy = new float[frames];
        double[] shelf = KWeighting.shelf(sampleRate);
        double[] hp = KWeighting.highPass(sampleRate);
        for (float[] ch : x) {
            kWeight(ch, frames, shelf, hp, energy);
        }
        LimitedLoudness unl = new LimitedLoudness(sampleRate, frames, limiter, 0, peak, energy);
        double lufs = unl.unlimitedLufs();
        // peaks are detected for gains up to the unlimited gain plus extraDb: quieter chunks are skipped
        double maxGainDb = Double.isFinite(lufs) ? Math.min(60, targetLufs - lufs + extraDb) : 60;
        double lowest = ceiling / Math.pow(10, maxGainDb / 20);
        for (float[] ch : x) {
            detect(ch, frames, lowest, peak);
        }
        return new LimitedLoudness(sampleRate, frames, limiter, maxGainDb, peak, energy);
    }

    /** Largest gain the prediction holds for, dB. */
    public double maxGainDb() {
        return maxGainDb;
    }

    /** Integrated loudness without the limiter (gain 0 dB), LUFS. */
    public double unlimitedLufs() {
        return gated(subEnergy, 1);
    }

    /** What a trial predicts: integrated loudness, LUFS, and the largest gain reduction, dB. */
    public record Trial(double gainDb, double lufs, double maxReductionDb) {
    }

    /** The prediction at {@code gainDb} (at most {@link #maxGainDb()}). */
    public Trial at(double gainDb) {
        double a = Math.pow(10, gainDb / 20);
        double thr = ceiling / a; // a peak above this (before the gain) is limited
        int nb = subEnergy.length;
        double[] sub = new double[nb];
        int w = window;
        double[] ring = new double[w];
        java.util.Arrays.fill(ring, 1);
        double ringSum = w;
        int ringPos = 0;
        // sliding minimum of r over the last w + 2 frames (monotonic deque)
        int cap = w + 3;
        int[] dqIdx = new int[cap];
        double[] dqVal = new double[cap];
        int head = 0;
        int size = 0;
        double gRel = 1;
        long rest = Long.MAX_VALUE / 2; // consecutive frames with r = 1 and the released gain at 1
        double minG = 1;
        int total = frames + w; // the gain of frame m is known once frame m + w has been detected
        for (int f = 0; f < total; ) {
            // fast path: a chunk whose peaks stay under the threshold, entered at rest, leaves every gain at 1
            if (rest >= w + 2 && f % CHUNK == 0 && f + CHUNK <= frames && chunkMax[f / CHUNK] <= thr) {
                addUnity(sub, f - w, f + CHUNK - w);
                f += CHUNK;
                rest += CHUNK;
                size = 0; // every r in the window is 1
                ringSum = w; // and every released gain in the ring
                continue;
            }
            double pk = f < frames ? peak[f] : 0;
            double r = pk > thr ? thr / pk : 1.0;
            if (size > 0 || r < 1) {
                int tail = head + size - 1;
                while (size > 0 && dqVal[tail % cap] >= r) {
                    size--;
                    tail--;
                }
                int ins = (head + size) % cap;
                dqIdx[ins] = f;
                dqVal[ins] = r;
                size++;
                while (dqIdx[head] <= f - (w + 2)) {
                    head = (head + 1) % cap;
                    size--;
                }
            }
            double hmin = size == 0 ? 1 : dqVal[head];
            if (size > 0 && hmin == 1 && dqIdx[head] <= f) {
                // only ones in the window: forget them (the minimum is 1 either way)
                size = 0;
            }
            gRel = hmin < gRel ? hmin : alphaRelease * gRel + (1 - alphaRelease) * hmin;
            if (gRel > 1 - 1e-9) {
                gRel = 1;
            }
            rest = gRel == 1 && r == 1 ? rest + 1 : 0;
            ringSum += gRel - ring[ringPos];
            ring[ringPos] = gRel;
            ringPos = ringPos + 1 == w ? 0 : ringPos + 1;
            int m = f - w;
            if (m >= 0) {
                double g = rest >= w ? 1 : Math.min(1, ringSum / w);
                if (g < minG) {
                    minG = g;
                }
                int b = m / step;
                if (b < nb) {
                    sub[b] += g * g * energy[m];
                }
            }
            f++;
        }
        return new Trial(gainDb, gated(sub, a * a), minG >= 1 ? 0 : -20 * Math.log10(minG));
    }

    /** Adds the unlimited energy of frames [from, to) (clipped to the signal) to their sub-blocks. */
    private void addUnity(double[] sub, int from, int to) {
        int i = Math.max(0, from);
        int end = Math.min(to, sub.length * step);
        while (i < end) {
            int b = i / step;
            int stop = Math.min(end, (b + 1) * step);
            double s = 0;
            for (int k = i; k < stop; k++) {
                s += energy[k];
            }
            sub[b] += s;
            i = stop;
        }
    }

    /** BS.1770-4 gated integrated loudness of 100 ms sub-block energies times {@code scale}. */
    private double gated(double[] sub, double scale) {
        int nb = sub.length - 3;
        if (nb <= 0) {
            return Double.NaN;
        }
        double[] z = new double[nb];
        double sum = 0;
        int n = 0;
        double abs = Math.pow(10, (-70 + 0.691) / 10);
        for (int j = 0; j < nb; j++) {
            z[j] = scale * (sub[j] + sub[j + 1] + sub[j + 2] + sub[j + 3]) / (4.0 * step);
            if (z[j] > abs) {
                sum += z[j];
                n++;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double rel = sum / n * Math.pow(10, -1.0);
        sum = 0;
        n = 0;
        for (double v : z) {
            if (v > abs && v > rel) {
                sum += v;
                n++;
            }
        }
        return -0.691 + 10 * Math.log10(sum / n);
    }

    // ------------------------------------------------------------------ the one analysis pass

    /** K-weighted power of one channel added into {@code energy} (every channel of mono and stereo weighs 1). */
    private static void kWeight(float[] x, int n, double[] shelf, double[] hp, float[] energy) {
        double b0 = shelf[0], b1 = shelf[1], b2 = shelf[2], a1 = shelf[3], a2 = shelf[4];
        double h1 = hp[3], h2 = hp[4];
        double z1 = 0, z2 = 0, w1 = 0, w2 = 0;
        for (int i = 0; i < n; i++) {
            // shelf (direct form II transposed), then the high-pass (1, -2, 1) numerator
            double v = x[i];
            double y = b0 * v + z1;
            z1 = b1 * v - a1 * y + z2;
            z2 = b2 * v - a2 * y;
            double w0 = y - h1 * w1 - h2 * w2;
            double o = w0 - 2 * w1 + w2;
            w2 = w1;
            w1 = w0;
            energy[i] += (float) (o * o);
        }
    }

    /**
     * The limiter's detector on one channel: for every frame, the largest of its sample and the three 4x
     * points after it, each local maximum refined with a parabola through its neighbours, into
     * {@code peak} (the maximum over channels). Chunks whose interpolated values cannot reach
     * {@code lowest} / 1.08 are left at 0.
     */
    private static void detect(float[] x, int n, double lowest, float[] peak) {
        double quiet = lowest / 1.08;
        double bound = quiet / L1;
        double[] e = new double[C + TAPS + 1];
        double[] a1 = new double[C + 1];
        double[] a2 = new double[C + 1];
        double[] a3 = new double[C + 1];
        double pa = 0;
        double pb = 0;
        boolean prevHot = false;
        for (int s = 0; s < n; s += C) {
            int end = Math.min(n, s + C);
            // frames s-1 .. end-1 read x[s - 1 - (HALF - 1) .. end - 1 + HALF]
            int lo = s - 1 - (HALF - 1);
            int hi = end - 1 + HALF;
            double m = 0;
            for (int i = Math.max(0, lo); i <= Math.min(n - 1, hi); i++) {
                double v = Math.abs(x[i]);
                m = v > m ? v : m;
            }
            if (m <= bound) {
                prevHot = false;
                continue;
            }
            // e[k] = x[lo + k] (zeros outside), k = 0 .. hi - lo; frame f's points read e[f - lo - (HALF - 1) ..]
            int len = hi - lo + 1;
            for (int k = 0; k < len; k++) {
                int i = lo + k;
                e[k] = i >= 0 && i < n ? x[i] : 0;
            }
            int first = prevHot ? s : Math.max(0, s - 1); // the previous frame's points, for the refinement
            interpolate(e, first - lo - (HALF - 1), end - lo - (HALF - 1), first - s + 1, a1, a2, a3);
            if (!prevHot) {
                pa = s > 0 ? a2[0] : 0;
                pb = s > 0 ? a3[0] : 0;
            }
            for (int f = s; f < end; f++) {
                int j = f - s + 1;
                double v0 = e[f - lo];
                double raw = Math.max(Math.max(Math.abs(v0), Math.abs(a1[j])), Math.max(Math.abs(a2[j]), Math.abs(a3[j])));
                double p = raw;
                if (raw > quiet || Math.abs(pb) > quiet) {
                    p = Math.max(p, PeakGainStage.point(pa, pb, v0));
                    p = Math.max(p, PeakGainStage.point(pb, v0, a1[j]));
                    p = Math.max(p, PeakGainStage.point(v0, a1[j], a2[j]));
                    p = Math.max(p, PeakGainStage.point(a1[j], a2[j], a3[j]));
                }
                pa = a2[j];
                pb = a3[j];
                if (p > peak[f]) {
                    peak[f] = (float) p;
                }
            }
            prevHot = true;
        }
    }

    /**
     * The three 4x points after frames {@code [from, to)} (as offsets into {@code e} of each frame's first tap)
     * into {@code a1..a3} from index {@code at}.
     */
    private static void interpolate(double[] e, int from, int to, int at, double[] a1, double[] a2, double[] a3) {
        int n = to - from;
        java.util.Arrays.fill(a1, at, at + n, 0.0);
        java.util.Arrays.fill(a2, at, at + n, 0.0);
        java.util.Arrays.fill(a3, at, at + n, 0.0);
        double[] k1 = KERNEL[0];
        double[] k2 = KERNEL[1];
        double[] k3 = KERNEL[2];
        for (int t = 0; t < TAPS; t += 4) {
            double p0 = k1[t], p1 = k1[t + 1], p2 = k1[t + 2], p3 = k1[t + 3];
            double q0 = k2[t], q1 = k2[t + 1], q2 = k2[t + 2], q3 = k2[t + 3];
            double r0 = k3[t], r1 = k3[t + 1], r2 = k3[t + 2], r3 = k3[t + 3];
            for (int i = 0; i < n; i++) {
                int b = from + i + t;
                double e0 = e[b];
                double e1 = e[b + 1];
                double e2 = e[b + 2];
                double e3 = e[b + 3];
                a1[at + i] += (p0 * e0 + p1 * e1) + (p2 * e2 + p3 * e3);
                a2[at + i] += (q0 * e0 + q1 * e1) + (q2 * e2 + q3 * e3);
                a3[at + i] += (r0 * e0 + r1 * e1) + (r2 * e2 + r3 * e3);
            }
        }
    }
}
