package mw.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

class TruePeakSeriesTest {
    /**
     * A sine at a quarter of the sample rate with a 45 degree phase puts every sample at A / sqrt 2: its
     * sample peak is 3.01 dB below its true peak A. Half a second of it at A = -0.5 dBFS, between stretches of
     * silence, is one stretch above a -1 dBTP ceiling, at its own times, peaking at A.
     */
    @Test
    void aBurstOfInterSamplePeaksIsOneOverAtItsTimes() {
        int rate = 48000;
        double a = Math.pow(10, -0.5 / 20);
        double[] x = new double[rate * 3];
        for (int i = rate; i < rate + rate / 2; i++) {
            x[i] = a * Math.sin(Math.PI / 2 * i + Math.PI / 4);
        }
        TruePeakSeries tp = TruePeakSeries.of(AudioBuffer.of(rate, x, x.clone()), 0.1);
        assertEquals(30, tp.size());
        assertEquals(0.1, tp.hopSeconds(), 1e-12);
        assertEquals(-0.5, tp.maxDbtp(), 0.2);
        List<TruePeakSeries.Over> overs = tp.overs(-1.0);
        assertEquals(1, overs.size(), overs.toString());
        assertEquals(1.0, overs.get(0).startSeconds(), 1e-9);
        assertEquals(1.5, overs.get(0).endSeconds(), 0.1 + 1e-9);
        assertEquals(-0.5, overs.get(0).peakDbtp(), 0.2);
        // silence reads -inf; nothing above a ceiling over the burst's true peak
        assertEquals(Double.NEGATIVE_INFINITY, tp.truePeakDbtp()[0]);
        assertTrue(tp.overs(0.0).isEmpty());
    }
}
