package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import org.junit.jupiter.api.Test;

/**
 * The limiter's output true peak, measured independently by ideal band-limited interpolation (a
 * zero-padded FFT to 16x the rate, refined with a parabola at the maximum), never exceeds the ceiling.
 */
class LimiterTest {
    static final int FACTOR = 16;

    static AudioBuffer stereo(int fs, double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = -0.8 * x[i];
        }
        return AudioBuffer.of(fs, ChannelLayout.STEREO, x, r);
    }

    static void assertUnderCeiling(AudioBuffer in, double ceiling, String what) {
        AudioBuffer out = Limiter.truePeak(ceiling).process(in);
        double tp = Signals.truePeakDb(out, FACTOR);
        assertTrue(tp <= ceiling, what + ": true peak " + tp + " dBTP above the ceiling " + ceiling);
        assertTrue(tp > ceiling - 0.3, what + ": limited too much, " + tp);
    }

    @Test
    void fullScaleSineBurstsAtQuarterRateAndNearNyquist() {
        for (int fs : new int[] {44_100, 48_000}) {
            for (double hz : new double[] {fs / 4.0, 0.45 * fs, 997, 11_025.5, 0.3 * fs}) {
                for (double amp : new double[] {1.0, 2.0}) {
                    double[] x = Signals.burst(fs, hz, amp, fs / 5, fs / 100, fs / 20);
                    assertUnderCeiling(stereo(fs, x), -1.0, fs + " Hz rate, " + hz + " Hz burst x" + amp);
                }
            }
        }
    }

    @Test
    void musicLikeSignalsDrivenHard() {
        for (double drive : new double[] {0, 6, 12}) {
            assertUnderCeiling(Signals.musicLike(44_100, 1.0, 11, drive), -1.0, "music +" + drive + " dB");
            assertUnderCeiling(Signals.musicLike(48_000, 1.0, 12, drive), -0.1, "music 48k +" + drive + " dB");
        }
    }

    @Test
    void quietSignalPassesBitExactAndLatencyIsCompensated() {
        AudioBuffer in = Signals.musicLike(44_100, 0.5, 2, -20);
        assertEquals(in, Limiter.truePeak(-1).process(in));
        Limiter l = Limiter.truePeak(-1);
        AudioBuffer loud = Signals.musicLike(44_100, 0.5, 2, 6);
        assertEquals(l.process(loud), Signals.renderInBlocks(l, loud, 1, 100, 4096, 7));
    }
}
