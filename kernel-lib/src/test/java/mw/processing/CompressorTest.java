package mw.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

/** Compressor static curve and time constants against Giannoulis, Massberg and Reiss (JAES 2012). */
class CompressorTest {
    static final int FS = 48_000;

    /** A square wave of constant |x| = amplitude (so a peak detector sees a steady level). */
    static double[] square(double amplitude, int frames) {
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = (i / 50) % 2 == 0 ? amplitude : -amplitude;
        }
        return x;
    }

    /** The paper's eq. 4, written out here independently of the class. */
    static double expectedOutDb(double x, double t, double r, double w) {
        if (2 * (x - t) < -w) {
            return x;
        }
        if (w > 0 && 2 * Math.abs(x - t) <= w) {
            return x + (1 / r - 1) * Math.pow(x - t + w / 2, 2) / (2 * w);
        }
        return t + (x - t) / r;
    }

    @Test
    void staticCurveHardAndSoftKnee() {
        for (double knee : new double[] {0, 6, 12}) {
            for (double inDb = -40; inDb <= 0; inDb += 2.5) {
                Compressor c = Compressor.ratio(4).thresholdDb(-20).kneeDb(knee).attackMs(1).releaseMs(20);
                double a = Math.pow(10, inDb / 20);
                double[] y = c.process(AudioBuffer.of(FS, square(a, FS / 2))).channel(0);
                double outDb = 20 * Math.log10(Math.abs(y[y.length - 1]));
                assertEquals(expectedOutDb(inDb, -20, 4, knee), outDb, 0.01, "knee " + knee + " in " + inDb);
                assertEquals(expectedOutDb(inDb, -20, 4, knee), c.staticCurveDb(inDb), 1e-9);
            }
        }
    }

    /** Gain reduction in dB at each sample, from output over input of a square wave. */
    static double[] reductionDb(Compressor c, double[] x) {
        double[] y = c.process(AudioBuffer.of(FS, x)).channel(0);
        double[] gr = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            gr[i] = 20 * Math.log10(Math.abs(x[i]) / Math.abs(y[i]));
        }
        return gr;
    }

    @Test
    void attackAndReleaseReach63PercentAtTheirTimeConstants() {
        double attackMs = 10;
        double releaseMs = 120;
        Compressor c = Compressor.ratio(4).thresholdDb(-20).kneeDb(0).attackMs(attackMs).releaseMs(releaseMs);
        int step = FS / 2;
        int fall = FS;
        double[] x = new double[FS * 2];
        for (int i = 0; i < x.length; i++) {
            double a = i >= step && i < fall ? 1.0 : 0.001; // 0 dBFS between step and fall, else -60 dBFS
            x[i] = (i / 50) % 2 == 0 ? a : -a;
        }
        double[] gr = reductionDb(c, x);
        double full = 20 * (1 - 1 / 4.0); // 15 dB above threshold at 0 dBFS
        assertEquals(full, gr[fall - 1], 1e-6);
        int atAttack = step + (int) Math.round(attackMs / 1000 * FS);
        assertEquals(full * (1 - Math.exp(-1)), gr[atAttack - 1], 0.05, "63.2 % after attackMs");
        int atRelease = fall + (int) Math.round(releaseMs / 1000 * FS);
        assertEquals(full * Math.exp(-1), gr[atRelease - 1], 0.05, "36.8 % left after releaseMs");
        GainReduction.Stats s = c.gainReductionStats();
        assertEquals(full, s.maxDb(), 1e-6);
    }

    @Test
    void rmsDetectorMeasuresSineRms() {
        // a 0 dBFS-peak sine has an RMS of -3.01 dBFS; ratio 2 above -20 dB gives out = -20 + 16.99 / 2
        Compressor c = Compressor.ratio(2).thresholdDb(-20).kneeDb(0).detector(Compressor.Detector.RMS)
                .rmsMs(50).attackMs(50).releaseMs(50);
        double[] y = c.process(AudioBuffer.of(FS, Signals.sine(FS, 1000, 1.0, FS * 2))).channel(0);
        double rmsIn = -10 * Math.log10(2);
        double expectedGain = (-20 + (rmsIn + 20) / 2) - rmsIn;
        double p = 0;
        for (int i = y.length - 4800; i < y.length; i++) {
            p = Math.max(p, Math.abs(y[i]));
        }
        assertEquals(expectedGain, 20 * Math.log10(p), 0.05);
    }

    @Test
    void lookaheadIsCompensatedAndMixZeroIsBitTransparent() {
        AudioBuffer in = Signals.musicLike(FS, 0.3, 3, 0);
        Compressor dry = Compressor.ratio(8).thresholdDb(-30).lookaheadMs(5).mix(0);
        dry.prepare(FS, 64, 2);
        assertEquals(240, dry.latencySamples());
        assertEquals(in, dry.process(in));
        Compressor neutral = Compressor.ratio(1).thresholdDb(0);
        assertEquals(in, neutral.process(in));
        // a lookahead compressor reacts before a step: the first loud samples are already reduced
        double[] x = new double[FS / 2];
        for (int i = FS / 4; i < x.length; i++) {
            x[i] = (i / 50) % 2 == 0 ? 1 : -1;
        }
        double[] y = Compressor.ratio(10).thresholdDb(-20).kneeDb(0).attackMs(0.5).lookaheadMs(5)
                .process(AudioBuffer.of(FS, x)).channel(0);
        assertTrue(Math.abs(y[FS / 4]) < 0.5, "gain already reduced at the step: " + y[FS / 4]);
    }

    @Test
    void makeupSidechainAndBlocks() {
        AudioBuffer in = Signals.musicLike(FS, 0.5, 5, -3);
        Compressor c = Compressor.ratio(3).thresholdDb(-24).sidechainHpfHz(100).makeupDb(4).mix(0.7).lookaheadMs(2)
                .detector(Compressor.Detector.RMS);
        assertEquals(c.process(in), Signals.renderInBlocks(c, in, 1, 33, 1000, 4096));
        // makeup alone on a quiet signal: exactly +4 dB
        double[] q = Signals.sine(FS, 440, 0.001, 4800);
        double[] y = Compressor.ratio(3).thresholdDb(-24).makeupDb(4).process(AudioBuffer.of(FS, q)).channel(0);
        assertEquals(Math.pow(10, 4 / 20.0) * q[100], y[100], 1e-12);
    }

    @Test
    void validationAndDescription() {
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Compressor.ratio(0.5));
        assertTrue(e.getMessage().startsWith("ratio = 0.5 is out of range; accepted: 1.0 to 100.0"), e.getMessage());
        e = assertThrows(WorkbenchException.class, () -> Compressor.create().attackMs(-1));
        assertTrue(e.getMessage().contains("attackMs = -1.0"), e.getMessage());
        String s = Compressor.ratio(2).thresholdDb(-18).attackMs(10).releaseMs(120).toString();
        for (String p : new String[] {"thresholdDb=-18.0", "ratio=2.00", "attackMs=10.00", "releaseMs=120.0", "kneeDb", "mix", "detector=peak"}) {
            assertTrue(s.contains(p), s);
        }
        assertArrayEquals(new String[] {"thresholdDb", "ratio", "kneeDb", "attackMs", "releaseMs", "lookaheadMs",
            "sidechainHpfHz", "makeupDb", "mix", "detector", "rmsMs"}, Compressor.create().parameters().keySet().toArray());
    }
}
