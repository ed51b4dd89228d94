package mw.live;

import java.util.SplittableRandom;
import mw.audio.AudioBuffer;
import mw.processing.Eq;

/** Test signals and the independent measures of the live engine's tests. */
final class LiveSignals {
    static final int FS = 48_000;

    private LiveSignals() {
    }

    /** A stereo sine, the right channel a little quieter and later so that width has something to act on. */
    static AudioBuffer sine(double hz, double amplitude, double seconds) {
        int n = (int) Math.round(seconds * FS);
        double[] l = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = amplitude * Math.sin(2 * Math.PI * hz * i / FS);
            r[i] = 0.7 * amplitude * Math.sin(2 * Math.PI * hz * i / FS + 0.8);
        }
        return AudioBuffer.of(FS, l, r);
    }

    /** Stereo noise (partly correlated), seeded, low-passed at {@code bandHz} with a 48 dB/octave Butterworth. */
    static AudioBuffer noise(double bandHz, double rms, double seconds, long seed) {
        int n = (int) Math.round(seconds * FS);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] l = new double[n];
        double[] r = new double[n];
        double a = rms * Math.sqrt(3);
        for (int i = 0; i < n; i++) {
            double common = rng.nextDouble(-a, a);
            l[i] = 0.7 * common + 0.5 * rng.nextDouble(-a, a);
            r[i] = 0.7 * common + 0.5 * rng.nextDouble(-a, a);
        }
        return Eq.lowPass(bandHz, 48).process(AudioBuffer.of(FS, l, r));
    }

    /**
     * Energy (dB) in consecutive windows of {@code windowSeconds} of the signal after a 48 dB/octave
     * Butterworth high-pass at {@code cutoffHz}: what a change adds above the input's band.
     */
    static double[] energyAbove(AudioBuffer audio, double cutoffHz, double windowSeconds) {
        AudioBuffer hp = Eq.highPass(cutoffHz, 48).process(audio);
        int w = (int) Math.round(windowSeconds * audio.sampleRate());
        int k = audio.frames() / w;
        double[] e = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int c = 0; c < hp.channels(); c++) {
                double[] x = hp.channel(c);
                for (int i = j * w; i < (j + 1) * w; i++) {
                    s += x[i] * x[i];
                }
            }
            e[j] = 10 * Math.log10(s / w + 1e-30);
        }
        return e;
    }

    static double max(double[] x, int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = Math.max(0, from); i < Math.min(x.length, to); i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    /** Two very different states: dark, dense and narrow against bright, open and wide. */
    static LiveStates contrasting() {
        return LiveStates.parse("""
                [{"presetName": "Calm_Dark", "compressionThreshold": -40, "compressionRatio": 8, "limiterCeiling": -6,
                  "eqLowGain": 6, "eqMidGain": -4, "eqHighGain": -9, "stereoWidth": 0.3, "output.gainDb": -3,
                  "eq.midFrequencyHz": 400, "compressor.attackMs": 10},
                 {"presetName": "Boss_Bright", "compressionThreshold": -8, "compressionRatio": 1.5, "limiterCeiling": -0.3,
                  "eqLowGain": -6, "eqMidGain": 5, "eqHighGain": 8, "stereoWidth": 1.8, "output.gainDb": 2,
                  "eq.midFrequencyHz": 2500, "compressor.attackMs": 30}]
                """);
    }
}
