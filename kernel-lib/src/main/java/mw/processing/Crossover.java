package mw.processing;

import java.util.Arrays;
import mw.WorkbenchException;

/**
 * A Linkwitz-Riley 4th-order (24 dB/octave) band splitter: each crossover is a pair of cascaded
 * second-order Butterworth low- and high-passes (S. Linkwitz, "Active crossover networks for
 * non-coincident drivers", JAES 24(1), 1976). At one crossover LP + HP equals the second-order
 * all-pass with Q = 1/sqrt(2); the lower bands of a tree pass through the all-passes of the higher
 * crossovers, so the bands always sum to an all-pass: flat magnitude.
 */
final class Crossover {
    private final double[] crossoversHz;
    private final int bands;
    private final int channels;
    // per crossover j: LP sections (2), HP sections (2), and for compensating lower bands one all-pass
    private final Biquad[] lp;
    private final Biquad[] hp;
    private final Biquad[] ap;
    // state [channel][filter slot][2]
    private final double[][][] state;
    private final int slots;

    static void check(double[] crossoversHz, int sampleRate) {
        for (int j = 0; j < crossoversHz.length; j++) {
            WorkbenchException.checkRange("crossoversHz[" + j + "]", crossoversHz[j], 20, 20_000);
            if (sampleRate > 0 && crossoversHz[j] >= 0.45 * sampleRate) {
                throw new WorkbenchException("crossoversHz[" + j + "] = " + crossoversHz[j] + " is too close to the Nyquist frequency of "
                        + sampleRate + " Hz audio; accepted: below " + (int) (0.45 * sampleRate));
            }
            if (j > 0 && crossoversHz[j] <= crossoversHz[j - 1] * 1.05) {
                throw new WorkbenchException("crossoversHz must rise (each at least 5 % above the one before); got "
                        + Arrays.toString(crossoversHz));
            }
        }
    }

    Crossover(double[] crossoversHz, int sampleRate, int channels) {
        check(crossoversHz, sampleRate);
        this.crossoversHz = crossoversHz.clone();
        this.bands = crossoversHz.length + 1;
        this.channels = channels;
        int n = crossoversHz.length;
        lp = new Biquad[n];
        hp = new Biquad[n];
        ap = new Biquad[n];
        for (int j = 0; j < n; j++) {
            lp[j] = new Biquad();
            lp[j].lowPass(sampleRate, crossoversHz[j], Eq.BUTTERWORTH_Q);
            hp[j] = new Biquad();
            hp[j].highPass(sampleRate, crossoversHz[j], Eq.BUTTERWORTH_Q);
            ap[j] = new Biquad();
            double w0 = 2 * Math.PI * crossoversHz[j] / sampleRate;
            double alpha = Math.sin(w0) / (2 * Eq.BUTTERWORTH_Q);
            double cos = Math.cos(w0);
            ap[j].set(1 - alpha, -2 * cos, 1 + alpha, 1 + alpha, -2 * cos, 1 - alpha);
        }
        // slots: per crossover 4 (LP LP HP HP) + all-passes for each lower band: j per crossover j
        slots = 4 * n + n * (n - 1) / 2 + n;
        state = new double[channels][slots][2];
    }

    int bands() {
        return bands;
    }

    void reset() {
        for (double[][] c : state) {
            for (double[] s : c) {
                Arrays.fill(s, 0);
            }
        }
    }

    /** Splits {@code in[c][0..frames)} into {@code out[band][c][0..frames)}. */
    void split(double[][] in, int frames, double[][][] out) {
        for (int c = 0; c < channels; c++) {
            split(c, in[c], frames, out);
        }
    }

    /**
     * Splits channel {@code c} of the input, {@code in[0..frames)}, into {@code out[band][c][0..frames)}.
     * Each crossover's four sections (two low-pass, two high-pass) run in one pass over the block, and the
     * lower bands' all-passes two at a time: the sections are independent recursions, so interleaving
     * them lets the processor overlap their latencies. Every section computes exactly what it computes on
     * its own, so the bands are the same to the last bit as filtering section by section.
     */
    void split(int c, double[] in, int frames, double[][][] out) {
        int n = crossoversHz.length;
        double[][] st = state[c];
        double[] rest = out[n][c];
        System.arraycopy(in, 0, rest, 0, frames);
        int slot = 0;
        for (int j = 0; j < n; j++) {
            runPair(lp[j], st[slot], st[slot + 1], hp[j], st[slot + 2], st[slot + 3], rest, out[j][c], frames);
            slot += 4;
            int b = 0;
            for (; b + 1 < j; b += 2) {
                runTwo(ap[j], st[slot++], out[b][c], st[slot++], out[b + 1][c], frames);
            }
            if (b < j) {
                run(ap[j], st[slot++], out[b][c], frames);
            }
        }
    }

    /**
     * The sum of all bands of channel {@code c} without splitting: the cascade of every crossover's
     * all-pass (a low-pass and high-pass pair of a Linkwitz-Riley crossover sum to its all-pass, and the
     * lower bands pass the higher all-passes), so equal to the sum of {@link #split}'s bands up to
     * rounding, with a state of its own (a channel summed this way is not also split).
     */
    void allPass(int c, double[] x, int frames) {
        double[][] st = state[c];
        int n = crossoversHz.length;
        int j = 0;
        for (; j + 1 < n; j += 2) {
            runCascade(ap[j], st[j], ap[j + 1], st[j + 1], x, frames);
        }
        if (j < n) {
            run(ap[j], st[j], x, frames);
        }
    }

    /**
     * The bands of channel {@code c} summed with a gain each, {@code gains[b][i]} at sample {@code i}, in
     * place in {@code x}, without keeping the bands: the lower bands' all-passes commute with their gains,
     * so the weighted sum of the bands below each crossover passes that crossover's all-pass once
     * ({@code acc = AP_j(acc) + g_j low_j}), not every band on its own. Equal to weighting {@link #split}'s
     * bands up to rounding while the gains hold; while a gain moves, it moves before the higher
     * crossovers' all-passes instead of after them. Uses a state of its own (the channel is not also split).
     */
    void weightedSum(int c, double[] x, int frames, double[][] gains, double[] acc) {
        int n = crossoversHz.length;
        double[][] st = state[c];
        double[] rest = x;
        for (int j = 0; j < n; j++) {
            Biquad l = lp[j];
            Biquad h = hp[j];
            Biquad a = ap[j];
            double[] g = gains[j];
            double[] zl1 = st[4 * j];
            double[] zl2 = st[4 * j + 1];
            double[] zh1 = st[4 * j + 2];
            double[] zh2 = st[4 * j + 3];
            double[] za = st[4 * n + j];
            double lb0 = l.b0, lb1 = l.b1, lb2 = l.b2, la1 = l.a1, la2 = l.a2;
            double hb0 = h.b0, hb1 = h.b1, hb2 = h.b2, ha1 = h.a1, ha2 = h.a2;
            double ab0 = a.b0, ab1 = a.b1, ab2 = a.b2, aa1 = a.a1, aa2 = a.a2;
            double l11 = zl1[0], l12 = zl1[1], l21 = zl2[0], l22 = zl2[1];
            double h11 = zh1[0], h12 = zh1[1], h21 = zh2[0], h22 = zh2[1];
            double a1s = za[0], a2s = za[1];
            boolean first = j == 0;
            for (int i = 0; i < frames; i++) {
                double in = rest[i];
                double p = lb0 * in + l11;
                l11 = lb1 * in - la1 * p + l12;
                l12 = lb2 * in - la2 * p;
                double q = lb0 * p + l21;
                l21 = lb1 * p - la1 * q + l22;
                l22 = lb2 * p - la2 * q;
                double r = hb0 * in + h11;
                h11 = hb1 * in - ha1 * r + h12;
                h12 = hb2 * in - ha2 * r;
                double t = hb0 * r + h21;
                h21 = hb1 * r - ha1 * t + h22;
                h22 = hb2 * r - ha2 * t;
                rest[i] = t;
                if (first) {
                    acc[i] = g[i] * q;
                } else {
                    double ai = acc[i];
                    double o = ab0 * ai + a1s;
                    a1s = ab1 * ai - aa1 * o + a2s;
                    a2s = ab2 * ai - aa2 * o;
                    acc[i] = o + g[i] * q;
                }
            }
            store(zl1, l11, l12);
            store(zl2, l21, l22);
            store(zh1, h11, h12);
            store(zh2, h21, h22);
            store(za, a1s, a2s);
        }
        double[] g = gains[n];
        for (int i = 0; i < frames; i++) {
            x[i] = acc[i] + g[i] * rest[i];
        }
    }

    /** Two sections in series over {@code x}, in one pass. */
    private static void runCascade(Biquad p, double[] zp, Biquad q, double[] zq, double[] x, int frames) {
        double pb0 = p.b0, pb1 = p.b1, pb2 = p.b2, pa1 = p.a1, pa2 = p.a2;
        double qb0 = q.b0, qb1 = q.b1, qb2 = q.b2, qa1 = q.a1, qa2 = q.a2;
        double p1 = zp[0], p2 = zp[1], q1 = zq[0], q2 = zq[1];
        for (int i = 0; i < frames; i++) {
            double in = x[i];
            double o = pb0 * in + p1;
            p1 = pb1 * in - pa1 * o + p2;
            p2 = pb2 * in - pa2 * o;
            double o2 = qb0 * o + q1;
            q1 = qb1 * o - qa1 * o2 + q2;
            q2 = qb2 * o - qa2 * o2;
            x[i] = o2;
        }
        store(zp, p1, p2);
        store(zq, q1, q2);
    }

    /**
     * One crossover: {@code low = L(L(rest))} and {@code rest = H(H(rest))}, the four sections in one pass.
     */
    private static void runPair(Biquad l, double[] zl1, double[] zl2, Biquad h, double[] zh1, double[] zh2,
                                double[] rest, double[] low, int frames) {
        double lb0 = l.b0, lb1 = l.b1, lb2 = l.b2, la1 = l.a1, la2 = l.a2;
        double hb0 = h.b0, hb1 = h.b1, hb2 = h.b2, ha1 = h.a1, ha2 = h.a2;
        double l11 = zl1[0], l12 = zl1[1], l21 = zl2[0], l22 = zl2[1];
        double h11 = zh1[0], h12 = zh1[1], h21 = zh2[0], h22 = zh2[1];
        for (int i = 0; i < frames; i++) {
            double in = rest[i];
            double a = lb0 * in + l11;
            l11 = lb1 * in - la1 * a + l12;
            l12 = lb2 * in - la2 * a;
            double b = lb0 * a + l21;
            l21 = lb1 * a - la1 * b + l22;
            l22 = lb2 * a - la2 * b;
            low[i] = b;
            double c = hb0 * in + h11;
            h11 = hb1 * in - ha1 * c + h12;
            h12 = hb2 * in - ha2 * c;
            double d = hb0 * c + h21;
            h21 = hb1 * c - ha1 * d + h22;
            h22 = hb2 * c - ha2 * d;
            rest[i] = d;
        }
        store(zl1, l11, l12);
        store(zl2, l21, l22);
        store(zh1, h11, h12);
        store(zh2, h21, h22);
    }

    /** One section over two signals, in one pass. */
    private static void runTwo(Biquad q, double[] za, double[] x, double[] zb, double[] y, int frames) {
        double b0 = q.b0, b1 = q.b1, b2 = q.b2, a1 = q.a1, a2 = q.a2;
        double a1s = za[0], a2s = za[1], b1s = zb[0], b2s = zb[1];
        for (int i = 0; i < frames; i++) {
            double in = x[i];
            double o = b0 * in + a1s;
            a1s = b1 * in - a1 * o + a2s;
            a2s = b2 * in - a2 * o;
            x[i] = o;
            double in2 = y[i];
            double o2 = b0 * in2 + b1s;
            b1s = b1 * in2 - a1 * o2 + b2s;
            b2s = b2 * in2 - a2 * o2;
            y[i] = o2;
        }
        store(za, a1s, a2s);
        store(zb, b1s, b2s);
    }

    private static void store(double[] z, double s1, double s2) {
        z[0] = Math.abs(s1) < 1e-30 ? 0 : s1;
        z[1] = Math.abs(s2) < 1e-30 ? 0 : s2;
    }

    private static void run(Biquad q, double[] z, double[] x, int frames) {
        double b0 = q.b0, b1 = q.b1, b2 = q.b2, a1 = q.a1, a2 = q.a2;
        double s1 = z[0];
        double s2 = z[1];
        for (int i = 0; i < frames; i++) {
            double in = x[i];
            double o = b0 * in + s1;
            s1 = b1 * in - a1 * o + s2;
            s2 = b2 * in - a2 * o;
            x[i] = o;
        }
        store(z, s1, s2);
    }
}
