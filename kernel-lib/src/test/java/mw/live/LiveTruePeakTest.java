package mw.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The live true-peak meter reads a sine's amplitude, known analytically, wherever its crests fall between samples. */
class LiveTruePeakTest {
    private static final int FS = 48_000;

    /** The meter's reading in dB relative to the amplitude, for a stereo sine fed in blocks of {@code block} frames. */
    private static double readingDb(double hz, double phase, int block) {
        double amp = 0.5;
        LiveTruePeak m = new LiveTruePeak(2, block);
        double[][] x = new double[2][block];
        double[] peaks = new double[2];
        double samplePeak = 0;
        for (int b = 0; b < 12_000 / block; b++) {
            for (int i = 0; i < block; i++) {
                long n = (long) b * block + i;
                // a smooth fade-in over the first 4800 frames, so the onset adds no overshoot of its own
                double fade = n < 4800 ? 0.5 - 0.5 * Math.cos(Math.PI * n / 4800) : 1;
                x[0][i] = fade * amp * Math.sin(2 * Math.PI * hz * n / FS + phase);
                x[1][i] = 0.5 * x[0][i];
            }
            for (int c = 0; c < 2; c++) {
                double p = 0;
                for (int i = 0; i < block; i++) {
                    p = Math.max(p, Math.abs(x[c][i]));
                }
                peaks[c] = p;
                samplePeak = Math.max(samplePeak, p);
            }
            m.add(x, block, peaks);
        }
        return 20 * Math.log10(Math.max(samplePeak, m.held()) / amp);
    }

    @Test
    void readsSineAmplitudesUpTo18kHzWithin005Db() {
        SplittableRandom rng = new SplittableRandom(3);
        for (double hz : new double[] {997, 3000, 5000, 10_000, 15_000, 18_000}) {
            for (int k = 0; k < 8; k++) {
                double phase = rng.nextDouble(0, 2 * Math.PI);
                int block = k % 2 == 0 ? 128 : 37;
                assertEquals(0, readingDb(hz, phase, block), 0.05, hz + " Hz, phase " + phase);
            }
        }
    }

    @Test
    void staysWithinTheTech3341ToleranceAt20kHz() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int k = 0; k < 8; k++) {
            double phase = rng.nextDouble(0, 2 * Math.PI);
            double db = readingDb(20_000, phase, 128);
            assertTrue(db <= 0.2 && db >= -0.4, "20 kHz, phase " + phase + ": " + db + " dB");
        }
    }

    /** A crest a quarter sample away from the samples (fs/4 at 45 degrees, Tech 3341 case 20's shape) reads its full height. */
    @Test
    void findsAQuarterRateCrestBetweenSamples() {
        double db = readingDb(FS / 4.0, Math.PI / 4, 128);
        // the samples sit 3 dB under the crest
        assertEquals(0, db, 0.05);
    }
}
