package mw.analysis;

import java.util.Random;

/** Analytic test signals, all seeded. */
final class TestSignals {
    private TestSignals() {
    }

    static double[] sine(double hz, double amplitude, int sampleRate, double seconds) {
        int n = (int) Math.round(seconds * sampleRate);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate);
        }
        return x;
    }

    static double[] white(double rms, int sampleRate, double seconds, long seed) {
        Random r = new Random(seed);
        int n = (int) Math.round(seconds * sampleRate);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rms * r.nextGaussian();
        }
        return x;
    }

    /**
     * Pink noise by Paul Kellett's "refined" filter (a sum of six first-order low-passes plus the
     * input), published on the music-dsp mailing list (1999): within +-0.05 dB of a -3 dB/octave slope
     * above 9.2 Hz at 44.1 kHz.
     */
    static double[] pink(int sampleRate, double seconds, long seed) {
        Random r = new Random(seed);
        int n = (int) Math.round(seconds * sampleRate);
        double[] x = new double[n];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < n; i++) {
            double w = r.nextGaussian() * 0.05;
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            x[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
            b6 = w * 0.115926;
        }
        return x;
    }

    static double[] add(double[] a, double[] b) {
        double[] out = new double[Math.min(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    static double[] scale(double[] a, double g) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= g;
        }
        return out;
    }
}
