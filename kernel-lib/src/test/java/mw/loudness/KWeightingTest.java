package mw.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mw.audio.ChannelLayout;
import mw.audio.Speaker;
import org.junit.jupiter.api.Test;

/** K-weighting and channel weights against ITU-R BS.1770-4 (Tables 1-3) and the filter's analogue prototype. */
class KWeightingTest {
    /** At 48 kHz the design reproduces the coefficient tables printed in BS.1770-4 Annex 1. */
    @Test
    void reproducesTheRecommendationsTableAt48k() {
        double[] shelf = KWeighting.shelf(48000);
        double[] table1 = {1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585};
        for (int i = 0; i < 5; i++) {
            assertEquals(table1[i], shelf[i], 1e-12, "stage 1 coefficient " + i);
        }
        double[] hp = KWeighting.highPass(48000);
        double[] table2 = {1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621};
        for (int i = 0; i < 5; i++) {
            assertEquals(table2[i], hp[i], 1e-12, "stage 2 coefficient " + i);
        }
    }

    /**
     * The same analogue filter at every rate: the prototype's shelf (about +4 dB above 2 kHz), the 38 Hz
     * high-pass, and the +0.69 dB at 1 kHz that the -0.691 offset of the loudness formula cancels: within
     * 0.05 dB of the 48 kHz response from 20 Hz to 10 kHz at 44.1, 88.2, 96 and 192 kHz. (The bilinear
     * transform matches the analogue prototype exactly only at the pre-warped centre frequency, and the
     * table's un-normalised high-pass numerator shifts its gain by a few hundredths of a dB with the rate.)
     */
    @Test
    void sameResponseAtEveryRate() {
        assertEquals(0.691, KWeighting.responseDb(48000, 997), 0.01);
        for (int fs : new int[] {44100, 88200, 96000, 192000}) {
            for (double f : new double[] {20, 38, 100, 500, 997, 1681, 3000, 6000, 10000}) {
                if (f < fs / 2.5) {
                    assertEquals(KWeighting.responseDb(48000, f), KWeighting.responseDb(fs, f), 0.05, f + " Hz at " + fs);
                }
            }
        }
        assertEquals(4.0, KWeighting.responseDb(96000, 15000), 0.1, "shelf plateau");
    }

    @Test
    void channelWeightsFromSpeakerPositions() {
        double[] g = ChannelWeights.of(ChannelLayout.SURROUND_5_1);
        double[] expected = {1.0, 1.0, 1.0, 0.0, 1.41, 1.41};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], g[i], 0, ChannelLayout.SURROUND_5_1.speaker(i).label());
        }
        assertEquals(1.0, ChannelWeights.of(Speaker.C));
        assertEquals(1.0, ChannelWeights.of(Speaker.LB), "135 degrees is outside 60-120");
        assertEquals(1.0, ChannelWeights.of(Speaker.TFL), "elevated speakers weigh 1.0");
        assertEquals(1.0, ChannelWeights.of(Speaker.UNKNOWN));
    }
}
