package mw.workflow;

import java.nio.file.Path;
import mw.WorkbenchException;
import mw.io.SampleFormat;
import mw.processing.LoudnessTarget;

/**
 * How masters are delivered.
 *
 * @param outDir        folder the masters are written to ({@code STEM.PLATFORM.wav})
 * @param format        sample format of the masters, unless a profile names its own word length (a CD: 16-bit)
 * @param maxLimitingDb most limiter gain reduction accepted to reach a target (dB, 0 to 40)
 * @param codecCheck    also encode each streaming master with its platform's codec (ffmpeg) and check the decoded
 *                      true peak
 */
public record DeliverOptions(Path outDir, SampleFormat format, double maxLimitingDb, boolean codecCheck) {
    public DeliverOptions {
        if (outDir == null) {
            throw new WorkbenchException("no output folder given for the masters");
        }
        if (format == null) {
            throw new WorkbenchException("no sample format given for the masters; accepted: 16, 24, 32f");
        }
        WorkbenchException.checkRange("maxLimitingDb", maxLimitingDb, 0, 40);
    }

    /** 24-bit masters into a folder, at most 12 dB of limiting, no codec check. */
    public static DeliverOptions into(Path outDir) {
        return new DeliverOptions(outDir, SampleFormat.PCM_24, LoudnessTarget.DEFAULT_MAX_LIMITING_DB, false);
    }

    /** These options with another sample format. */
    public DeliverOptions format(SampleFormat f) {
        return new DeliverOptions(outDir, f, maxLimitingDb, codecCheck);
    }

    /** These options with another limit on limiting. */
    public DeliverOptions maxLimitingDb(double db) {
        return new DeliverOptions(outDir, format, db, codecCheck);
    }

    /** These options with the codec check on or off. */
    public DeliverOptions codecCheck(boolean on) {
        return new DeliverOptions(outDir, format, maxLimitingDb, on);
    }
}
