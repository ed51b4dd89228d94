package mw.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import mw.WorkbenchException;
import mw.platforms.Outcomes;
import mw.platforms.Platforms;
import mw.platforms.ProfileSet;
import mw.platforms.TrackLoudness;
import mw.processing.ChainReport;
import mw.processing.GainReduction;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The presentation registry: one presenter per result type, found by type, with one number format. */
class ShowTest {
    record Level(String name, double lufs) {
    }

    @Test
    void resultsAreFoundByTypeAndRecordsFallBackToTables() {
        Outcomes o = Platforms.outcomes(List.of(TrackLoudness.of("a.wav", -20, -5)), ProfileSet.bundled().only("spotify_normal,soundcloud"));
        assertTrue(Show.hasPresenter(o));
        assertEquals(2, Show.table(o).rowCount());
        assertEquals(1, Show.charts(o).size());
        Table t = Show.table(new Level("mix", Double.NaN));
        assertEquals(List.of("name", "lufs"), t.columnNames());
        assertEquals(2, Show.table(List.of(new Level("a", -1), new Level("b", -2))).rowCount());
        assertThrows(WorkbenchException.class, () -> Show.table(42));
    }

    @Test
    void aMissingFigureReadsTheSameInEveryHumanForm() {
        Level l = new Level("mix", Double.NaN);
        assertTrue(Show.text(l).contains(Format.MISSING), Show.text(l));
        assertTrue(Show.markdown(l).contains("| mix | " + Format.MISSING + " |"), Show.markdown(l));
        assertTrue(Show.htmlTables(l).contains(">" + Format.MISSING + "<"), Show.htmlTables(l));
        assertTrue(Show.csv(l).contains("mix,\n"), Show.csv(l)); // data files leave it empty
        Outcomes o = Platforms.outcomes(List.of(TrackLoudness.of("a.wav", -20, -5)), ProfileSet.bundled().only("soundcloud"));
        assertTrue(Show.text(o).contains(Format.MISSING), Show.text(o)); // soundcloud has no reference level
        assertTrue(Show.markdown(o).contains("| " + Format.MISSING + " |"), Show.markdown(o));
    }

    @Test
    void formatRoundsForReading() {
        assertEquals("-14.23", Format.number(-14.234));
        assertEquals("n/a", Format.number(Double.NaN));
        assertEquals("-inf", Format.number(Double.NEGATIVE_INFINITY));
        assertEquals("-1.00", Format.number(-1, 2));
        assertEquals("0.00", Format.number(-0.001, 2));
    }

    @Test
    void aNewTypeNeedsOnePresenter() {
        ChainReport r = new ChainReport(-3, List.of(new ChainReport.Stage(1, "Limiter[...]", -1,
                new GainReduction.Stats(2, 0.5, 0.1, 100))));
        assertEquals(2, Show.table(r).rowCount());
        record Custom(int n) {
        }
        Show.register(Custom.class, c -> Map.of("custom", Tables.builder("custom").columns("n").row(c.n()).build()));
        assertEquals("custom", Show.table(new Custom(3)).name());
    }
}
