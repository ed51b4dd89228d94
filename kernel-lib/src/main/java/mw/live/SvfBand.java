package mw.live;

/**
 * One equaliser band as a state-variable filter discretised with the trapezoidal rule (the
 * "topology-preserving transform" of V. Zavalishin, <i>The Art of VA Filter Design</i>, 2018, in the
 * form of A. Simper, "Linear trapezoidal integrated state variable filter", Cytomic technical paper,
 * 2013): bell, low shelf and high shelf as mixes of the filter's input, band-pass and low-pass outputs.
 *
 * <p>Why not the workbench's biquads: a direct-form biquad keeps past inputs and outputs as its state,
 * so when its coefficients change the stored values no longer belong to the new filter, and a filter
 * modulated every few samples can produce transients or even grow (J. Laroche, "On the stability of
 * time-varying recursive filters", JAES 55(6), 2007). The state of this form is the two integrators'
 * state, which means the same thing for any cutoff, Q or gain, and the trapezoidal SVF stays stable
 * under arbitrary modulation of positive cutoff and damping (A. Wishnick, "Time-varying filters for
 * musical applications", DAFx-14, 2014). Statically it has exactly the transfer function of the
 * bilinear-transformed analog prototype, the same as R. Bristow-Johnson's cookbook biquads.
 */
final class SvfBand {
    enum Kind { LOW_SHELF, BELL, HIGH_SHELF }

    private final Kind kind;
    // current values (reached at the last processed frame) and targets
    private double g;
    private double k = 1;
    private double m0 = 1;
    private double m1;
    private double m2;
    private double gT;
    private double kT = 1;
    private double m0T = 1;
    private double m1T;
    private double m2T;
    private double targetGainDb;
    // the glide: per-frame increments, its length and how far it has come (absolute, so that cutting the
    // stream into other blocks gives the same values bit for bit)
    private double dg;
    private double dk;
    private double d0;
    private double d1;
    private double d2;
    private int total;
    private int done;
    private double[] ic1 = new double[0];
    private double[] ic2 = new double[0];

    SvfBand(Kind kind) {
        this.kind = kind;
    }

    void prepare(int channels) {
        ic1 = new double[channels];
        ic2 = new double[channels];
    }

    void reset() {
        java.util.Arrays.fill(ic1, 0);
        java.util.Arrays.fill(ic2, 0);
    }

    /** Designs the band at once: corner or centre frequency, gain in dB, Q (for shelves 1/sqrt(2) is the cookbook's S = 1). */
    void design(double sampleRate, double frequencyHz, double gainDb, double q) {
        target(sampleRate, frequencyHz, gainDb, q);
        g = gT;
        k = kT;
        m0 = m0T;
        m1 = m1T;
        m2 = m2T;
        total = 0;
    }

    /**
     * Sets the values the band glides to, sample by sample, over the next {@code frames} frames: the
     * integrator gain {@code g}, damping {@code k} and output mix move linearly, and the solver's
     * coefficients follow from them at every sample, so the filter never takes a step (no zipper at the
     * control rate) and is a valid SVF at every sample.
     */
    void glide(double sampleRate, double frequencyHz, double gainDb, double q, int frames) {
        if (total > 0) {
            // interrupted: start from where the current glide has come to
            g += dg * done;
            k += dk * done;
            m0 += d0 * done;
            m1 += d1 * done;
            m2 += d2 * done;
            total = 0;
        }
        target(sampleRate, frequencyHz, gainDb, q);
        if (frames <= 0 || g == gT && k == kT && m0 == m0T && m1 == m1T && m2 == m2T) {
            g = gT;
            k = kT;
            m0 = m0T;
            m1 = m1T;
            m2 = m2T;
            return;
        }
        total = frames;
        done = 0;
        dg = (gT - g) / frames;
        dk = (kT - k) / frames;
        d0 = (m0T - m0) / frames;
        d1 = (m1T - m1) / frames;
        d2 = (m2T - m2) / frames;
    }

    private void target(double sampleRate, double frequencyHz, double gainDb, double q) {
        double a = Math.pow(10, gainDb / 40);
        double gg = Math.tan(Math.PI * frequencyHz / sampleRate);
        switch (kind) {
            case BELL -> {
                kT = 1 / (q * a);
                m0T = 1;
                m1T = kT * (a * a - 1);
                m2T = 0;
            }
            case LOW_SHELF -> {
                gg /= Math.sqrt(a);
                kT = 1 / q;
                m0T = 1;
                m1T = kT * (a - 1);
                m2T = a * a - 1;
            }
            case HIGH_SHELF -> {
                gg *= Math.sqrt(a);
                kT = 1 / q;
                m0T = a * a;
                m1T = kT * (1 - a) * a;
                m2T = 1 - a * a;
            }
            default -> throw new IllegalStateException();
        }
        gT = gg;
        targetGainDb = gainDb;
    }

    /** Not gliding: the band runs with fixed coefficients. */
    boolean still() {
        return total == 0;
    }

    /**
     * Filters frames {@code from..to} of every channel through three bands in cascade, none of them gliding
     * ({@link #still()}), in one pass: the same arithmetic per band and sample as {@link #process}, so the
     * output is the same bit for bit, but the three bands' recurrences interleave instead of each waiting
     * on its own previous sample.
     */
    static void processStill(SvfBand a, SvfBand b, SvfBand c, double[][] x, int from, int to) {
        final double a1 = 1 / (1 + a.g * (a.g + a.k)), a2 = a.g * a1, a3 = a.g * a2, an0 = a.m0, an1 = a.m1, an2 = a.m2;
        final double b1 = 1 / (1 + b.g * (b.g + b.k)), b2 = b.g * b1, b3 = b.g * b2, bn0 = b.m0, bn1 = b.m1, bn2 = b.m2;
        final double c1 = 1 / (1 + c.g * (c.g + c.k)), c2 = c.g * c1, c3 = c.g * c2, cn0 = c.m0, cn1 = c.m1, cn2 = c.m2;
        final boolean ap = a.targetGainDb == 0, bp = b.targetGainDb == 0, cp = c.targetGainDb == 0;
        for (int ch = 0; ch < x.length; ch++) {
            double[] v = x[ch];
            double as1 = a.ic1[ch], as2 = a.ic2[ch];
            double bs1 = b.ic1[ch], bs2 = b.ic2[ch];
            double cs1 = c.ic1[ch], cs2 = c.ic2[ch];
            for (int i = from; i < to; i++) {
                double v0 = v[i];
                double v3 = v0 - as2;
                double v1 = a1 * as1 + a2 * v3;
                double v2 = as2 + a2 * as1 + a3 * v3;
                as1 = 2 * v1 - as1;
                as2 = 2 * v2 - as2;
                double y = ap ? v0 : an0 * v0 + an1 * v1 + an2 * v2;
                v3 = y - bs2;
                v1 = b1 * bs1 + b2 * v3;
                v2 = bs2 + b2 * bs1 + b3 * v3;
                bs1 = 2 * v1 - bs1;
                bs2 = 2 * v2 - bs2;
                y = bp ? y : bn0 * y + bn1 * v1 + bn2 * v2;
                v3 = y - cs2;
                v1 = c1 * cs1 + c2 * v3;
                v2 = cs2 + c2 * cs1 + c3 * v3;
                cs1 = 2 * v1 - cs1;
                cs2 = 2 * v2 - cs2;
                v[i] = cp ? y : cn0 * y + cn1 * v1 + cn2 * v2;
            }
            a.ic1[ch] = flush(as1);
            a.ic2[ch] = flush(as2);
            b.ic1[ch] = flush(bs1);
            b.ic2[ch] = flush(bs2);
            c.ic1[ch] = flush(cs1);
            c.ic2[ch] = flush(cs2);
        }
    }

    /** Denormals flushed: below 1e-30 the state is inaudible and slow to compute with. */
    private static double flush(double s) {
        return Math.abs(s) < 1e-30 ? 0 : s;
    }

    /** Filters frames {@code from..to} of every channel in place, gliding towards the targets if asked to. */
    void process(double[][] x, int from, int to) {
        int n = to - from;
        if (total > 0) {
            // per sample: linear steps of g, k and the mix; a1..a3 from them (one division)
            int len = Math.min(n, total - done);
            for (int c = 0; c < x.length; c++) {
                double[] v = x[c];
                double s1 = ic1[c];
                double s2 = ic2[c];
                for (int j = done + 1, i = from; j <= done + len; j++, i++) {
                    boolean last = j == total;
                    double gg = last ? gT : g + dg * j;
                    double kk = last ? kT : k + dk * j;
                    double c1 = 1 / (1 + gg * (gg + kk));
                    double c2 = gg * c1;
                    double c3 = gg * c2;
                    double v0 = v[i];
                    double v3 = v0 - s2;
                    double v1 = c1 * s1 + c2 * v3;
                    double v2 = s2 + c2 * s1 + c3 * v3;
                    s1 = 2 * v1 - s1;
                    s2 = 2 * v2 - s2;
                    v[i] = (last ? m0T : m0 + d0 * j) * v0 + (last ? m1T : m1 + d1 * j) * v1 + (last ? m2T : m2 + d2 * j) * v2;
                }
                ic1[c] = s1;
                ic2[c] = s2;
            }
            done += len;
            if (done == total) {
                g = gT;
                k = kT;
                m0 = m0T;
                m1 = m1T;
                m2 = m2T;
                total = 0;
            }
            from += len;
            if (from == to) {
                return;
            }
        }
        final double c1 = 1 / (1 + g * (g + k)), c2 = g * c1, c3 = g * c2, n0 = m0, n1 = m1, n2 = m2;
        // at 0 dB every shape is the identity: the output is the input, bit for bit. The integrators keep
        // running so that a later gain change starts from the signal's own state.
        final boolean pass = targetGainDb == 0;
        for (int c = 0; c < x.length; c++) {
            double[] v = x[c];
            double s1 = ic1[c];
            double s2 = ic2[c];
            for (int i = from; i < to; i++) {
                double v0 = v[i];
                double v3 = v0 - s2;
                double v1 = c1 * s1 + c2 * v3;
                double v2 = s2 + c2 * s1 + c3 * v3;
                s1 = 2 * v1 - s1;
                s2 = 2 * v2 - s2;
                if (!pass) {
                    v[i] = n0 * v0 + n1 * v1 + n2 * v2;
                }
            }
            // flush denormals: below 1e-30 the state is inaudible and slow to compute with
            ic1[c] = Math.abs(s1) < 1e-30 ? 0 : s1;
            ic2[c] = Math.abs(s2) < 1e-30 ? 0 : s2;
        }
    }
}
