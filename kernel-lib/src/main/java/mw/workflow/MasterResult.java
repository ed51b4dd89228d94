package mw.workflow;

import java.nio.file.Path;
import java.util.List;
import mw.audio.AudioBuffer;
import mw.io.ClipCount;
import mw.io.SampleFormat;
import mw.loudness.LoudnessReport;

/**
 * What a master is and how it was made: loudness before and after, each stage as rendered with its
 * parameters, peaks and gain reduction, and whether the target was reached.
 *
 * @param input         the input file, or {@code null} for a buffer
 * @param output        the file written, or {@code null} when the master was kept in memory
 * @param format        the sample format written ({@code null} in memory: 64-bit float samples)
 * @param audio         the master's samples when kept in memory, {@code null} for file renders
 * @param before        loudness of the input
 * @param after         loudness of the master (for files: measured from the file as written)
 * @param inputPeakDbfs sample peak of the input, dBFS
 * @param stages        every stage as rendered, including those the target adds
 * @param target        what was aimed for
 * @param reached       whether the loudness target was reached within 0.1 LU (true without a loudness target)
 * @param reason        why not, or an empty string
 * @param targetGainDb  the gain the loudness target set, dB (NaN without a loudness target)
 * @param renders       trial renders the loudness target took (1 without one)
 * @param clips         samples at full scale and overs in the master (for files: as written)
 */
public record MasterResult(Path input, Path output, SampleFormat format, AudioBuffer audio, LoudnessReport before,
                           LoudnessReport after, double inputPeakDbfs, List<MasterStage> stages, MasterTarget target,
                           boolean reached, String reason, double targetGainDb, int renders, ClipCount clips) {
    public MasterResult {
        stages = List.copyOf(stages);
    }

    /** The stage the loudness target sets the gain of, or {@code null} without a loudness target. */
    public MasterStage targetGainStage() {
        return stages.stream().filter(s -> s.role() == MasterStage.Role.TARGET_GAIN).findFirst().orElse(null);
    }

    /** The final limiter a target or ceiling uses, or {@code null} when there is none. */
    public MasterStage finalLimiter() {
        return stages.stream().filter(s -> s.role() == MasterStage.Role.TARGET_LIMITER
                || s.role() == MasterStage.Role.CEILING_LIMITER).findFirst().orElse(null);
    }

    /** Largest gain reduction of the final limiter, dB (NaN when the target or ceiling added none). */
    public double limitingDb() {
        MasterStage l = finalLimiter();
        return l == null ? Double.NaN : l.gainReductionMaxDb();
    }

    /** Change of integrated loudness, LU. */
    public double loudnessChangeLu() {
        return after.integratedLufs() - before.integratedLufs();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "MasterResult[%s: %.2f -> %.2f LUFS, true peak %.2f dBTP, %d stages%s]",
                input == null ? "audio" : input.getFileName(), before.integratedLufs(), after.integratedLufs(),
                after.truePeakDbtp(), stages.size(), target.hasLoudness() ? (reached ? ", target reached" : ", target NOT reached") : "");
    }
}
