package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

class ExpanderTest {
    static final int FS = 48_000;

    @Test
    void staticCurveBelowThresholdWithRange() {
        for (double inDb = -80; inDb <= -10; inDb += 5) {
            Expander e = Expander.ratio(2).thresholdDb(-40).rangeDb(20).attackMs(1).releaseMs(10);
            double a = Math.pow(10, inDb / 20);
            double[] y = e.process(AudioBuffer.of(FS, CompressorTest.square(a, FS / 2))).channel(0);
            // independent: out = T + (in - T) * R below T, attenuation at most the range
            double expected = inDb >= -40 ? inDb : inDb - Math.min(20, (-40 - inDb) * (2 - 1));
            assertEquals(expected, 20 * Math.log10(Math.abs(y[y.length - 1])), 0.01, "in " + inDb);
        }
    }

    @Test
    void gateOpensWithAttackAndHoldsBeforeClosing() {
        Expander g = Expander.gate(-40).attackMs(1).releaseMs(20).holdMs(50);
        double[] x = new double[FS];
        for (int i = 0; i < x.length; i++) {
            double a = i < FS / 4 ? 0.0001 : i < FS / 2 ? 0.5 : 0.0001;
            x[i] = (i / 50) % 2 == 0 ? a : -a;
        }
        double[] y = g.process(AudioBuffer.of(FS, x)).channel(0);
        assertEquals(-80.0, 20 * Math.log10(Math.abs(y[FS / 4 - 1] / x[FS / 4 - 1])), 0.01, "closed: the 80 dB range");
        // open: 63.2 % of the 80 dB after the 1 ms attack
        int at = FS / 4 + FS / 1000;
        assertEquals(-80 * Math.exp(-1), 20 * Math.log10(Math.abs(y[at - 1] / x[at - 1])), 0.2);
        // held open for 50 ms after the signal drops
        int held = FS / 2 + FS / 25;
        assertEquals(0.0, 20 * Math.log10(Math.abs(y[held] / x[held])), 0.01);
    }
}
