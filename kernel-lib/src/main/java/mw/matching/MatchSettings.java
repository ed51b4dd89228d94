package mw.matching;

import java.util.Locale;
import mw.WorkbenchException;

/**
 * The knobs of a reference match. Every setting has a default chosen on the evaluation in
 * {@code docs/matching.md} (a mastered excerpt as reference, another unmastered excerpt of the same
 * track as target, that excerpt mastered the same way as the ideal).
 *
 * @param strength          0 to 1: how much of each move is made (tone and width in dB, dynamics in ratio)
 * @param tone              match the mid/side tonal balance
 * @param width             match the side-to-mid balance per band
 * @param loudness          match the integrated loudness (off: keep the target's own loudness)
 * @param dynamics          bring the loudness range toward the reference's with a slow compressor
 * @param maxBoostDb        largest EQ boost, dB (0 to 24)
 * @param maxCutDb          largest EQ cut, dB, as a positive number (0 to 24)
 * @param smoothingOctaves  width of the fractional-octave smoothing of the spectra, octaves (0.1 to 3)
 * @param targetLufs        loudness to reach instead of the reference's, LUFS, or NaN for the reference's
 * @param ceilingDbtp       true-peak ceiling, dBTP (-20 to 0)
 * @param contentGuard      take the part of a difference beyond what mastering usually changes as a difference of
 *                          content, and match only a share of it (on: estimate the mastering, right when the
 *                          reference is another part of the same record or a master of similar music; off: follow
 *                          the reference's balance fully within the limits, for the sound of a different track)
 */
public record MatchSettings(double strength, boolean tone, boolean width, boolean loudness, boolean dynamics,
                            double maxBoostDb, double maxCutDb, double smoothingOctaves, double targetLufs,
                            double ceilingDbtp, boolean contentGuard) {
    /** Default strength (see the class comment for how it was chosen). */
    public static final double DEFAULT_STRENGTH = 1.0;
    /** Default smoothing, octaves. */
    public static final double DEFAULT_SMOOTHING_OCTAVES = 1.0;
    /** Default boost and cut limit, dB. */
    public static final double DEFAULT_LIMIT_DB = 12;

    public MatchSettings {
        WorkbenchException.checkRange("strength", strength, 0, 1);
        WorkbenchException.checkRange("maxBoostDb", maxBoostDb, 0, 24);
        WorkbenchException.checkRange("maxCutDb", maxCutDb, 0, 24);
        WorkbenchException.checkRange("smoothingOctaves", smoothingOctaves, 0.1, 3);
        if (!Double.isNaN(targetLufs)) {
            WorkbenchException.checkRange("targetLufs", targetLufs, -70, 0);
        }
        WorkbenchException.checkRange("ceilingDbtp", ceilingDbtp, -20, 0);
    }

    /** The defaults: every dimension on. */
    public static MatchSettings defaults() {
        return new MatchSettings(DEFAULT_STRENGTH, true, true, true, true, DEFAULT_LIMIT_DB, DEFAULT_LIMIT_DB,
                DEFAULT_SMOOTHING_OCTAVES, Double.NaN, -1.0, true);
    }

    /** Strength as a fraction, 0 to 1. */
    public MatchSettings withStrength(double s) {
        return new MatchSettings(s, tone, width, loudness, dynamics, maxBoostDb, maxCutDb, smoothingOctaves, targetLufs, ceilingDbtp, contentGuard);
    }

    /** Strength in per cent, 0 to 100. */
    public MatchSettings withStrengthPercent(double pct) {
        WorkbenchException.checkRange("strength (%)", pct, 0, 100);
        return withStrength(pct / 100);
    }

    /**
     * Only the named dimensions on: a comma-separated list of {@code tone}, {@code width},
     * {@code loudness}, {@code dynamics}.
     */
    public MatchSettings only(String dimensions) {
        boolean t = false;
        boolean w = false;
        boolean l = false;
        boolean d = false;
        for (String s : dimensions.split(",")) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "tone" -> t = true;
                case "width" -> w = true;
                case "loudness" -> l = true;
                case "dynamics" -> d = true;
                default -> throw new WorkbenchException("\"" + s.trim() + "\" is not a match dimension; accepted: tone, width, loudness, dynamics");
            }
        }
        return withDimensions(t, w, l, d);
    }

    public MatchSettings withDimensions(boolean tone, boolean width, boolean loudness, boolean dynamics) {
        return new MatchSettings(strength, tone, width, loudness, dynamics, maxBoostDb, maxCutDb, smoothingOctaves, targetLufs, ceilingDbtp, contentGuard);
    }

    public MatchSettings withLimits(double maxBoostDb, double maxCutDb) {
        return new MatchSettings(strength, tone, width, loudness, dynamics, maxBoostDb, maxCutDb, smoothingOctaves, targetLufs, ceilingDbtp, contentGuard);
    }

    public MatchSettings withSmoothingOctaves(double octaves) {
        return new MatchSettings(strength, tone, width, loudness, dynamics, maxBoostDb, maxCutDb, octaves, targetLufs, ceilingDbtp, contentGuard);
    }

    /** A fixed loudness target (LUFS) instead of the reference's; NaN for the reference's. */
    public MatchSettings withTargetLufs(double lufs) {
        return new MatchSettings(strength, tone, width, loudness, dynamics, maxBoostDb, maxCutDb, smoothingOctaves, lufs, ceilingDbtp, contentGuard);
    }

    public MatchSettings withCeilingDbtp(double dbtp) {
        return new MatchSettings(strength, tone, width, loudness, dynamics, maxBoostDb, maxCutDb, smoothingOctaves, targetLufs, dbtp, contentGuard);
    }

    /** With the content guard on or off (see the class comment). */
    public MatchSettings withContentGuard(boolean on) {
        return new MatchSettings(strength, tone, width, loudness, dynamics, maxBoostDb, maxCutDb, smoothingOctaves, targetLufs, ceilingDbtp, on);
    }

    /** The dimensions switched on, comma-separated. */
    public String dimensions() {
        StringBuilder sb = new StringBuilder();
        if (tone) sb.append("tone,");
        if (width) sb.append("width,");
        if (loudness) sb.append("loudness,");
        if (dynamics) sb.append("dynamics,");
        return sb.length() == 0 ? "none" : sb.substring(0, sb.length() - 1);
    }
}
