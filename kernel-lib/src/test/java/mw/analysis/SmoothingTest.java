package mw.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Fractional-octave smoothing and spectrogram folding against analytic values. */
class SmoothingTest {
    @Test
    void smoothingAOneOverFSpectrumGivesItsAnalyticBandMean() {
        // on a fine grid, the mean of 1/f over [fc/h, fc h] is ln(h^2) / (fc (h - 1/h)), h = 2^(w/2)
        int n = 2_000_001;
        double df = 0.01;
        double[] f = new double[n];
        double[] p = new double[n];
        for (int k = 0; k < n; k++) {
            f[k] = k * df;
            p[k] = k == 0 ? 0 : 1 / f[k];
        }
        double w = 1.0 / 3;
        SmoothedSpectrum s = SmoothedSpectrum.of(f, p, w, 100, 10_000, 5);
        double h = Math.pow(2, w / 2);
        for (int i = 0; i < 5; i++) {
            double fc = s.frequenciesHz()[i];
            assertEquals(100 * Math.pow(100, i / 4.0), fc, 1e-9);
            double want = Math.log(h * h) / (fc * (h - 1 / h));
            assertEquals(want, s.power()[i], want * 1e-3, "at " + fc + " Hz");
        }
    }

    @Test
    void foldingASteadySpectrogramKeepsItsLevelAndPutsRowsOnRoundFrequencies() {
        int frames = 400;
        int bins = 1025;
        double[] times = new double[frames];
        double[] freqs = new double[bins];
        float[][] levels = new float[frames][bins];
        for (int t = 0; t < frames; t++) {
            times[t] = t * 0.01;
            java.util.Arrays.fill(levels[t], -30f);
        }
        for (int k = 0; k < bins; k++) {
            freqs[k] = k * 48_000.0 / 2048;
        }
        Spectrogram sg = new Spectrogram("mix", 48_000, null, times, freqs, levels);
        FoldedSpectrogram fs = FoldedSpectrogram.of(sg, 160, 30);
        assertEquals(160, fs.timesSeconds().length);
        for (double[] col : fs.levelsDb()) {
            for (double v : col) {
                assertEquals(-30, v, 1e-4);
            }
        }
        // the row centred on 10^(40/20) = 100 Hz and on 10^(60/20) = 1 kHz
        int r100 = java.util.Arrays.binarySearch(fs.rowIndex(), 40);
        assertEquals(100, fs.rowCentreHz(r100), 1e-9);
        assertEquals(1000, fs.rowCentreHz(java.util.Arrays.binarySearch(fs.rowIndex(), 60)), 1e-9);
    }
}
