package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import org.junit.jupiter.api.Test;

class StereoTest {
    static final int FS = 48_000;

    static AudioBuffer sides(double hz, double amp, boolean side) {
        double[] l = Signals.sine(FS, hz, amp, FS);
        double[] r = l.clone();
        if (side) {
            for (int i = 0; i < r.length; i++) {
                r[i] = -r[i];
            }
        }
        return AudioBuffer.of(FS, ChannelLayout.STEREO, l, r);
    }

    static double amp(double[] x, double hz) {
        return MultibandTest.amplitude(java.util.Arrays.copyOfRange(x, FS / 2, FS), hz, FS);
    }

    @Test
    void widthZeroIsMonoAndNeutralIsBitTransparent() {
        AudioBuffer in = Signals.musicLike(FS, 0.3, 2, -6);
        assertEquals(in, Stereo.create().process(in));
        AudioBuffer mono = Stereo.width(0).process(in);
        for (int i = 0; i < in.frames(); i++) {
            assertEquals(0.5 * (in.sample(0, i) + in.sample(1, i)), mono.sample(0, i), 1e-15);
            assertEquals(mono.sample(0, i), mono.sample(1, i), 0.0);
        }
    }

    @Test
    void bassMonoRemovesLowSideLikeALinkwitzRileyHighPass() {
        Stereo st = Stereo.create().bassMonoHz(120);
        for (double hz : new double[] {40, 60, 120, 240, 1000}) {
            double w = EqTest.omega(hz, 120, FS);
            double expected = Math.pow(w, 4) / (1 + Math.pow(w, 4)); // |HP_LR4| = |HP_BW2|^2
            double[] out = st.process(sides(hz, 0.5, true)).channel(0);
            assertEquals(20 * Math.log10(expected), 20 * Math.log10(amp(out, hz) / 0.5), 0.01, "side at " + hz);
            double[] mid = st.process(sides(hz, 0.5, false)).channel(0);
            assertEquals(0.0, 20 * Math.log10(amp(mid, hz) / 0.5), 0.001, "mid at " + hz);
        }
    }

    @Test
    void gainsBalanceAndBandWidths() {
        double[] out = Stereo.create().sideGainDb(-6).process(sides(1000, 0.5, true)).channel(0);
        assertEquals(-6.0, 20 * Math.log10(amp(out, 1000) / 0.5), 0.001);
        AudioBuffer bal = Stereo.create().balance(0.5).process(sides(1000, 0.5, false));
        assertEquals(0.25, amp(bal.channel(0), 1000), 1e-4);
        assertEquals(0.5, amp(bal.channel(1), 1000), 1e-4);
        Stereo bw = Stereo.bandWidths(new double[] {300, 4000}, 0.5, 1.0, 1.5);
        assertEquals(0.5, amp(bw.process(sides(40, 0.5, true)).channel(0), 40) / 0.5, 0.01);
        assertEquals(1.5, amp(bw.process(sides(15000, 0.5, true)).channel(0), 15000) / 0.5, 0.01);
        // the mid is untouched in magnitude by the band split
        assertEquals(1.0, amp(bw.process(sides(1000, 0.5, false)).channel(0), 1000) / 0.5, 1e-4);
        AudioBuffer in = Signals.musicLike(FS, 0.3, 5, -3);
        Stereo s = Stereo.bandWidths(new double[] {200}, 0.7, 1.2).bassMonoHz(80).balance(-0.1).midGainDb(1);
        assertEquals(s.process(in), Signals.renderInBlocks(s, in, 7, 3000));
    }

    /** a times b, complex numbers as {re, im}. */
    private static double[] mul(double[] a, double[] b) {
        return new double[] {a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]};
    }

    /** Second-order Butterworth low-pass (or high-pass) at {@code f0} seen at {@code f}, bilinear with prewarping. */
    private static double[] butterworth(double f, double f0, boolean high) {
        double w = EqTest.omega(f, f0, FS);
        double dr = 1 - w * w;
        double di = Math.sqrt(2) * w;
        double den = dr * dr + di * di;
        double nr = high ? -w * w : 1; // numerator: 1 (low) or (jw)^2 (high)
        return new double[] {nr * dr / den, -nr * di / den};
    }

    @Test
    void fiveBandWidthsFollowTheLinkwitzRileyTreeAndTheMidStaysFlat() {
        // the matcher's five width bands: the side is the sum of the tree's bands, each times its width,
        // computed here from the analog prototypes (band b: LP_b^2, the HP^2 of the crossovers below, the
        // all-pass LP^2 + HP^2 of those above); the mid, every band at unit gain, keeps its magnitude
        double[] xo = {150, 600, 2500, 8000};
        double[] widths = {0.5, 0.8, 1.0, 1.4, 2.0};
        Stereo st = Stereo.bandWidths(xo, widths);
        for (double hz : new double[] {60, 150, 300, 600, 1200, 2500, 5000, 8000, 12_000}) {
            double[] sum = {0, 0};
            for (int b = 0; b < widths.length; b++) {
                double[] h = {widths[b], 0};
                for (int j = 0; j < xo.length; j++) {
                    double[] lp = butterworth(hz, xo[j], false);
                    double[] hp = butterworth(hz, xo[j], true);
                    double[] lp2 = mul(lp, lp);
                    double[] hp2 = mul(hp, hp);
                    h = mul(h, j == b ? lp2 : j < b ? hp2 : new double[] {lp2[0] + hp2[0], lp2[1] + hp2[1]});
                }
                sum[0] += h[0];
                sum[1] += h[1];
            }
            double expectedDb = 20 * Math.log10(Math.hypot(sum[0], sum[1]));
            double[] side = st.process(sides(hz, 0.5, true)).channel(0);
            assertEquals(expectedDb, 20 * Math.log10(amp(side, hz) / 0.5), 0.01, "side at " + hz);
            double[] mid = st.process(sides(hz, 0.5, false)).channel(0);
            assertEquals(0.0, 20 * Math.log10(amp(mid, hz) / 0.5), 0.001, "mid at " + hz);
        }
        AudioBuffer in = Signals.musicLike(FS, 0.3, 5, -3);
        assertEquals(st.process(in), Signals.renderInBlocks(st, in, 7, 3000));
    }

    @Test
    void refusesOtherChannelCounts() {
        String m = assertThrows(WorkbenchException.class, () -> Stereo.width(1.2).process(AudioBuffer.of(FS, new double[100])))
                .getMessage();
        assertTrue(m.contains("needs 2 channels"), m);
        m = assertThrows(WorkbenchException.class, () -> Stereo.width(3)).getMessage();
        assertTrue(m.contains("width = 3.0"), m);
    }
}
