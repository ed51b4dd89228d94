package mw.analysis;

/**
 * The mel and chroma filter banks, written out from the formulas librosa documents for
 * {@code librosa.filters.mel} (Slaney's mel scale and area normalisation, as in Slaney's Auditory
 * Toolbox) and {@code librosa.filters.chroma} (Ellis's chroma filters). Dense {@code [band][bin]}
 * matrices over the {@code nFft / 2 + 1} bins of a real FFT.
 */
public final class Filterbanks {
    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27;

    private Filterbanks() {
    }

    /** Hz to mel on Slaney's scale: linear below 1 kHz (200/3 Hz per mel), logarithmic above. */
    public static double hzToMel(double hz) {
        return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
    }

    /** Mel (Slaney) to Hz. */
    public static double melToHz(double mel) {
        return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
    }

    /**
     * Triangular mel filters with Slaney normalisation ({@code 2 / (f[i+2] - f[i])}), band edges equally
     * spaced on the mel scale from {@code fminHz} to {@code fmaxHz}: librosa's
     * {@code filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm="slaney")}.
     */
    public static double[][] mel(int sampleRate, int nFft, int nMels, double fminHz, double fmaxHz) {
        int bins = nFft / 2 + 1;
        double[] melF = new double[nMels + 2];
        double lo = hzToMel(fminHz);
        double hi = hzToMel(fmaxHz);
        for (int i = 0; i < melF.length; i++) {
            melF[i] = melToHz(lo + (hi - lo) * i / (nMels + 1));
        }
        double[][] w = new double[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            double enorm = 2.0 / (melF[m + 2] - melF[m]);
            for (int k = 0; k < bins; k++) {
                double f = (double) k * sampleRate / nFft;
                double lower = (f - melF[m]) / (melF[m + 1] - melF[m]);
                double upper = (melF[m + 2] - f) / (melF[m + 2] - melF[m + 1]);
                w[m][k] = Math.max(0, Math.min(lower, upper)) * enorm;
            }
        }
        return w;
    }

    /**
     * Chroma filters: librosa's {@code filters.chroma(sr, n_fft, n_chroma=12, tuning, ctroct=5.0,
     * octwidth=2, norm=2, base_c=True)}. Each FFT bin is mapped to a fractional pitch class with a
     * Gaussian bump as wide as the bin, each bin's weights are normalised to unit L2 norm over the
     * classes, then weighted by a Gaussian over octaves centred on octave 5 (about 880 Hz above A0/16)
     * with a 2-octave standard deviation. Row 0 is C.
     *
     * @param tuningFraction deviation from A440 in fractions of a chroma bin (0 for A440)
     */
    public static double[][] chroma(int sampleRate, int nFft, int nChroma, double tuningFraction) {
        double a440 = 440.0 * Math.pow(2, tuningFraction / nChroma);
        double[] frq = new double[nFft];
        for (int k = 1; k < nFft; k++) {
            double f = (double) k * sampleRate / nFft;
            frq[k] = nChroma * (Math.log(f / (a440 / 16)) / Math.log(2));
        }
        frq[0] = frq[1] - 1.5 * nChroma;
        double[] width = new double[nFft];
        for (int k = 0; k < nFft - 1; k++) {
            width[k] = Math.max(frq[k + 1] - frq[k], 1.0);
        }
        width[nFft - 1] = 1;
        double half = Math.round(nChroma / 2.0);
        double[][] w = new double[nChroma][nFft];
        for (int k = 0; k < nFft; k++) {
            double norm = 0;
            for (int c = 0; c < nChroma; c++) {
                double d = frq[k] - c + half + 10.0 * nChroma;
                d = ((d % nChroma) + nChroma) % nChroma - half;
                double v = Math.exp(-0.5 * Math.pow(2 * d / width[k], 2));
                w[c][k] = v;
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            double oct = Math.exp(-0.5 * Math.pow((frq[k] / nChroma - 5.0) / 2.0, 2));
            for (int c = 0; c < nChroma; c++) {
                w[c][k] = (norm > 0 ? w[c][k] / norm : 0) * oct;
            }
        }
        int shift = 3 * (nChroma / 12);
        int bins = nFft / 2 + 1;
        double[][] out = new double[nChroma][bins];
        for (int c = 0; c < nChroma; c++) {
            System.arraycopy(w[(c + shift) % nChroma], 0, out[c], 0, bins);
        }
        return out;
    }

    /** DCT-II with orthonormal scaling (scipy's {@code dct(x, type=2, norm="ortho")}), first {@code n} coefficients. */
    public static double[] dctOrtho(double[] x, int n) {
        int len = x.length;
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int i = 0; i < len; i++) {
                s += x[i] * Math.cos(Math.PI * k * (2 * i + 1) / (2.0 * len));
            }
            out[k] = s * Math.sqrt((k == 0 ? 1.0 : 2.0) / len);
        }
        return out;
    }
}
