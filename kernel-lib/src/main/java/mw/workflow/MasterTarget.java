package mw.workflow;

import mw.WorkbenchException;
import mw.processing.LoudnessTarget;

/**
 * What a master aims for: an integrated loudness (LUFS, or NaN for none), a true-peak ceiling (dBTP, or NaN
 * for none) and the most limiter gain reduction accepted to reach the loudness (dB).
 *
 * <pre>{@code
 * MasterTarget.lufs(-14);                   // -14 LUFS under -1 dBTP
 * MasterTarget.of(-9, -1).maxLimitingDb(6); // loud, but never more than 6 dB of limiting
 * MasterTarget.ceiling(-2);                 // loudness as the chain leaves it, peaks under -2 dBTP
 * MasterTarget.none();                      // the chain as it is
 * }</pre>
 *
 * @param targetLufs    integrated loudness to reach (LUFS, -70 to 0), NaN for none
 * @param ceilingDbtp   true-peak ceiling (dBTP, -20 to 0), NaN for none (with a loudness target: -1)
 * @param maxLimitingDb largest limiter gain reduction accepted when reaching the loudness (dB, 0 to 40)
 */
public record MasterTarget(double targetLufs, double ceilingDbtp, double maxLimitingDb) {
    /** The ceiling used with a loudness target when none is given, dBTP. */
    public static final double DEFAULT_CEILING_DBTP = -1.0;

    public MasterTarget {
        if (!Double.isNaN(targetLufs)) {
            WorkbenchException.checkRange("targetLufs", targetLufs, -70, 0);
            if (Double.isNaN(ceilingDbtp)) {
                ceilingDbtp = DEFAULT_CEILING_DBTP;
            }
        }
        if (!Double.isNaN(ceilingDbtp)) {
            WorkbenchException.checkRange("ceilingDbtp", ceilingDbtp, -20, 0);
        }
        WorkbenchException.checkRange("maxLimitingDb", maxLimitingDb, 0, 40);
    }

    /** No target: the chain as it is. */
    public static MasterTarget none() {
        return new MasterTarget(Double.NaN, Double.NaN, LoudnessTarget.DEFAULT_MAX_LIMITING_DB);
    }

    /** A loudness under the default ceiling of -1 dBTP. */
    public static MasterTarget lufs(double targetLufs) {
        return new MasterTarget(targetLufs, DEFAULT_CEILING_DBTP, LoudnessTarget.DEFAULT_MAX_LIMITING_DB);
    }

    /** A loudness under a true-peak ceiling. */
    public static MasterTarget of(double targetLufs, double ceilingDbtp) {
        return new MasterTarget(targetLufs, ceilingDbtp, LoudnessTarget.DEFAULT_MAX_LIMITING_DB);
    }

    /** Only a true-peak ceiling: the chain's final limiter is set to it, or a true-peak limiter is added. */
    public static MasterTarget ceiling(double ceilingDbtp) {
        return new MasterTarget(Double.NaN, ceilingDbtp, LoudnessTarget.DEFAULT_MAX_LIMITING_DB);
    }

    /** This target with another limit on limiting. */
    public MasterTarget maxLimitingDb(double db) {
        return new MasterTarget(targetLufs, ceilingDbtp, db);
    }

    /** Whether a loudness is aimed for. */
    public boolean hasLoudness() {
        return !Double.isNaN(targetLufs);
    }

    /** Whether a true-peak ceiling applies. */
    public boolean hasCeiling() {
        return !Double.isNaN(ceilingDbtp);
    }
}
