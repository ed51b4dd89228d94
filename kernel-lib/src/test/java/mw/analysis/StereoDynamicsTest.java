package mw.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.loudness.LoudnessReport;
import org.junit.jupiter.api.Test;

class StereoDynamicsTest {
    static final int SR = 44100;

    @Test
    void polarityInvertedChannelGivesMinusOneAndInfiniteMonoLoss() {
        double[] x = TestSignals.pink(SR, 3, 1);
        StereoReport s = StereoImage.of(AudioBuffer.of(SR, x, TestSignals.scale(x, -1)));
        assertEquals(-1, s.correlation(), 1e-12);
        assertEquals(-1, s.minCorrelation(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, s.monoLossDb());
        assertEquals(Double.POSITIVE_INFINITY, s.sideToMidDb());
        for (StereoBand b : s.bands()) {
            assertEquals(-1, b.correlation(), 1e-9, b.band());
            assertEquals(Double.POSITIVE_INFINITY, b.monoLossDb(), b.band());
        }
    }

    @Test
    void identicalChannelsGiveOneAndNoSide() {
        double[] x = TestSignals.pink(SR, 3, 2);
        StereoReport s = StereoImage.of(AudioBuffer.of(SR, x, x));
        assertEquals(1, s.correlation(), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, s.sideToMidDb());
        assertEquals(0, s.monoLossDb(), 1e-12);
        assertEquals(0, s.leftMinusRightDb(), 1e-12);
        for (StereoBand b : s.bands()) {
            assertEquals(1, b.correlation(), 1e-9);
            assertEquals(Double.NEGATIVE_INFINITY, b.sideToMidDb(), b.band());
            assertEquals(0, b.monoLossDb(), 1e-9);
        }
        // goniometer: every point on the vertical axis
        for (double gx : s.goniometerX()) {
            assertEquals(0, gx, 1e-15);
        }
        assertTrue(s.goniometerX().length <= StereoImage.GONIOMETER_POINTS);
    }

    @Test
    void unrelatedNoiseIsWideAndLosesThreeDbInMono() {
        StereoReport s = StereoImage.of(AudioBuffer.of(SR, TestSignals.white(0.1, SR, 4, 3), TestSignals.white(0.1, SR, 4, 4)));
        assertEquals(0, s.correlation(), 0.01);
        assertEquals(10 * Math.log10(2), s.monoLossDb(), 0.05);
        assertEquals(0, s.sideToMidDb(), 0.05);
        StereoBand b = s.bands().get(17);
        assertEquals("1k", b.band());
        assertEquals(10 * Math.log10(2), b.monoLossDb(), 0.5);
    }

    @Test
    void balanceOfAHalfLevelRightChannelIsSixDb() {
        double[] x = TestSignals.white(0.1, SR, 1, 5);
        StereoReport s = StereoImage.of(AudioBuffer.of(SR, x, TestSignals.scale(x, 0.5)));
        assertEquals(20 * Math.log10(2), s.leftMinusRightDb(), 1e-9);
        assertEquals(1, s.correlation(), 1e-12);
        assertThrows(WorkbenchException.class, () -> StereoImage.of(AudioBuffer.of(SR, x)));
    }

    @Test
    void drOfSteadySineIsZeroAndPeaksCountFromTheSecondHighest() {
        AudioBuffer sine = AudioBuffer.of(SR, TestSignals.sine(1000, 0.5, SR, 30));
        // sqrt(2) * RMS of a sine equals its peak: DR0
        assertEquals(0, DynamicsMeter.drPerChannelDb(sine)[0], 0.01);
        // a square wave: sqrt(2) * RMS = sqrt(2) * peak, DR = -3.01
        double[] sq = TestSignals.sine(1000, 1, SR, 9);
        for (int i = 0; i < sq.length; i++) {
            sq[i] = 0.5 * Math.signum(sq[i]);
        }
        assertEquals(-3.01, DynamicsMeter.drPerChannelDb(AudioBuffer.of(SR, sq))[0], 0.05);
        // one click of 1.0 in a 0.5-amplitude sine: only the highest peak, ignored; two clicks: +6.02 dB
        double[] one = TestSignals.sine(1000, 0.5, SR, 30);
        one[SR * 4] = 1.0;
        assertEquals(0, DynamicsMeter.drPerChannelDb(AudioBuffer.of(SR, one))[0], 0.01);
        one[SR * 20] = 1.0;
        assertEquals(6.02, DynamicsMeter.drPerChannelDb(AudioBuffer.of(SR, one))[0], 0.01);
        DynamicsReport d = DynamicsMeter.of(AudioBuffer.of(SR, one), null, new double[0]);
        assertEquals(6, d.drScore());
        assertEquals(30, d.crestPerWindowDb().length);
        assertEquals(3.01, d.crestPerWindowDb()[0], 0.01);
        assertEquals(20 * Math.log10(1 / (0.5 / Math.sqrt(2))), d.crestPerWindowDb()[4], 0.01);
    }

    @Test
    void dynamicsTakesLoudnessFiguresFromTheReport() {
        LoudnessReport lr = new LoudnessReport(SR, 1, 10, -14, 6.5, -10, -11, -1, -1.2, 13, "");
        double[] st = {-20.2, -19.7, -19.1, -14.5, Double.NEGATIVE_INFINITY};
        DynamicsReport d = DynamicsMeter.of(AudioBuffer.of(SR, TestSignals.sine(100, 0.5, SR, 10)), lr, st);
        assertEquals(13, d.plrDb());
        assertEquals(10, d.psrDb(), 1e-12); // -1 dBTP - (-11 LUFS)
        assertEquals(6.5, d.loudnessRangeLu());
        LevelHistogram h = d.shortTermHistogram();
        assertEquals(4, h.total());
        assertEquals(-21, h.binStarts()[0]);
        assertEquals(2, h.counts()[1]); // -19.7 and -19.1 fall in [-20, -19)
    }
}
