package mw.processing;

/**
 * An in-place complex FFT of one power-of-two size in double precision: iterative radix-2
 * decimation in time, two stages per pass over the data, with the bit-reversal permutation and the
 * twiddle factors computed once (each twiddle from its own angle, so rounding does not accumulate
 * along the table).
 *
 * <p>For fast convolution, {@link #forwardScrambled} (decimation in frequency) leaves the spectrum in
 * bit-reversed order and {@link #inverseFromScrambled} takes it back from that order, so neither runs
 * the permutation; the product with the other spectrum does not care about the order.
 *
 * <p>Forward: {@code X[k] = sum x[n] e^{-2 pi i n k / N}}; inverse: the conjugate kernel divided
 * by {@code N}, so inverse(forward(x)) is x to rounding (about 1e-15 relative).
 *
 * <p>Kept here rather than calling Commons Math's {@code FastFourierTransformer.transformInPlace}, which
 * recomputes the bit-reversal shuffle and walks its twiddles by recurrence on every call: the FIR stage
 * runs many thousands of transforms of one size per file, so the permutation and the twiddle table are
 * worth computing once per size (measured in {@code docs/benchmarks.md}, matching section).
 */
final class ComplexFft {
    private final int n;
    private final int[] swapA;
    private final int[] swapB;
    private final double[] cos;
    private final double[] sin;
    // twiddles of the scrambled pair, per two-stage pass, six per butterfly in the order they are used
    private double[][] difTwiddles;
    private double[][] ditTwiddles;

    ComplexFft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two, got " + n);
        }
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        int pairs = 0;
        int[] a = new int[n / 2];
        int[] b = new int[n / 2];
        for (int i = 0; i < n; i++) {
            int j = Integer.reverse(i) >>> (32 - bits);
            if (j > i) {
                a[pairs] = i;
                b[pairs] = j;
                pairs++;
            }
        }
        swapA = java.util.Arrays.copyOf(a, pairs);
        swapB = java.util.Arrays.copyOf(b, pairs);
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            double t = 2 * Math.PI * k / n;
            cos[k] = Math.cos(t);
            sin[k] = Math.sin(t);
        }
    }

    int size() {
        return n;
    }

    /** Forward transform of (re, im) in place. */
    void forward(double[] re, double[] im) {
        transform(re, im, -1);
    }

    /** Inverse transform of (re, im) in place, scaled by 1 / N. */
    void inverse(double[] re, double[] im) {
        transform(re, im, 1);
        double s = 1.0 / n;
        for (int i = 0; i < n; i++) {
            re[i] *= s;
            im[i] *= s;
        }
    }

    /**
     * Forward transform of (re, im) in place, natural order in, bit-reversed order out (decimation in
     * frequency, no permutation): for fast convolution, where the spectrum is only multiplied by another
     * in the same order and {@link #inverseFromScrambled} takes it back.
     */
    void forwardScrambled(double[] re, double[] im) {
        if (difTwiddles == null) {
            twiddleTables();
        }
        int len = n;
        for (int level = 0; len >= 4; len >>= 2, level++) {
            double[] tw = difTwiddles[level];
            int half = len >> 1;
            int quarter = len >> 2;
            for (int i = 0; i < n; i += len) {
                for (int k = 0, t = 0; k < quarter; k++, t += 6) {
                    int a0 = i + k;
                    int a1 = a0 + quarter;
                    int a2 = a0 + half;
                    int a3 = a1 + half;
                    // stage of size len: (a0, a2) with twiddle k, (a1, a3) with twiddle k + quarter
                    double x0r = re[a0];
                    double x0i = im[a0];
                    double x1r = re[a1];
                    double x1i = im[a1];
                    double x2r = re[a2];
                    double x2i = im[a2];
                    double x3r = re[a3];
                    double x3i = im[a3];
                    double y0r = x0r + x2r;
                    double y0i = x0i + x2i;
                    double dr = x0r - x2r;
                    double di = x0i - x2i;
                    double wr = tw[t];
                    double wi = tw[t + 1];
                    double y2r = dr * wr - di * wi;
                    double y2i = dr * wi + di * wr;
                    double y1r = x1r + x3r;
                    double y1i = x1i + x3i;
                    dr = x1r - x3r;
                    di = x1i - x3i;
                    wr = tw[t + 2];
                    wi = tw[t + 3];
                    double y3r = dr * wr - di * wi;
                    double y3i = dr * wi + di * wr;
                    // stage of size len / 2: (a0, a1) and (a2, a3), twiddle k
                    wr = tw[t + 4];
                    wi = tw[t + 5];
                    re[a0] = y0r + y1r;
                    im[a0] = y0i + y1i;
                    dr = y0r - y1r;
                    di = y0i - y1i;
                    re[a1] = dr * wr - di * wi;
                    im[a1] = dr * wi + di * wr;
                    re[a2] = y2r + y3r;
                    im[a2] = y2i + y3i;
                    dr = y2r - y3r;
                    di = y2i - y3i;
                    re[a3] = dr * wr - di * wi;
                    im[a3] = dr * wi + di * wr;
                }
            }
        }
        if (len == 2) {
            for (int i = 0; i < n; i += 2) {
                double ar = re[i];
                double ai = im[i];
                re[i] = ar + re[i + 1];
                im[i] = ai + im[i + 1];
                re[i + 1] = ar - re[i + 1];
                im[i + 1] = ai - im[i + 1];
            }
        }
    }

    /** The twiddles of the scrambled pair laid out in the order the passes read them. */
    private void twiddleTables() {
        java.util.List<double[]> dif = new java.util.ArrayList<>();
        for (int len = n; len >= 4; len >>= 2) {
            int quarter = len >> 2;
            int step1 = n / len;
            double[] tw = new double[6 * quarter];
            for (int k = 0; k < quarter; k++) {
                tw[6 * k] = cos[k * step1];
                tw[6 * k + 1] = -sin[k * step1];
                tw[6 * k + 2] = cos[(k + quarter) * step1];
                tw[6 * k + 3] = -sin[(k + quarter) * step1];
                tw[6 * k + 4] = cos[k * 2 * step1];
                tw[6 * k + 5] = -sin[k * 2 * step1];
            }
            dif.add(tw);
        }
        java.util.List<double[]> dit = new java.util.ArrayList<>();
        for (int len = 4; 2 * len <= n; len <<= 2) {
            int half = len >> 1;
            int step1 = n / len;
            int step2 = step1 >> 1;
            double[] tw = new double[6 * half];
            for (int k = 0; k < half; k++) {
                tw[6 * k] = cos[k * step1];
                tw[6 * k + 1] = sin[k * step1];
                tw[6 * k + 2] = cos[k * step2];
                tw[6 * k + 3] = sin[k * step2];
                tw[6 * k + 4] = cos[(k + half) * step2];
                tw[6 * k + 5] = sin[(k + half) * step2];
            }
            dit.add(tw);
        }
        ditTwiddles = dit.toArray(new double[0][]);
        difTwiddles = dif.toArray(new double[0][]);
    }

    /**
     * Inverse transform of a spectrum in bit-reversed order (as {@link #forwardScrambled} leaves it) into
     * natural order, in place, NOT scaled by 1 / N (fold the scale into the other factor of the product).
     */
    void inverseFromScrambled(double[] re, double[] im) {
        if (ditTwiddles == null) {
            twiddleTables();
        }
        for (int i = 0; i < n; i += 2) {
            double ar = re[i];
            double ai = im[i];
            double br = re[i + 1];
            double bi = im[i + 1];
            re[i] = ar + br;
            im[i] = ai + bi;
            re[i + 1] = ar - br;
            im[i + 1] = ai - bi;
        }
        int len = 4;
        for (int level = 0; 2 * len <= n; len <<= 2, level++) {
            double[] tw = ditTwiddles[level];
            int half = len >> 1;
            for (int i = 0; i < n; i += 2 * len) {
                for (int k = 0, t = 0; k < half; k++, t += 6) {
                    int a0 = i + k;
                    int a1 = a0 + half;
                    int a2 = a0 + len;
                    int a3 = a2 + half;
                    double x0r = re[a0];
                    double x0i = im[a0];
                    double x1r = re[a1];
                    double x1i = im[a1];
                    double x2r = re[a2];
                    double x2i = im[a2];
                    double x3r = re[a3];
                    double x3i = im[a3];
                    double wr = tw[t];
                    double wi = tw[t + 1];
                    double xr = x1r * wr - x1i * wi;
                    double xi = x1r * wi + x1i * wr;
                    double y1r = x0r - xr;
                    double y1i = x0i - xi;
                    double y0r = x0r + xr;
                    double y0i = x0i + xi;
                    xr = x3r * wr - x3i * wi;
                    xi = x3r * wi + x3i * wr;
                    double y3r = x2r - xr;
                    double y3i = x2i - xi;
                    double y2r = x2r + xr;
                    double y2i = x2i + xi;
                    wr = tw[t + 2];
                    wi = tw[t + 3];
                    xr = y2r * wr - y2i * wi;
                    xi = y2r * wi + y2i * wr;
                    re[a2] = y0r - xr;
                    im[a2] = y0i - xi;
                    re[a0] = y0r + xr;
                    im[a0] = y0i + xi;
                    wr = tw[t + 4];
                    wi = tw[t + 5];
                    xr = y3r * wr - y3i * wi;
                    xi = y3r * wi + y3i * wr;
                    re[a3] = y1r - xr;
                    im[a3] = y1i - xi;
                    re[a1] = y1r + xr;
                    im[a1] = y1i + xi;
                }
            }
        }
        if (len == n) {
            int half = n >> 1;
            for (int k = 0; k < half; k++) {
                double wr = cos[k];
                double wi = sin[k];
                int b = k + half;
                double xr = re[b] * wr - im[b] * wi;
                double xi = re[b] * wi + im[b] * wr;
                re[b] = re[k] - xr;
                im[b] = im[k] - xi;
                re[k] += xr;
                im[k] += xi;
            }
        }
    }

    /** Puts (re, im) into bit-reversed order (its own inverse). */
    void scramble(double[] re, double[] im) {
        permute(re, im);
    }

    private void transform(double[] re, double[] im, int sign) {
        permute(re, im);
        stages(re, im, sign);
    }

    private void permute(double[] re, double[] im) {
        for (int p = 0; p < swapA.length; p++) {
            int i = swapA[p];
            int j = swapB[p];
            double t = re[i];
            re[i] = re[j];
            re[j] = t;
            t = im[i];
            im[i] = im[j];
            im[j] = t;
        }
    }

    /** The decimation-in-time butterflies, input in bit-reversed order. */
    private void stages(double[] re, double[] im, int sign) {
        // size-2 butterflies
        for (int i = 0; i < n; i += 2) {
            double ar = re[i];
            double ai = im[i];
            double br = re[i + 1];
            double bi = im[i + 1];
            re[i] = ar + br;
            im[i] = ai + bi;
            re[i + 1] = ar - br;
            im[i + 1] = ai - bi;
        }
        int len = 4;
        // two radix-2 stages at a time (sizes len and 2 len) in one pass over the data: each element goes
        // through the same butterflies with the same twiddles as stage by stage, with half the passes
        for (; 2 * len <= n; len <<= 2) {
            int half = len >> 1;
            int step1 = n / len;
            int step2 = step1 >> 1;
            for (int i = 0; i < n; i += 2 * len) {
                for (int k = 0; k < half; k++) {
                    int a0 = i + k;
                    int a1 = a0 + half;
                    int a2 = a0 + len;
                    int a3 = a2 + half;
                    // stage of size len: (a0, a1) and (a2, a3), twiddle k
                    double wr = cos[k * step1];
                    double wi = sign * sin[k * step1];
                    double xr = re[a1] * wr - im[a1] * wi;
                    double xi = re[a1] * wi + im[a1] * wr;
                    double y1r = re[a0] - xr;
                    double y1i = im[a0] - xi;
                    double y0r = re[a0] + xr;
                    double y0i = im[a0] + xi;
                    xr = re[a3] * wr - im[a3] * wi;
                    xi = re[a3] * wi + im[a3] * wr;
                    double y3r = re[a2] - xr;
                    double y3i = im[a2] - xi;
                    double y2r = re[a2] + xr;
                    double y2i = im[a2] + xi;
                    // stage of size 2 len: (a0, a2) with twiddle k, (a1, a3) with twiddle k + half
                    wr = cos[k * step2];
                    wi = sign * sin[k * step2];
                    xr = y2r * wr - y2i * wi;
                    xi = y2r * wi + y2i * wr;
                    re[a2] = y0r - xr;
                    im[a2] = y0i - xi;
                    re[a0] = y0r + xr;
                    im[a0] = y0i + xi;
                    wr = cos[(k + half) * step2];
                    wi = sign * sin[(k + half) * step2];
                    xr = y3r * wr - y3i * wi;
                    xi = y3r * wi + y3i * wr;
                    re[a3] = y1r - xr;
                    im[a3] = y1i - xi;
                    re[a1] = y1r + xr;
                    im[a1] = y1i + xi;
                }
            }
        }
        for (; len <= n; len <<= 1) {
            int half = len >> 1;
            int step = n / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0, t = 0; k < half; k++, t += step) {
                    double wr = cos[t];
                    double wi = sign * sin[t];
                    int a = i + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
