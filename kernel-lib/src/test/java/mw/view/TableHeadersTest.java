package mw.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** People read headers as words with units; programs read CSV and JSON with the names unchanged. */
class TableHeadersTest {
    record Damage(int clippedRuns, double noiseFloorDbfs, double dcOffsetDb, double shortTermMaxLufs, double[] mfcc, String notes) {
    }

    @Test
    void componentNamesBecomeWordsWithUnits() {
        assertEquals("Clipped runs", Tables.header("clippedRuns"));
        assertEquals("Noise floor (dBFS)", Tables.header("noiseFloorDbfs"));
        assertEquals("DC offset (dB)", Tables.header("dcOffsetDb"));
        assertEquals("True peak (dBTP)", Tables.header("truePeakDbtp"));
        assertEquals("Short-term max (LUFS)", Tables.header("shortTermMaxLufs"));
        assertEquals("Centre (Hz)", Tables.header("centreHz"));
        assertEquals("MFCC 3", Tables.header("mfcc_3"));
        assertEquals("Release (ms)", Tables.header("releaseMs"));
        // already written for people, or a single unit word: kept
        assertEquals("L (dBFS)", Tables.header("L (dBFS)"));
        assertEquals("Track", Tables.header("Track"));
        assertEquals("Hz", Tables.header("hz"));
    }

    @Test
    void textMarkdownAndHtmlShowTheHeadersCsvAndJsonKeepTheNames() {
        var t = Tables.of(List.of(new Damage(3, -62.5, -40, -9.1, new double[] {1, 2}, "ok")));
        String html = Tables.toHtml(t);
        assertTrue(html.contains("<th>Clipped runs</th><th>Noise floor (dBFS)</th><th>DC offset (dB)</th>"), html);
        assertTrue(html.contains("<th>MFCC 1</th><th>MFCC 2</th><th>Notes</th>"), html);
        assertTrue(Tables.toMarkdown(t).startsWith("| Clipped runs | Noise floor (dBFS) |"), Tables.toMarkdown(t));
        assertTrue(Tables.toText(t).contains("Clipped runs  Noise floor (dBFS)"), Tables.toText(t));
        assertTrue(Tables.toCsv(t).startsWith("clippedRuns,noiseFloorDbfs,dcOffsetDb,shortTermMaxLufs,mfcc_1,mfcc_2,notes"), Tables.toCsv(t));
        assertTrue(Tables.toJson(t).contains("\"noiseFloorDbfs\" : -62.5"), Tables.toJson(t));
    }
}
