package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

/** Sample-rate conversion against analytically generated tones at the target rate. */
class ResampleTest {
    static double maxErrorDb(double[] y, int fs, double hz, double amp, double phase) {
        double e = 0;
        for (int i = y.length / 4; i < 3 * y.length / 4; i++) {
            e = Math.max(e, Math.abs(y[i] - amp * Math.sin(2 * Math.PI * hz * i / fs + phase)));
        }
        return 20 * Math.log10(e / amp);
    }

    @Test
    void passbandTonesArriveWithTheRightLevelAndTime() {
        int[][] pairs = {{44_100, 48_000}, {48_000, 44_100}, {96_000, 44_100}, {44_100, 88_200}};
        for (int[] pr : pairs) {
            double fmin = Math.min(pr[0], pr[1]);
            for (double hz : new double[] {100, 1000, 10_000, 0.44 * fmin}) {
                double[] x = Signals.sine(pr[0], hz, 0.5, pr[0] / 5);
                AudioBuffer y = Resample.to(AudioBuffer.of(pr[0], x), pr[1]);
                assertEquals(pr[1], y.sampleRate());
                assertEquals((int) Math.ceil(x.length * (double) pr[1] / pr[0]), y.frames());
                // the ideal tone at the new rate: 0.01 dB ripple allows an error of 0.12 % (-58 dB)
                double err = maxErrorDb(y.channel(0), pr[1], hz, 0.5, 0);
                assertTrue(err < -58, pr[0] + " -> " + pr[1] + " at " + hz + " Hz: error " + err + " dB");
            }
        }
    }

    @Test
    void stopbandIsRemoved() {
        // 23 kHz at 48 kHz is above the 22.05 kHz Nyquist of 44.1 kHz: it must not fold back
        double[] x = Signals.sine(48_000, 23_000, 1.0, 48_000);
        double[] y = Resample.to(AudioBuffer.of(48_000, x), 44_100).channel(0);
        double p = 0;
        for (int i = y.length / 4; i < 3 * y.length / 4; i++) {
            p = Math.max(p, Math.abs(y[i]));
        }
        assertTrue(20 * Math.log10(p) < -95, "alias at " + 20 * Math.log10(p) + " dBFS");
    }
}
