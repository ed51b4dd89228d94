package mw.loudness;

/**
 * Momentary, short-term and running integrated loudness read at a regular hop, for plotting. Reading
 * {@code k} is taken at {@code timesSeconds[k] = (k + 1) * hopSeconds}, the END time of its windows
 * (400 ms for momentary, 3 s for short-term). A reading whose window is not yet complete is
 * {@link Double#NaN}; a window of digital silence reads {@link Double#NEGATIVE_INFINITY}.
 *
 * <p>The running integrated loudness at time {@code t} is the gated integrated loudness of ITU-R
 * BS.1770-4 (absolute gate -70 LUFS, relative gate -10 LU) of the programme from its start up to
 * {@code t}: it uses every 400 ms gating block (75 % overlap, one every 100 ms) that ends at or before
 * {@code t}. It is NaN before the first gating block ends (0.4 s) and while no block is above the
 * absolute gate. Its last value is the programme's integrated loudness when the programme ends on a hop.
 *
 * @param hopSeconds                 time between readings
 * @param timesSeconds               end time of each reading
 * @param momentaryLufs              momentary loudness (LUFS) per reading
 * @param shortTermLufs              short-term loudness (LUFS) per reading
 * @param runningIntegratedLufs      integrated loudness (LUFS) of the programme from 0 to each reading's time
 */
public record LoudnessSeries(double hopSeconds, double[] timesSeconds, double[] momentaryLufs, double[] shortTermLufs,
                             double[] runningIntegratedLufs) {
    /** A series without running integrated loudness (every running value NaN). */
    public LoudnessSeries(double hopSeconds, double[] timesSeconds, double[] momentaryLufs, double[] shortTermLufs) {
        this(hopSeconds, timesSeconds, momentaryLufs, shortTermLufs, nans(timesSeconds.length));
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Number of readings. */
    public int size() {
        return timesSeconds.length;
    }

    /** A summary a person can read (the arrays themselves are in the components). */
    @Override
    public String toString() {
        double end = size() == 0 ? 0 : timesSeconds[size() - 1];
        double lastIntegrated = Double.NaN;
        for (int k = size() - 1; k >= 0 && Double.isNaN(lastIntegrated); k--) {
            lastIntegrated = runningIntegratedLufs[k];
        }
        return String.format(java.util.Locale.ROOT,
                "LoudnessSeries[%d readings every %.0f ms to %.1f s; momentary max %s LUFS, short-term max %s LUFS, integrated at the end %s LUFS]",
                size(), hopSeconds * 1000, end, LoudnessReport.format(max(momentaryLufs)),
                LoudnessReport.format(max(shortTermLufs)), LoudnessReport.format(lastIntegrated));
    }

    private static double max(double[] a) {
        double m = Double.NaN;
        for (double v : a) {
            if (!Double.isNaN(v) && (Double.isNaN(m) || v > m)) {
                m = v;
            }
        }
        return m;
    }
}
