package mw.matching;

import java.util.ArrayList;
import java.util.List;
import mw.processing.Eq;

/**
 * The closest parametric EQ of at most a given number of bands to a gain curve: greedy matching
 * pursuit over a dictionary of real filter shapes (peaks at 1/6-octave steps with Q 0.5 to 2, low
 * shelves 40-400 Hz, high shelves 1.5-14 kHz, each as the {@link Eq} biquad designs them), each step
 * adding the band that removes most squared error on the log-frequency grid, followed by three passes
 * that refit every band's gain with the others fixed. Errors are equally weighted per grid point, so
 * every octave counts the same, as a listener's EQ display shows it.
 *
 * <p>Hand-written because no library offers this: it is a small least-squares search over the
 * workbench's own filter designs, so the bands a person reads are exactly the ones that render.
 */
final class ParametricFit {
    private static final double[] QS = {0.5, 0.7, 1.0, 1.4, 2.0};
    private static final double PROBE_DB = 3;

    private ParametricFit() {
    }

    /** A fitted band with its response on the grid. */
    record Fitted(Eq.Shape shape, double frequencyHz, double gainDb, double q, double[] responseDb) {
    }

    static List<Fitted> fit(double[] hz, double[] curveDb, int sampleRate, int maxBands, double maxBoostDb, double maxCutDb) {
        int n = hz.length;
        List<double[]> shapes = new ArrayList<>();
        List<Object[]> specs = new ArrayList<>();
        double top = Math.min(14_000, 0.42 * sampleRate);
        for (double f = 40; f <= top; f *= Math.pow(2, 1.0 / 6)) {
            for (double q : QS) {
                addCandidate(shapes, specs, hz, sampleRate, Eq.Shape.PEAK, f, q);
            }
        }
        for (double f = 40; f <= 400; f *= Math.pow(2, 1.0 / 6)) {
            addCandidate(shapes, specs, hz, sampleRate, Eq.Shape.LOW_SHELF, f, Eq.BUTTERWORTH_Q);
        }
        for (double f = 1500; f <= top; f *= Math.pow(2, 1.0 / 6)) {
            addCandidate(shapes, specs, hz, sampleRate, Eq.Shape.HIGH_SHELF, f, Eq.BUTTERWORTH_Q);
        }
        double[] r = curveDb.clone();
        List<Fitted> bands = new ArrayList<>();
        for (int step = 0; step < maxBands; step++) {
            double best = 0;
            int bi = -1;
            double bg = 0;
            for (int c = 0; c < shapes.size(); c++) {
                double[] u = shapes.get(c);
                double a = 0;
                double b = 0;
                for (int k = 0; k < n; k++) {
                    a += u[k] * r[k];
                    b += u[k] * u[k];
                }
                double g = clamp(a / b, maxBoostDb, maxCutDb);
                double gain = 2 * g * a - g * g * b;
                if (gain > best) {
                    best = gain;
                    bi = c;
                    bg = g;
                }
            }
            // stop when the best band would lower the RMS error by less than 0.02 dB
            double rms = rms(r);
            if (bi < 0 || Math.abs(bg) < 0.1 || rms - Math.sqrt(Math.max(0, rms * rms - best / n)) < 0.02) {
                break;
            }
            Object[] sp = specs.get(bi);
            Fitted f = band((Eq.Shape) sp[0], (double) sp[1], bg, (double) sp[2], hz, sampleRate);
            subtract(r, f.responseDb);
            bands.add(f);
        }
        for (int pass = 0; pass < 3; pass++) {
            for (int i = 0; i < bands.size(); i++) {
                Fitted f = bands.get(i);
                add(r, f.responseDb);
                double a = 0;
                double b = 0;
                for (int k = 0; k < n; k++) {
                    double u = f.responseDb[k] / f.gainDb;
                    a += u * r[k];
                    b += u * u;
                }
                double g = clamp(a / b, maxBoostDb, maxCutDb);
                Fitted nf = Math.abs(g) < 0.05 ? f : band(f.shape, f.frequencyHz, g, f.q, hz, sampleRate);
                subtract(r, nf.responseDb);
                bands.set(i, nf);
            }
        }
        bands.removeIf(b -> Math.abs(b.gainDb) < 0.1);
        bands.sort((x, y) -> Double.compare(x.frequencyHz, y.frequencyHz));
        return bands;
    }

    private static void addCandidate(List<double[]> shapes, List<Object[]> specs, double[] hz, int sampleRate,
                                     Eq.Shape shape, double f, double q) {
        double[] resp = Eq.of(shape, f, PROBE_DB, q, 12).response(sampleRate, hz).magnitudeDb();
        for (int k = 0; k < resp.length; k++) {
            resp[k] /= PROBE_DB;
        }
        shapes.add(resp);
        specs.add(new Object[] {shape, f, q});
    }

    private static Fitted band(Eq.Shape shape, double f, double g, double q, double[] hz, int sampleRate) {
        double[] resp = Eq.of(shape, f, g, q, 12).response(sampleRate, hz).magnitudeDb();
        return new Fitted(shape, f, g, q, resp);
    }

    /** The summed response of bands on the grid. */
    static double[] response(List<Fitted> bands, int n) {
        double[] s = new double[n];
        for (Fitted f : bands) {
            add(s, f.responseDb);
        }
        return s;
    }

    private static double clamp(double g, double maxBoost, double maxCut) {
        return Math.max(-maxCut, Math.min(maxBoost, g));
    }

    private static void subtract(double[] r, double[] x) {
        for (int k = 0; k < r.length; k++) {
            r[k] -= x[k];
        }
    }

    private static void add(double[] r, double[] x) {
        for (int k = 0; k < r.length; k++) {
            r[k] += x[k];
        }
    }

    static double rms(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s / x.length);
    }
}
