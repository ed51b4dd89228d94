package mw.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;

/** Linkwitz-Riley crossovers sum flat; the multiband compressor compresses only the loud band. */
class MultibandTest {
    static Compressor neutral() {
        return Compressor.ratio(1);
    }

    @Test
    void bandsSumFlatWithin001Db() {
        double[][] splits = {{1000}, {120, 2500}, {80, 400, 2000, 6000, 14000}};
        for (int fs : new int[] {44_100, 48_000}) {
            for (double[] xo : splits) {
                Compressor[] bands = new Compressor[xo.length + 1];
                for (int i = 0; i < bands.length; i++) {
                    bands[i] = neutral();
                }
                double[] h = EqTest.impulse(MultibandCompressor.of(xo, bands), fs, 1 << 15);
                for (double f : FrequencyResponse.logGrid(10, 0.45 * fs, 120)) {
                    assertEquals(0.0, Signals.db(Signals.dft(h, f, fs)), 0.01, fs + " Hz, crossovers " + java.util.Arrays.toString(xo) + " at " + f);
                }
            }
        }
    }

    @Test
    void eachLinkwitzRileyBandIsMinus6DbAtItsCrossover() {
        int fs = 48_000;
        Crossover x = new Crossover(new double[] {1000}, fs, 1);
        double[][] in = {new double[1 << 15]};
        in[0][0] = 1;
        double[][][] out = new double[2][1][1 << 15];
        x.split(in, 1 << 15, out);
        assertEquals(-20 * Math.log10(2), Signals.db(Signals.dft(out[0][0], 1000, fs)), 1e-6);
        assertEquals(-20 * Math.log10(2), Signals.db(Signals.dft(out[1][0], 1000, fs)), 1e-6);
        // 24 dB/octave: LR4 low band = Butterworth-2 squared, |H|^2 = 1 / (1 + Omega^4)^2
        for (double f : new double[] {250, 500, 2000, 4000}) {
            double w = EqTest.omega(f, 1000, fs);
            assertEquals(-20 * Math.log10(1 + Math.pow(w, 4)), Signals.db(Signals.dft(out[0][0], f, fs)), 0.001, "low at " + f);
        }
    }

    @Test
    void compressesOnlyTheBandThatIsLoud() {
        int fs = 48_000;
        int n = fs * 2;
        double[] low = Signals.sine(fs, 60, 0.5, n);
        double[] high = Signals.sine(fs, 5000, 0.05, n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = low[i] + high[i];
        }
        MultibandCompressor mb = MultibandCompressor.of(new double[] {500},
                Compressor.ratio(4).thresholdDb(-20).kneeDb(0).detector(Compressor.Detector.RMS).rmsMs(100).attackMs(20).releaseMs(200),
                Compressor.ratio(4).thresholdDb(-20).kneeDb(0));
        double[] y = mb.process(AudioBuffer.of(fs, x)).channel(0);
        double[] tail = java.util.Arrays.copyOfRange(y, n - fs / 2, n);
        // the 60 Hz tone at -9.03 dB RMS: 10.97 dB over, ratio 4 -> reduced by 8.23 dB; the quiet 5 kHz tone untouched
        double g60 = amplitude(tail, 60, fs) / 0.5;
        double g5k = amplitude(tail, 5000, fs) / 0.05;
        assertEquals(-(20 * Math.log10(0.5 / Math.sqrt(2)) + 20) * 0.75, 20 * Math.log10(g60), 0.2);
        assertEquals(0.0, 20 * Math.log10(g5k), 0.01);
        assertTrue(mb.bandStats().get(0).maxDb() > 7 && mb.bandStats().get(1).maxDb() == 0, mb.bandStats().toString());
    }

    static double amplitude(double[] x, double f, int fs) {
        double[] h = Signals.dft(x, f, fs);
        return 2 * Math.hypot(h[0], h[1]) / x.length;
    }

    @Test
    void blocksAndValidation() {
        AudioBuffer in = Signals.musicLike(44_100, 0.5, 3, 0);
        MultibandCompressor mb = MultibandCompressor.of(new double[] {150, 3000}, Compressor.ratio(3).lookaheadMs(3),
                Compressor.ratio(2), Compressor.ratio(2).thresholdDb(-30).lookaheadMs(1));
        assertEquals(mb.process(in), Signals.renderInBlocks(mb, in, 1, 500, 4096));
        String m = assertThrows(WorkbenchException.class, () -> MultibandCompressor.of(new double[] {3000, 200},
                neutral(), neutral(), neutral())).getMessage();
        assertTrue(m.contains("crossoversHz must rise"), m);
        m = assertThrows(WorkbenchException.class, () -> MultibandCompressor.of(new double[] {200}, neutral())).getMessage();
        assertTrue(m.contains("need 2 band compressors"), m);
    }
}
