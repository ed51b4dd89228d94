package mw.analysis;

/**
 * A histogram of levels (dB, LUFS) with equal bins; named apart from XChart's {@code Histogram}, which
 * notebooks import too.
 *
 * @param quantity   what was counted, with its unit ("short-term loudness (LUFS)")
 * @param binWidth   width of each bin, in the quantity's unit
 * @param binStarts  lower edge of each bin
 * @param counts     values in {@code [binStarts[i], binStarts[i] + binWidth)}
 */
public record LevelHistogram(String quantity, double binWidth, double[] binStarts, int[] counts) {
    /** Total count. */
    public int total() {
        int t = 0;
        for (int c : counts) {
            t += c;
        }
        return t;
    }

    /**
     * Counts finite values into bins of {@code binWidth} aligned to multiples of it; non-finite values
     * (the -inf loudness of silence) are left out.
     */
    public static LevelHistogram of(String quantity, double[] values, double binWidth) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            return new LevelHistogram(quantity, binWidth, new double[0], new int[0]);
        }
        double first = Math.floor(min / binWidth) * binWidth;
        int bins = (int) Math.floor((max - first) / binWidth) + 1;
        bins = Math.min(bins, 10_000);
        double[] starts = new double[bins];
        int[] counts = new int[bins];
        for (int i = 0; i < bins; i++) {
            starts[i] = first + i * binWidth;
        }
        for (double v : values) {
            if (Double.isFinite(v)) {
                int i = (int) Math.floor((v - first) / binWidth);
                counts[Math.max(0, Math.min(bins - 1, i))]++;
            }
        }
        return new LevelHistogram(quantity, binWidth, starts, counts);
    }
}
