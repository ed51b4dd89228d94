package mw.analysis;

import java.util.Arrays;

/**
 * Autoregressive (AR, all-pole) models of short audio segments: estimation, prediction error and
 * least-squares interpolation of missing samples.
 *
 * <p>A model of order {@code p} is held as its prediction-error filter {@code a[0..p]} with
 * {@code a[0] = 1}: the error of sample {@code n} is {@code e[n] = sum_k a[k] x[n-k]}. Interpolation
 * is the least-squares AR method (LSAR) of Godsill &amp; Rayner, <i>Digital Audio Restoration</i>
 * (Springer 1998), ch. 5: the unknown samples are those that minimise the energy of the prediction
 * error over the segment, which is a banded symmetric positive-definite system solved here by banded
 * Cholesky in {@code O(m p^2)} for {@code m} unknowns. Written here because no Java library offers
 * LPC or LSAR; commons-math's dense solvers would cost {@code O(m^3)} on the long runs of declipping.
 */
public final class Ar {
    private Ar() {
    }

    /**
     * Fits an AR model to {@code x[from, to)} by the autocorrelation method (Hann-weighted segment,
     * Levinson-Durbin recursion), which always gives a stable filter.
     *
     * @return {@code a[0..order]} with {@code a[0] = 1}
     */
    public static double[] fit(double[] x, int from, int to, int order) {
        int n = to - from;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = x[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n));
        }
        double[] r = new double[order + 1];
        for (int lag = 0; lag <= order; lag++) {
            double s = 0;
            for (int i = lag; i < n; i++) {
                s += w[i] * w[i - lag];
            }
            r[lag] = s;
        }
        return levinson(r, order);
    }

    /**
     * Levinson-Durbin recursion on autocorrelations {@code r[0..order]}, with a white-noise correction
     * of 1e-9 of {@code r[0]} so that silent or perfectly predictable segments stay well-conditioned.
     */
    static double[] levinson(double[] r, int order) {
        double[] a = new double[order + 1];
        a[0] = 1;
        double err = r[0] * (1 + 1e-9) + 1e-300;
        if (r[0] <= 0) {
            return a;
        }
        double[] tmp = new double[order + 1];
        for (int i = 1; i <= order; i++) {
            double acc = r[i];
            for (int j = 1; j < i; j++) {
                acc += a[j] * r[i - j];
            }
            double k = -acc / err;
            System.arraycopy(a, 0, tmp, 0, i);
            for (int j = 1; j < i; j++) {
                a[j] = tmp[j] + k * tmp[i - j];
            }
            a[i] = k;
            err *= 1 - k * k;
            if (err <= 0) {
                break;
            }
        }
        return a;
    }

    /**
     * Fits an AR model by the covariance method using only the prediction rows whose {@code order + 1}
     * samples are all reliable (for declipping, where clipped samples must not bias the model). Falls
     * back to {@link #fit} on the whole segment when fewer than {@code 2 * order} rows are usable.
     */
    public static double[] fitReliable(double[] x, int from, int to, boolean[] unreliable, int order) {
        int p = order;
        double[][] m = new double[p][p];
        double[] v = new double[p];
        int rows = 0;
        int bad = 0;
        // count of unreliable samples in the sliding window [n-p, n]
        for (int i = from; i < Math.min(to, from + p); i++) {
            if (unreliable[i]) {
                bad++;
            }
        }
        for (int n = from + p; n < to; n++) {
            if (unreliable[n]) {
                bad++;
            }
            if (n - p - 1 >= from && unreliable[n - p - 1]) {
                bad--;
            }
            if (bad > 0) {
                continue;
            }
            rows++;
            // x[n] = -sum_{k=1..p} a_k x[n-k]  ->  normal equations  M a = -v
            for (int i = 0; i < p; i++) {
                double xi = x[n - 1 - i];
                v[i] += xi * x[n];
                for (int j = 0; j <= i; j++) {
                    m[i][j] += xi * x[n - 1 - j];
                }
            }
        }
        if (rows < 2 * p) {
            return fit(x, from, to, order);
        }
        double trace = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                m[j][i] = m[i][j];
            }
            trace += m[i][i];
        }
        double reg = trace / p * 1e-6 + 1e-300;
        for (int i = 0; i < p; i++) {
            m[i][i] += reg;
            v[i] = -v[i];
        }
        double[] sol = choleskySolve(m, v);
        double[] a = new double[p + 1];
        a[0] = 1;
        if (sol == null) {
            return fit(x, from, to, order);
        }
        System.arraycopy(sol, 0, a, 1, p);
        return a;
    }

    private static double[] choleskySolve(double[][] m, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = m[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (s <= 0) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * y[k];
            }
            y[i] = s / l[i][i];
        }
        return y;
    }

    /** Forward prediction error {@code e[n] = sum_k a[k] x[n-k]} for {@code n} in {@code [from + p, to)}; 0 elsewhere. */
    public static double[] forwardError(double[] x, int from, int to, double[] a) {
        int p = a.length - 1;
        double[] e = new double[x.length];
        for (int n = from + p; n < to; n++) {
            double s = 0;
            for (int k = 0; k <= p; k++) {
                s += a[k] * x[n - k];
            }
            e[n] = s;
        }
        return e;
    }

    /** Backward prediction error {@code e[n] = sum_k a[k] x[n+k]} for {@code n} in {@code [from, to - p)}; 0 elsewhere. */
    public static double[] backwardError(double[] x, int from, int to, double[] a) {
        int p = a.length - 1;
        double[] e = new double[x.length];
        for (int n = from; n < to - p; n++) {
            double s = 0;
            for (int k = 0; k <= p; k++) {
                s += a[k] * x[n + k];
            }
            e[n] = s;
        }
        return e;
    }

    /**
     * Replaces {@code x[t]} for every index in {@code unknown} (sorted, each at least {@code p} samples
     * inside {@code [from, to)}) by the least-squares AR interpolate: the values that minimise
     * {@code sum_n e[n]^2} over the rows {@code n} that touch an unknown sample.
     */
    public static void interpolate(double[] x, double[] a, int[] unknown, int count) {
        int p = a.length - 1;
        int m = count;
        if (m == 0) {
            return;
        }
        // c[d] = sum_k a[k] a[k+d]: the Gram matrix entry of two unknowns d samples apart
        double[] c = new double[p + 1];
        for (int d = 0; d <= p; d++) {
            double s = 0;
            for (int k = 0; k + d <= p; k++) {
                s += a[k] * a[k + d];
            }
            c[d] = s;
        }
        double saved[] = new double[m];
        for (int i = 0; i < m; i++) {
            saved[i] = x[unknown[i]];
            x[unknown[i]] = 0;
        }
        // right-hand side: b_i = -sum_{n=t_i}^{t_i+p} a[n-t_i] ek[n], ek = error with unknowns zeroed
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            int t = unknown[i];
            double s = 0;
            for (int n = t; n <= t + p; n++) {
                double e = 0;
                for (int k = 0; k <= p; k++) {
                    e += a[k] * x[n - k];
                }
                s += a[n - t] * e;
            }
            b[i] = -s;
        }
        // banded Cholesky: L[i][j] stored at l[i][j - i + p] for i - p <= j <= i
        int bw = p;
        double[] l = new double[m * (bw + 1)];
        double reg = c[0] * 1e-10 + 1e-300;
        for (int i = 0; i < m; i++) {
            int j0 = Math.max(0, i - bw);
            for (int j = j0; j <= i; j++) {
                int d = unknown[i] - unknown[j];
                double s = d <= p ? c[d] : 0;
                if (i == j) {
                    s += reg;
                }
                int k0 = Math.max(j0, j - bw);
                for (int k = k0; k < j; k++) {
                    s -= l[i * (bw + 1) + (k - i + bw)] * l[j * (bw + 1) + (k - j + bw)];
                }
                if (i == j) {
                    if (s <= 0) {
                        // numerically singular: keep the input samples
                        for (int q = 0; q < m; q++) {
                            x[unknown[q]] = saved[q];
                        }
                        return;
                    }
                    l[i * (bw + 1) + bw] = Math.sqrt(s);
                } else {
                    l[i * (bw + 1) + (j - i + bw)] = s / l[j * (bw + 1) + bw];
                }
            }
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = b[i];
            for (int k = Math.max(0, i - bw); k < i; k++) {
                s -= l[i * (bw + 1) + (k - i + bw)] * y[k];
            }
            y[i] = s / l[i * (bw + 1) + bw];
        }
        for (int i = m - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < Math.min(m, i + bw + 1); k++) {
                s -= l[k * (bw + 1) + (i - k + bw)] * y[k];
            }
            y[i] = s / l[i * (bw + 1) + bw];
        }
        for (int i = 0; i < m; i++) {
            x[unknown[i]] = y[i];
        }
    }

    /** Median of {@code |e[from, to)|} times 1.4826: a robust estimate of the error's standard deviation. */
    public static double robustSigma(double[] e, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.abs(e[from + i]);
        }
        Arrays.sort(v);
        double med = n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
        return 1.4826 * med;
    }
}
