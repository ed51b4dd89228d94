package mw.workflow;

import mw.WorkbenchException;
import mw.platforms.ProfileSet;

/**
 * What a {@link Study} measures against.
 *
 * @param profiles            the platforms and specifications every track is judged against
 * @param album               the tracks are one album played in order (platforms with an album mode apply one gain)
 * @param truePeakCeilingDbtp the true peak a master should stay under (dBTP): QC checks it and the true-peak
 *                            timeline marks the stretches above it ({@value #DEFAULT_CEILING_DBTP} by default:
 *                            lossy encoders add peaks of about 1 dB)
 * @param excerptSeconds      length of the listening excerpt of each track, taken around its loudest passage (s)
 */
public record StudySettings(ProfileSet profiles, boolean album, double truePeakCeilingDbtp, double excerptSeconds) {
    /** The ceiling the music delivery limits use. */
    public static final double DEFAULT_CEILING_DBTP = -1.0;
    /** The default excerpt length. */
    public static final double DEFAULT_EXCERPT_SECONDS = 15.0;

    public StudySettings {
        if (profiles == null) {
            throw new WorkbenchException("a study needs a profile set; ProfileSet.bundled() is the default");
        }
        WorkbenchException.checkRange("truePeakCeilingDbtp", truePeakCeilingDbtp, -20, 0);
        WorkbenchException.checkRange("excerptSeconds", excerptSeconds, 1, 120);
    }

    /** Every bundled profile, each track on its own, ceiling -1 dBTP, 15 s excerpts. */
    public static StudySettings defaults() {
        return new StudySettings(ProfileSet.bundled(), false, DEFAULT_CEILING_DBTP, DEFAULT_EXCERPT_SECONDS);
    }

    /** These settings with other profiles. */
    public StudySettings withProfiles(ProfileSet p) {
        return new StudySettings(p, album, truePeakCeilingDbtp, excerptSeconds);
    }

    /** These settings with the album mode on or off. */
    public StudySettings withAlbum(boolean a) {
        return new StudySettings(profiles, a, truePeakCeilingDbtp, excerptSeconds);
    }

    /** These settings with another true-peak ceiling. */
    public StudySettings withTruePeakCeiling(double dbtp) {
        return new StudySettings(profiles, album, dbtp, excerptSeconds);
    }
}
