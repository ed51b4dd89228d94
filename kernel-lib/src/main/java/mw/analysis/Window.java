package mw.analysis;

/**
 * Analysis windows, in their periodic ("DFT-even") form, as scipy's {@code get_window(name, n,
 * fftbins=True)} and therefore librosa use them. Hann is the default everywhere; the rectangular
 * window is offered for comparison only (its side lobes leak at -13 dB).
 */
public enum Window {
    /** Hann: {@code 0.5 - 0.5 cos(2 pi n / N)}. Side lobes -31 dB, 1.5 bins noise bandwidth. */
    HANN,
    /** Hamming: {@code 0.54 - 0.46 cos(2 pi n / N)}. */
    HAMMING,
    /** Blackman: {@code 0.42 - 0.5 cos(2 pi n / N) + 0.08 cos(4 pi n / N)}. */
    BLACKMAN,
    /** Rectangular (no window). Leaks; not used by any default. */
    RECTANGULAR;

    /** The {@code n} coefficients of the periodic window. */
    public double[] coefficients(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double p = 2 * Math.PI * i / n;
            w[i] = switch (this) {
                case HANN -> 0.5 - 0.5 * Math.cos(p);
                case HAMMING -> 0.54 - 0.46 * Math.cos(p);
                case BLACKMAN -> 0.42 - 0.5 * Math.cos(p) + 0.08 * Math.cos(2 * p);
                case RECTANGULAR -> 1.0;
            };
        }
        return w;
    }
}
