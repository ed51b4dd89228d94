package mw.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

class ViewTest {
    record Row(String band, double levelDb, int count, double[] mfcc) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("1 kHz", -12.345678, 3, new double[] {1, 2}),
            new Row("a,b \"q\"", Double.NEGATIVE_INFINITY, 4, new double[] {3, 4}),
            new Row("nan", Double.NaN, 5, new double[] {5, 6}));

    @Test
    void recordsBecomeTypedColumnsAndArraysSpread() {
        Table t = Tables.of(ROWS);
        assertEquals(List.of("band", "levelDb", "count", "mfcc_1", "mfcc_2"), t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals(-12.345678, t.doubleColumn("levelDb").getDouble(0));
        assertEquals(4, t.intColumn("count").getInt(1));
        assertEquals(6.0, t.doubleColumn("mfcc_2").getDouble(2));
    }

    @Test
    void csvQuotesAndKeepsPrecision() {
        String csv = Tables.toCsv(Tables.of(ROWS));
        String[] lines = csv.split("\n");
        assertEquals("band,levelDb,count,mfcc_1,mfcc_2", lines[0]);
        assertEquals("1 kHz,-12.345678,3,1.0,2.0", lines[1]);
        assertEquals("\"a,b \"\"q\"\"\",-inf,4,3.0,4.0", lines[2]);
        assertEquals("nan,,5,5.0,6.0", lines[3]);
    }

    @Test
    void markdownAndJson() throws Exception {
        Table t = Tables.of(ROWS);
        String md = Tables.toMarkdown(t);
        assertTrue(md.contains("| 1 kHz | -12.35 | 3 | 1 | 2 |"), md);
        assertTrue(md.contains("|---|---:|---:|---:|---:|"), md);
        JsonNode json = new ObjectMapper().readTree(Tables.toJson(t));
        assertEquals(3, json.size());
        assertEquals(-12.345678, json.get(0).get("levelDb").asDouble());
        assertEquals("-Infinity", json.get(1).get("levelDb").asText());
        assertTrue(json.get(2).get("levelDb").isNull());
    }

    @Test
    void formatIsLocaleIndependentAndRounded() {
        assertEquals("-12.35", Tables.format(-12.345678));
        assertEquals("0.00123", Tables.format(0.0012345));
        assertEquals("3", Tables.format(3.0));
        assertEquals("inf", Tables.format(Double.POSITIVE_INFINITY));
        assertEquals("", Tables.format(Double.NaN));
        assertEquals("44100", Tables.format(44100));
    }

    @Test
    void builderInfersTypes() {
        Table t = Tables.builder("EQ").columns("bandHz", "gainDb", "reason")
                .row(125.0, -1.5, "fuller").row(250.0, 0.5, "thinner").build();
        assertEquals("EQ", t.name());
        assertArrayEquals(new double[] {-1.5, 0.5}, Tables.doubles(t, "gainDb"));
    }

    @Test
    void thinningKeepsExtremesAndBounds() {
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 + i * 0.2;
            y[i] = Math.sin(i * 0.01);
        }
        y[54_321] = 50; // a spike must survive thinning
        double[][] t = Charts.thin(x, y, 1000, true);
        assertTrue(t[0].length <= 1002);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : t[1]) {
            max = Math.max(max, v);
        }
        assertEquals(50, max);
        for (int i = 1; i < t[0].length; i++) {
            assertTrue(t[0][i] > t[0][i - 1]);
        }
    }

    @Test
    void chartsAndReportAreWritten(@TempDir Path dir) throws Exception {
        double[] f = new double[4000];
        double[] db = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = 5.0 * (i + 1);
            db[i] = -10 * Math.log10(f[i] / 1000);
        }
        XYChart c = Charts.xy("Pink slope").yLabel("Level (dB)").logFrequency().line("pink", f, db).build();
        assertTrue(c.getStyler().isXAxisLogarithmic());
        assertEquals("Frequency (Hz)", c.getXAxisTitle());
        Path png = Charts.writePng(c, dir.resolve("c.png"));
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        Path svg = Charts.writeSvg(c, dir.resolve("c.svg"));
        assertTrue(Files.readString(svg).contains("<svg"));

        var heat = Charts.heatMap("Spectrogram", "Time (s)", "Frequency (Hz)", new double[] {0, 1, 2},
                new double[] {100, 1000}, new double[][] {{-10, -20}, {-30, -40}, {-50, -60}}, "%.0f", "%.0f", -80, 0);
        assertTrue(Charts.png(heat).length > 1000);
        var bars = Charts.bars("Width", "Band", "Side/mid (dB)", List.of("63", "125"), List.of("mix"),
                List.of(new double[] {-10, -6}));
        assertTrue(Charts.png(bars).length > 1000);

        Path html = HtmlReport.titled("Report <1>").heading("Features").paragraph("a & b")
                .table(Tables.of(ROWS)).chart(c, "caption").write(dir.resolve("sub/report.html"));
        String text = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<!DOCTYPE html>"));
        assertTrue(text.contains("<title>Report &lt;1&gt;</title>"));
        assertTrue(text.contains("a &amp; b"));
        assertTrue(text.contains("<td class=\"num\">-12.35</td>"));
        assertTrue(text.contains("1 kHz"));
        assertTrue(text.contains("data:image/png;base64,iVBOR"));
        try (var s = Files.list(dir.resolve("sub"))) {
            assertEquals(1, s.count(), "no temporary files left behind");
        }
    }

    @Test
    void aColumnWithItsOwnFixedDecimalsKeepsThemEvenForWholeNumbers() {
        tech.tablesaw.api.DoubleColumn c = tech.tablesaw.api.DoubleColumn.create("share (%)", 50.0, 33.3, 0.0);
        c.setPrintFormatter(new tech.tablesaw.columns.numbers.NumberColumnFormatter() {
            @Override
            public String format(double v) {
                return Format.number(v, 1);
            }
        });
        String html = Tables.toHtml(Table.create("t", c));
        assertTrue(html.contains(">50.0<") && html.contains(">33.3<") && html.contains(">0.0<"), html);
        // a column without its own format still reads as Format.number rounds
        String plain = Tables.toHtml(Table.create("t", tech.tablesaw.api.DoubleColumn.create("x", 50.0, 0.30000000000000004)));
        assertTrue(plain.contains(">50<") && plain.contains(">0.3<"), plain);
    }
}
