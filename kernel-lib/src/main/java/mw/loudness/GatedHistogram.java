package mw.loudness;

/**
 * Constant-memory store of gating-block energies for the integrated loudness (BS.1770-4) and the
 * loudness range (EBU Tech 3342). Blocks at or below the absolute gate of -70 LUFS are dropped; the
 * others go into bins {@value #BIN_LU} LU wide from -70 to +30 LUFS (louder blocks share the top bin),
 * each bin keeping the count and the exact sum of its blocks' mean-square energies.
 *
 * <p>Because energies are summed exactly, the gated mean is exact except for blocks lying in the same
 * bin as the relative gate, which are kept or dropped together: the error is far below 0.01 LU. A
 * percentile reads the mean loudness of the bin it falls in (within {@value #BIN_LU} LU of the value a
 * full sort gives, and exact when the bin holds equal blocks).
 */
final class GatedHistogram {
    static final double ABSOLUTE_GATE_LUFS = -70.0;
    static final double TOP_LUFS = 30.0;
    static final double BIN_LU = 0.002;
    private static final int BINS = (int) Math.round((TOP_LUFS - ABSOLUTE_GATE_LUFS) / BIN_LU);

    private final long[] count = new long[BINS];
    private final double[] energy = new double[BINS];
    private long total;
    private double totalEnergy;
    /**
     * Optional Fenwick (binary indexed) trees over the bins in descending loudness order, so the sums of
     * count and energy of every bin at or above a given one take O(log bins) time: the running gated
     * loudness can then be read at every plotting hop without scanning all bins.
     */
    private long[] treeCount;
    private double[] treeEnergy;

    /** Adds one block by its (channel-weighted, K-weighted) mean-square energy. */
    void add(double meanSquare) {
        double l = LoudnessMeter.lufs(meanSquare);
        if (!(l > ABSOLUTE_GATE_LUFS)) {
            return;
        }
        int i = (int) ((l - ABSOLUTE_GATE_LUFS) / BIN_LU);
        if (i >= BINS) {
            i = BINS - 1;
        }
        count[i]++;
        energy[i] += meanSquare;
        total++;
        totalEnergy += meanSquare;
        if (treeCount != null) {
            for (int k = BINS - i; k <= BINS; k += k & -k) {
                treeCount[k - 1]++;
                treeEnergy[k - 1] += meanSquare;
            }
        }
    }

    /** Keeps the suffix sums needed by {@link #runningGatedLoudness(double)}; call before adding blocks. */
    void trackRunning() {
        if (total > 0) {
            throw new IllegalStateException("trackRunning must be called before any block is added");
        }
        treeCount = new long[BINS];
        treeEnergy = new double[BINS];
    }

    /**
     * The same value as {@link #gatedLoudness(double)} in O(log bins) time; needs {@link #trackRunning()}.
     * The gate's own bin is kept or dropped whole, as in {@code gatedLoudness}.
     */
    double runningGatedLoudness(double relativeLu) {
        if (total == 0) {
            return Double.NaN;
        }
        double gate = relativeGate(relativeLu);
        int b = firstBinAbove(gate);
        int from = above(b, gate) ? b : b + 1;
        if (from >= BINS) {
            return Double.NaN;
        }
        // bins from..BINS-1 are the first BINS-from entries of the descending order
        long n = 0;
        double e = 0;
        for (int k = BINS - from; k > 0; k -= k & -k) {
            n += treeCount[k - 1];
            e += treeEnergy[k - 1];
        }
        return n == 0 ? Double.NaN : LoudnessMeter.lufs(e / n);
    }

    /** Adds every block of another histogram (album measurement: the gating runs over all tracks' blocks). */
    void addAll(GatedHistogram o) {
        for (int i = 0; i < BINS; i++) {
            count[i] += o.count[i];
            energy[i] += o.energy[i];
        }
        total += o.total;
        totalEnergy += o.totalEnergy;
    }

    /** Number of blocks above the absolute gate. */
    long count() {
        return total;
    }

    /** Relative gate threshold (LUFS): the mean loudness of the blocks above the absolute gate plus {@code relativeLu}. */
    private double relativeGate(double relativeLu) {
        return LoudnessMeter.lufs(totalEnergy / total) + relativeLu;
    }

    private boolean above(int bin, double gate) {
        return count[bin] > 0 && LoudnessMeter.lufs(energy[bin] / count[bin]) > gate;
    }

    private int firstBinAbove(double gate) {
        int b = (int) Math.floor((gate - ABSOLUTE_GATE_LUFS) / BIN_LU);
        return Math.max(0, Math.min(b, BINS - 1));
    }

    /** Gated mean loudness (LUFS) with a relative gate (-10 LU for BS.1770-4); NaN when no block passes. */
    double gatedLoudness(double relativeLu) {
        if (total == 0) {
            return Double.NaN;
        }
        double gate = relativeGate(relativeLu);
        int b = firstBinAbove(gate);
        long n = 0;
        double e = 0;
        if (above(b, gate)) {
            n += count[b];
            e += energy[b];
        }
        for (int i = b + 1; i < BINS; i++) {
            n += count[i];
            e += energy[i];
        }
        return n == 0 ? Double.NaN : LoudnessMeter.lufs(e / n);
    }

    /**
     * Loudness range (LU) per EBU Tech 3342: relative gate -20 LU, then the difference between the 95th and
     * 10th percentiles of the remaining values (ranks round((n-1)p) of the ascending list). NaN when no
     * block passes.
     */
    double range() {
        if (total == 0) {
            return Double.NaN;
        }
        double gate = relativeGate(-20.0);
        int b = firstBinAbove(gate);
        int from = above(b, gate) ? b : b + 1;
        long n = 0;
        for (int i = from; i < BINS; i++) {
            n += count[i];
        }
        if (n == 0) {
            return Double.NaN;
        }
        long lowRank = Math.round((n - 1) * 0.10);
        long highRank = Math.round((n - 1) * 0.95);
        return valueAtRank(from, highRank) - valueAtRank(from, lowRank);
    }

    private double valueAtRank(int from, long rank) {
        long seen = 0;
        for (int i = from; i < BINS; i++) {
            seen += count[i];
            if (seen > rank) {
                return LoudnessMeter.lufs(energy[i] / count[i]);
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + seen);
    }
}
