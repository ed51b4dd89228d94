package mw.processing;

/**
 * One second-order IIR section (transposed direct form II) with normalised coefficients
 * {@code b0 b1 b2 a1 a2} (a0 = 1), and the formulas of R. Bristow-Johnson's "Cookbook formulae for
 * audio EQ biquad filter coefficients" (the bilinear transform of the analog prototypes, pre-warped
 * at the centre or corner frequency). First-order sections have {@code b2 = a2 = 0}.
 */
final class Biquad {
    double b0 = 1;
    double b1;
    double b2;
    double a1;
    double a2;

    void set(double nb0, double nb1, double nb2, double na0, double na1, double na2) {
        b0 = nb0 / na0;
        b1 = nb1 / na0;
        b2 = nb2 / na0;
        a1 = na1 / na0;
        a2 = na2 / na0;
    }

    void identity() {
        b0 = 1;
        b1 = b2 = a1 = a2 = 0;
    }

    void lowPass(double fs, double f0, double q) {
        double w0 = 2 * Math.PI * f0 / fs;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        set((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    void highPass(double fs, double f0, double q) {
        double w0 = 2 * Math.PI * f0 / fs;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        set((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Band-pass with 0 dB peak gain. */
    void bandPass(double fs, double f0, double q) {
        double w0 = 2 * Math.PI * f0 / fs;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        set(alpha, 0, -alpha, 1 + alpha, -2 * cos, 1 - alpha);
    }

    void notch(double fs, double f0, double q) {
        double w0 = 2 * Math.PI * f0 / fs;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        set(1, -2 * cos, 1, 1 + alpha, -2 * cos, 1 - alpha);
    }

    void peak(double fs, double f0, double gainDb, double q) {
        double a = Math.pow(10, gainDb / 40);
        double w0 = 2 * Math.PI * f0 / fs;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        set(1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a);
    }

    void lowShelf(double fs, double f0, double gainDb, double q) {
        double a = Math.pow(10, gainDb / 40);
        double w0 = 2 * Math.PI * f0 / fs;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        double s = 2 * Math.sqrt(a) * alpha;
        set(a * ((a + 1) - (a - 1) * cos + s), 2 * a * ((a - 1) - (a + 1) * cos), a * ((a + 1) - (a - 1) * cos - s),
                (a + 1) + (a - 1) * cos + s, -2 * ((a - 1) + (a + 1) * cos), (a + 1) + (a - 1) * cos - s);
    }

    void highShelf(double fs, double f0, double gainDb, double q) {
        double a = Math.pow(10, gainDb / 40);
        double w0 = 2 * Math.PI * f0 / fs;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        double s = 2 * Math.sqrt(a) * alpha;
        set(a * ((a + 1) + (a - 1) * cos + s), -2 * a * ((a - 1) + (a + 1) * cos), a * ((a + 1) + (a - 1) * cos - s),
                (a + 1) - (a - 1) * cos + s, 2 * ((a - 1) - (a + 1) * cos), (a + 1) - (a - 1) * cos - s);
    }

    /** First-order Butterworth low-pass (bilinear, pre-warped at f0). */
    void lowPass1(double fs, double f0) {
        double k = Math.tan(Math.PI * f0 / fs);
        set(k, k, 0, k + 1, k - 1, 0);
    }

    /** First-order Butterworth high-pass (bilinear, pre-warped at f0). */
    void highPass1(double fs, double f0) {
        double k = Math.tan(Math.PI * f0 / fs);
        set(1, -1, 0, k + 1, k - 1, 0);
    }

    /** Complex response at normalised angular frequency w: {re, im}. */
    double[] response(double w) {
        double c1 = Math.cos(w);
        double s1 = -Math.sin(w);
        double c2 = Math.cos(2 * w);
        double s2 = -Math.sin(2 * w);
        double nr = b0 + b1 * c1 + b2 * c2;
        double ni = b1 * s1 + b2 * s2;
        double dr = 1 + a1 * c1 + a2 * c2;
        double di = a1 * s1 + a2 * s2;
        double den = dr * dr + di * di;
        return new double[] {(nr * dr + ni * di) / den, (ni * dr - nr * di) / den};
    }
}
