package mw.analysis;

/**
 * A spectrogram folded to a coarse grid for display: time columns (power averaged over the frames of each)
 * and frequency rows 1/20 decade (about 1/6 octave) wide, centred on {@code 10^(k/20)} Hz, so that rows fall
 * on the round frequencies 50, 100, 200, 500 Hz, 1, 2, 5, 10, 20 kHz (within 0.3 %).
 *
 * @param signal        which signal
 * @param timesSeconds  centre time of each column
 * @param rowIndex      {@code k} of each row: its centre is {@code 10^(k/20)} Hz
 * @param levelsDb      {@code levelsDb[column][row]}: mean power of the row's bins over the column's frames, dB
 * @param spanSeconds   time of the last frame (the span the columns cover)
 */
public record FoldedSpectrogram(String signal, double[] timesSeconds, int[] rowIndex, double[][] levelsDb,
                                double spanSeconds) {
    /** Rows per decade. */
    public static final int ROWS_PER_DECADE = 20;

    /** The centre frequency of row {@code r}, Hz. */
    public double rowCentreHz(int r) {
        return Math.pow(10, (double) rowIndex[r] / ROWS_PER_DECADE);
    }

    /** The highest level of any cell, dB. */
    public double maxDb() {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] c : levelsDb) {
            for (double v : c) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    /** Folds {@code sg} to at most {@code maxColumns} columns and rows from {@code fromHz} up to Nyquist. */
    public static FoldedSpectrogram of(Spectrogram sg, int maxColumns, double fromHz) {
        int frames = sg.timesSeconds().length;
        int cols = Math.max(1, Math.min(maxColumns, frames));
        double fTop = sg.sampleRate() / 2.0;
        int kLow = (int) Math.ceil(ROWS_PER_DECADE * Math.log10(fromHz));
        int kHigh = Math.max(kLow, (int) Math.floor(ROWS_PER_DECADE * Math.log10(fTop) - 0.5));
        int rows = kHigh - kLow + 1;
        double df = sg.frequenciesHz()[1];
        double[] xs = new double[cols];
        double[][] z = new double[cols][rows];
        for (int c = 0; c < cols; c++) {
            int t0 = (int) ((long) c * frames / cols);
            int t1 = Math.max(t0 + 1, (int) ((long) (c + 1) * frames / cols));
            xs[c] = sg.timesSeconds()[(t0 + t1 - 1) / 2];
            for (int r = 0; r < rows; r++) {
                double lo = Math.pow(10, (kLow + r - 0.5) / ROWS_PER_DECADE);
                double hi = Math.min(fTop, Math.pow(10, (kLow + r + 0.5) / ROWS_PER_DECADE));
                int k0 = (int) Math.round(lo / df);
                int k1 = Math.max(k0, (int) Math.round(hi / df) - 1);
                k1 = Math.min(k1, sg.frequenciesHz().length - 1);
                k0 = Math.min(k0, k1);
                double p = 0;
                int n = 0;
                for (int t = t0; t < t1; t++) {
                    for (int k = k0; k <= k1; k++) {
                        p += Math.pow(10, sg.levelsDb()[t][k] / 10);
                        n++;
                    }
                }
                z[c][r] = 10 * Math.log10(p / n);
            }
        }
        int[] ks = new int[rows];
        for (int r = 0; r < rows; r++) {
            ks[r] = kLow + r;
        }
        double span = frames == 0 ? 1 : sg.timesSeconds()[frames - 1];
        return new FoldedSpectrogram(sg.signal(), xs, ks, z, span);
    }
}
