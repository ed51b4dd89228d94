package mw.loudness;

import mw.WorkbenchException;

/**
 * The K-weighting filter of ITU-R BS.1770-4 (Annex 1): a high-shelf "pre-filter" modelling the acoustic
 * effect of the head, followed by the RLB high-pass, each a second-order section.
 *
 * <p>The Recommendation publishes the coefficients for 48 kHz only. Here each stage is described by its
 * analogue prototype (centre frequency, Q and, for the shelf, the high-frequency and mid gains), and the
 * digital filter for any sample rate is obtained with the bilinear transform pre-warped at the centre
 * frequency. The prototype parameters are recovered exactly from the 48 kHz table by inverting that
 * transform, so at 48 kHz the design reproduces the published table (the unit test checks this) and at
 * every other rate it is the same analogue filter.
 *
 * <p>Coefficients are {@code {b0, b1, b2, a1, a2}} with {@code a0 = 1}.
 */
public final class KWeighting {
    /** BS.1770-4 Table 1, stage 1 (shelf), 48 kHz. */
    static final double[] TABLE_SHELF_48K = {1.53512485958697, -2.69169618940638, 1.19839281085285,
        -1.69065929318241, 0.73248077421585};
    /** BS.1770-4 Table 2, stage 2 (RLB high-pass), 48 kHz. */
    static final double[] TABLE_HIGHPASS_48K = {1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621};

    /** Analogue prototype of a second-order section: f0 (Hz), Q, high gain Vh, mid gain Vb (linear). */
    record Prototype(double f0Hz, double q, double vh, double vb) {
    }

    static final Prototype SHELF = prototype(TABLE_SHELF_48K, 48000);
    static final Prototype HIGHPASS = prototype(TABLE_HIGHPASS_48K, 48000);

    private KWeighting() {
    }

    /**
     * Recovers the analogue prototype of a biquad designed with the pre-warped bilinear transform:
     * with K = tan(pi f0 / fs) and a0 = 1 + K/Q + K^2 the section is
     * b = (Vh + Vb K/Q + K^2, 2(K^2 - Vh), Vh - Vb K/Q + K^2) / a0, a = (1, 2(K^2 - 1), 1 - K/Q + K^2) / a0.
     */
    static Prototype prototype(double[] c, int fs) {
        double a1 = c[3];
        double a2 = c[4];
        double k2 = (1 + a1 + a2) / (1 - a1 + a2);
        double k = Math.sqrt(k2);
        double a0 = 4 / (1 - a1 + a2);
        double kOverQ = (1 - a2) * a0 / 2;
        double q = k / kOverQ;
        double vh = k2 - c[1] * a0 / 2;
        double vb = (c[0] - c[2]) * a0 / (2 * kOverQ);
        return new Prototype(fs * Math.atan(k) / Math.PI, q, vh, vb);
    }

    /** Stage 1 (high shelf) for a sample rate. */
    public static double[] shelf(int sampleRate) {
        return design(SHELF, sampleRate, false);
    }

    /**
     * Stage 2 (RLB high-pass) for a sample rate. Its numerator is the Recommendation's un-normalised
     * (1, -2, 1) at every rate, as in the published table (the -0.691 dB offset of the loudness formula
     * is calibrated with it).
     */
    public static double[] highPass(int sampleRate) {
        return design(HIGHPASS, sampleRate, true);
    }

    private static double[] design(Prototype p, int fs, boolean highPass) {
        if (fs < 8000 || fs > 768000) {
            throw new WorkbenchException("sample rate " + fs + " Hz is not supported by the loudness meter; accepted: 8000 to 768000 Hz");
        }
        double k = Math.tan(Math.PI * p.f0Hz() / fs);
        double k2 = k * k;
        double kq = k / p.q();
        double a0 = 1 + kq + k2;
        double a1 = 2 * (k2 - 1) / a0;
        double a2 = (1 - kq + k2) / a0;
        if (highPass) {
            return new double[] {1.0, -2.0, 1.0, a1, a2};
        }
        return new double[] {(p.vh() + p.vb() * kq + k2) / a0, 2 * (k2 - p.vh()) / a0,
            (p.vh() - p.vb() * kq + k2) / a0, a1, a2};
    }

    /** Magnitude response in dB of both stages at a frequency, for a sample rate. */
    public static double responseDb(int sampleRate, double frequencyHz) {
        return biquadDb(shelf(sampleRate), sampleRate, frequencyHz) + biquadDb(highPass(sampleRate), sampleRate, frequencyHz);
    }

    static double biquadDb(double[] c, int fs, double f) {
        double w = 2 * Math.PI * f / fs;
        double cr = Math.cos(w), ci = -Math.sin(w), c2r = Math.cos(2 * w), c2i = -Math.sin(2 * w);
        double nr = c[0] + c[1] * cr + c[2] * c2r, ni = c[1] * ci + c[2] * c2i;
        double dr = 1 + c[3] * cr + c[4] * c2r, di = c[3] * ci + c[4] * c2i;
        return 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
    }
}
