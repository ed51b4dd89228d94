package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import mw.audio.AudioBuffer;
import mw.loudness.Loudness;
import org.junit.jupiter.api.Test;

/** The prediction of loudness after the limiter, checked against the real limiter rendered and metered. */
class LimitedLoudnessTest {
    /** 8 s of stereo drums-like material: decaying noise bursts every 0.25 s over a quieter bass tone. */
    static AudioBuffer programme() {
        int sr = 44_100;
        int n = 8 * sr;
        double[][] x = new double[2][n];
        Random r = new Random(7);
        for (int i = 0; i < n; i++) {
            double t = (double) i / sr;
            double burst = Math.exp(-((i % (sr / 4)) / (0.03 * sr)));
            double bass = 0.2 * Math.sin(2 * Math.PI * 55 * t);
            x[0][i] = bass + 0.5 * burst * r.nextGaussian() * 0.5;
            x[1][i] = bass + 0.5 * burst * r.nextGaussian() * 0.5;
        }
        return AudioBuffer.of(sr, x);
    }

    @Test
    void predictsTheLimitedLoudnessAtEveryGain() {
        AudioBuffer a = programme();
        float[][] f = new float[2][a.frames()];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < a.frames(); i++) {
                f[c][i] = (float) a.sample(c, i);
            }
        }
        double unlimited = Loudness.of(a).integratedLufs();
        Limiter limiter = Limiter.truePeak(-1);
        LimitedLoudness ll = LimitedLoudness.of(f, a.frames(), a.sampleRate(), limiter, unlimited + 12, 4);
        assertEquals(unlimited, ll.unlimitedLufs(), 0.02, "without limiting it is the meter's reading");
        for (double g : new double[] {0, 4, 8, 12, 15}) {
            AudioBuffer out = Chain.of(Gain.db(g), Limiter.truePeak(-1)).process(a);
            double real = Loudness.of(out).integratedLufs();
            LimitedLoudness.Trial p = ll.at(g);
            assertEquals(real, p.lufs(), 0.05, "gain " + g + " dB");
            if (g >= 8) {
                assertTrue(p.maxReductionDb() > 1, "the limiter works at " + g + " dB: " + p.maxReductionDb());
            }
        }
    }
}
