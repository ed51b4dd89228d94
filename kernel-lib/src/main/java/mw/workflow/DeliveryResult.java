package mw.workflow;

import java.nio.file.Path;
import java.util.List;
import mw.io.AudioFileInfo;
import mw.loudness.LoudnessReport;
import mw.platforms.QcReport;

/**
 * The delivery of one input: its figures and QC, and one master per profile.
 *
 * @param input    the input file
 * @param info     its format
 * @param loudness its loudness
 * @param inputQc  its technical checks against music defaults (true peak at most -1 dBTP)
 * @param masters  one per profile, in the order asked
 */
public record DeliveryResult(Path input, AudioFileInfo info, LoudnessReport loudness, QcReport inputQc,
                             List<DeliverMaster> masters) {
    public DeliveryResult {
        masters = List.copyOf(masters);
    }

    /** Whether every master passes every check. */
    public boolean passed() {
        return masters.stream().allMatch(DeliverMaster::passed);
    }

    /** How many masters pass every check. */
    public long passedCount() {
        return masters.stream().filter(DeliverMaster::passed).count();
    }
}
