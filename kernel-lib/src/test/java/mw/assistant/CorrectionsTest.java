package mw.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learning from the engineer: a consistent correction shifts later proposals; the file is plain text. */
class CorrectionsTest {
    @TempDir
    Path dir;

    @Test
    void aConsistentCorrectionShiftsLaterProposals() throws Exception {
        AudioBuffer track = AssistantTest.whiteNoise(8, 7);
        var features = TrackFeatures.of(track);
        Assistant.Proposal before = Assistant.propose(features, true, Assistant.Options.defaults());
        Path file = dir.resolve("corrections.tsv");
        Corrections c = Corrections.open(file);
        // the engineer always wants 2 dB more high shelf than proposed, four times in a row
        for (int i = 0; i < 4; i++) {
            Assistant.Proposal p = Assistant.propose(features, true, Assistant.Options.defaults().withCorrections(c));
            c.record(p, Map.of("eq_high_db", p.setting("eq_high_db").value() + 2));
        }
        Assistant.Proposal after = Assistant.propose(features, true,
                Assistant.Options.defaults().withCorrections(Corrections.open(file)));
        double shift = after.setting("eq_high_db").value() - before.setting("eq_high_db").value();
        // shrunk mean: each round moves by the remaining 2 dB times n / (n + 2); after four rounds well over 1 dB
        assertTrue(shift > 1.0 && shift <= 8.0, "shift " + shift);
        assertEquals(before.setting("eq_low_db").value(), after.setting("eq_low_db").value(), 1e-9, "untouched settings stay");
        assertTrue(after.setting("eq_high_db").basis().startsWith("learned") && after.setting("eq_high_db").basis().endsWith(", corrected"));
        assertEquals(1 + 4 * Assistant.LEARNED_SETTINGS.size(), Files.readAllLines(file).size());
    }

    @Test
    void unknownSettingAndBrokenFileAreClearErrors() throws Exception {
        Assistant.Proposal p = Assistant.propose(AssistantTest.whiteNoise(8, 8));
        Corrections c = Corrections.open(dir.resolve("c.tsv"));
        assertThrows(WorkbenchException.class, () -> c.record(p, Map.of("eq_air_db", 1.0)));
        Path broken = dir.resolve("broken.tsv");
        Files.writeString(broken, Corrections.HEADER + "\nnot a line\n");
        var e = assertThrows(WorkbenchException.class, () -> Corrections.open(broken));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
