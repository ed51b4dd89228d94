package mw.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import mw.platforms.Outcomes;
import mw.platforms.Platforms;
import mw.platforms.ProfileSet;
import mw.platforms.TrackLoudness;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

class OutcomesViewTest {
    final ProfileSet set = ProfileSet.bundled().only("spotify_normal,youtube,soundcloud,ebu_r128");
    final Outcomes o = Platforms.outcomes(List.of(TrackLoudness.of("a, \"quoted\".wav", -20, -5),
            TrackLoudness.of("b.wav", -8, -0.2)), set);

    @Test
    void tableHasOneRowPerTrackAndPlatform() {
        Table t = Show.table(o);
        assertEquals(8, t.rowCount());
        assertEquals(-16.0, t.doubleColumn("playback_lufs").get(0), 1e-9);
        assertTrue(t.doubleColumn("reference_lufs").isMissing(2)); // soundcloud has no reference
        assertEquals("warn", t.stringColumn("verdict").get(0));
    }

    @Test
    void csvQuotesAndLeavesMissingFiguresEmpty() {
        List<String> lines = Show.csv(o).lines().toList();
        assertEquals(9, lines.size());
        assertTrue(lines.get(0).startsWith("track,platform,kind,integrated_lufs,true_peak_dbtp,reference_lufs,gain_db,playback_lufs"));
        assertTrue(lines.get(1).startsWith("\"a, \"\"quoted\"\".wav\",spotify_normal,streaming,-20.00,-5.00,-14.00,4.00,-16.00,-1.00,false,-2.00,0.00,,warn,"), lines.get(1));
        assertTrue(lines.get(3).contains(",soundcloud,streaming,-20.00,-5.00,,0.00,-20.00,"), lines.get(3));
    }

    @Test
    void jsonLinesHaveTheDocumentedKeys() throws Exception {
        List<String> lines = OutcomesView.jsonLines(o).lines().toList();
        assertEquals(2, lines.size());
        JsonNode b = new ObjectMapper().readTree(lines.get(1));
        assertEquals("b.wav", b.get("file").asText());
        assertEquals(-8.0, b.get("integrated_lufs").asDouble());
        assertEquals(-0.2, b.get("true_peak_dbtp").asDouble());
        JsonNode sp = b.get("platforms").get(0);
        assertEquals("spotify_normal", sp.get("id").asText());
        assertEquals(-6.0, sp.get("gain_db").asDouble());
        assertEquals(-14.0, sp.get("playback_lufs").asDouble());
        assertEquals(-6.2, sp.get("playback_true_peak_dbtp").asDouble());
        assertEquals(false, sp.get("limited").asBoolean());
        assertEquals("ok", sp.get("verdict").asText());
        assertTrue(sp.get("reasons").isArray());
        assertTrue(b.get("platforms").get(2).get("reference_lufs").isNull());
        assertEquals(2, new ObjectMapper().readTree(Show.json(o)).size());
    }

    @Test
    void markdownAndTextNameEveryRow() {
        String md = Show.markdown(o);
        assertEquals(2 + 8, md.lines().count());
        assertTrue(md.contains("| b.wav | ebu_r128 |"), md);
        String text = Show.text(o);
        assertTrue(text.contains("b.wav: -8.00 LUFS integrated, -0.20 dBTP true peak"), text);
    }

    @Test
    void chartsRender() throws Exception {
        CategoryChart one = (CategoryChart) Show.chart(o.track("b.wav"));
        assertEquals(3, one.getSeriesMap().size()); // before, after, reference
        CategoryChart all = (CategoryChart) Show.chart(o);
        assertEquals(2, all.getSeriesMap().size());
        byte[] png = BitmapEncoder.getBitmapBytes(one, BitmapEncoder.BitmapFormat.PNG);
        assertTrue(png.length > 1000);
        assertTrue(BitmapEncoder.getBitmapBytes(all, BitmapEncoder.BitmapFormat.PNG).length > 1000);
    }

    /** Bars rise from the -40 LUFS floor: heights are LUFS + 40 and the axis labels add the floor back. */
    @Test
    void barsRiseFromAFloor() {
        CategoryChart one = (CategoryChart) Show.chart(o.track("b.wav"));
        assertEquals(0.0, one.getStyler().getYAxisMin());
        assertEquals("-40", one.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.0));
        assertEquals("-10", one.getStyler().getyAxisTickLabelsFormattingFunction().apply(30.0));
        List<? extends Number> before = List.copyOf(one.getSeriesMap().get("master (before)").getYData());
        assertEquals(-8 + 40, before.get(0).doubleValue(), 1e-9);
        List<? extends Number> after = List.copyOf(one.getSeriesMap().get("playback (after)").getYData());
        assertEquals(-14 + 40, after.get(0).doubleValue(), 1e-9); // spotify_normal turns -8 down to -14
    }
}
