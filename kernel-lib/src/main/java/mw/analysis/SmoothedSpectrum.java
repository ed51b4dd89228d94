package mw.analysis;

/**
 * A power spectrum smoothed over a fraction of an octave, at log-spaced frequencies (see
 * {@link Ltas#smoothed}).
 *
 * @param frequenciesHz  log-spaced centre frequencies
 * @param power          mean power spectral density of the bins within the smoothing width of each centre
 * @param widthOctaves   the smoothing width
 */
public record SmoothedSpectrum(double[] frequenciesHz, double[] power, double widthOctaves) {
    /**
     * Fractional-octave smoothing of a power spectrum on a uniform bin grid {@code f} (starting at 0 Hz):
     * {@code points} log-spaced frequencies from {@code fromHz} to {@code toHz}, each the mean power of the
     * bins within ±width/2 octaves (at least the nearest bin). A running sum makes it linear in the number
     * of bins.
     */
    public static SmoothedSpectrum of(double[] f, double[] power, double widthOctaves, double fromHz, double toHz, int points) {
        double[] x = new double[points];
        double[] y = new double[points];
        double df = f[1] - f[0];
        double[] cum = new double[power.length + 1];
        for (int k = 0; k < power.length; k++) {
            cum[k + 1] = cum[k] + power[k];
        }
        double half = Math.pow(2, widthOctaves / 2);
        for (int i = 0; i < points; i++) {
            double fc = fromHz * Math.pow(toHz / fromHz, (double) i / (points - 1));
            int a = (int) Math.ceil(fc / half / df);
            int b = (int) Math.floor(fc * half / df);
            a = Math.max(0, Math.min(power.length - 1, a));
            b = Math.max(a, Math.min(power.length - 1, b));
            x[i] = fc;
            y[i] = (cum[b + 1] - cum[a]) / (b - a + 1);
        }
        return new SmoothedSpectrum(x, y, widthOctaves);
    }
}
