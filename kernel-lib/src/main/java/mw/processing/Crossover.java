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
        int n = crossoversHz.length;
        for (int c = 0; c < channels; c++) {
            double[][] st = state[c];
            double[] rest = out[n][c];
            System.arraycopy(in[c], 0, rest, 0, frames);
            int slot = 0;
            for (int j = 0; j < n; j++) {
                double[] low = out[j][c];
                System.arraycopy(rest, 0, low, 0, frames);
                run(lp[j], st[slot++], low, frames);
                run(lp[j], st[slot++], low, frames);
                run(hp[j], st[slot++], rest, frames);
                run(hp[j], st[slot++], rest, frames);
                for (int b = 0; b < j; b++) {
                    run(ap[j], st[slot++], out[b][c], frames);
                }
            }
        }
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
        z[0] = Math.abs(s1) < 1e-30 ? 0 : s1;
        z[1] = Math.abs(s2) < 1e-30 ? 0 : s2;
    }
}
