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

    @Test
    void refusesOtherChannelCounts() {
        String m = assertThrows(WorkbenchException.class, () -> Stereo.width(1.2).process(AudioBuffer.of(FS, new double[100])))
                .getMessage();
        assertTrue(m.contains("needs 2 channels"), m);
        m = assertThrows(WorkbenchException.class, () -> Stereo.width(3)).getMessage();
        assertTrue(m.contains("width = 3.0"), m);
    }
}
