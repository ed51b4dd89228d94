package mw.workflow;

import java.nio.file.Path;
import java.util.List;
import mw.io.ClipCount;
import mw.io.SampleFormat;
import mw.loudness.LoudnessReport;
import mw.platforms.Outcome;
import mw.platforms.Profile;
import mw.platforms.QcCheck;
import mw.platforms.QcReport;

/**
 * One delivered master: the file, what was aimed for, what it measures as written, and its checks.
 *
 * @param profile      the platform or delivery specification
 * @param file         the master written
 * @param format       its sample format
 * @param sampleRateHz its sample rate
 * @param conversions  what was done to fit the profile's format, in words (resampling, a shorter word length);
 *                     empty when nothing was
 * @param targetLufs   the profile's loudness target (NaN for a platform that plays files as they are)
 * @param aimLufs      the loudness the master was rendered to (the target, or the input's own loudness)
 * @param ceilingDbtp  the profile's true-peak maximum
 * @param gainDb       gain applied in front of the limiter
 * @param limitingDb   largest gain reduction of the limiter, dB
 * @param measured     loudness and true peak measured again from the file
 * @param outcome      what the platform does with the master at playback (for delivery specs: pass or fail)
 * @param qc           every check: loudness on target, the technical checks, and the codec check when asked for
 * @param note         how the master was made, or why its target was not reached
 * @param clips        samples at full scale and overs in the file
 */
public record DeliverMaster(Profile profile, Path file, SampleFormat format, int sampleRateHz, List<String> conversions,
                            double targetLufs, double aimLufs, double ceilingDbtp, double gainDb, double limitingDb,
                            LoudnessReport measured, Outcome outcome, QcReport qc, String note, ClipCount clips) {
    public DeliverMaster {
        conversions = List.copyOf(conversions);
    }

    /** Whether every check passes. */
    public boolean passed() {
        return qc.passed();
    }

    /** The ids of the checks that fail. */
    public List<String> failures() {
        return qc.failures().stream().map(QcCheck::id).toList();
    }
}
