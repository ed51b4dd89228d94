package mw.loudness;

/**
 * Momentary and short-term loudness read at a regular hop, for plotting. Reading {@code k} is taken at
 * {@code timesSeconds[k] = (k + 1) * hopSeconds}, the END time of its windows (400 ms for momentary, 3 s
 * for short-term). A reading whose window is not yet complete is {@link Double#NaN}; a window of digital
 * silence reads {@link Double#NEGATIVE_INFINITY}.
 *
 * @param hopSeconds     time between readings
 * @param timesSeconds   end time of each reading
 * @param momentaryLufs  momentary loudness (LUFS) per reading
 * @param shortTermLufs  short-term loudness (LUFS) per reading
 */
public record LoudnessSeries(double hopSeconds, double[] timesSeconds, double[] momentaryLufs, double[] shortTermLufs) {
    /** Number of readings. */
    public int size() {
        return timesSeconds.length;
    }
}
