package mw.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import mw.audio.AudioBuffer;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The renderers against a bare jjava renderer: no kernel running. */
class RenderersTest {
    private Renderer renderer;

    @BeforeEach
    void setUp() {
        renderer = new Renderer();
        Renderers.registerAll(renderer);
    }

    @Test
    void tableRendersAsHtmlWithEveryCell() {
        Table t = Table.create("levels", StringColumn.create("platform", "Spotify", "YouTube"),
                DoubleColumn.create("targetLufs", -14.0, -14.0));
        DisplayData d = renderer.render(t);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertNotNull(html);
        assertTrue(html.contains("<table"), html);
        assertTrue(html.contains("Spotify") && html.contains("YouTube") && html.contains("Target (LUFS)"), html);
        assertNotNull(d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void fullPrecisionDoublesAreRoundedButOwnFormatsKept() {
        DoubleColumn raw = DoubleColumn.create("centroidHz", 1827.2576305209204);
        DoubleColumn formatted = DoubleColumn.create("lufs", -14.23456);
        formatted.setPrintFormatter(new java.text.DecimalFormat("0.0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)), "");
        String html = (String) renderer.render(Table.create("t", raw, formatted)).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<td>1827.26</td>"), html);
        assertTrue(html.contains("<td>-14.2</td>"), html);
    }

    @Test
    void longTableIsTruncatedWithANote() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Table t = Table.create("long", DoubleColumn.create("x", v));
        String html = (String) renderer.render(t).getData(MIMEType.TEXT_HTML);
        int rows = html.split("<tr", -1).length - 1;
        assertEquals(Renderers.TABLE_HEAD_ROWS + 1, rows, "header row plus the shown rows");
        assertTrue(html.contains("showing the first 50 of 1000 rows"), html);
        assertTrue(!html.contains(">999<"), "the last row is not shown");
    }

    @Test
    void chartRendersAsPngOfTheChartsSizeAndSvgOnRequest() throws Exception {
        XYChart chart = new XYChartBuilder().width(400).height(300).title("sine").build();
        chart.addSeries("s", new double[] {0, 1, 2, 3}, new double[] {0, 1, 0, -1});
        DisplayData d = renderer.render(chart);
        String b64 = (String) d.getData(MIMEType.IMAGE_PNG);
        assertNotNull(b64, "image/png");
        byte[] png = Base64.getDecoder().decode(b64);
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(400, img.getWidth());
        assertEquals(300, img.getHeight());
        String svg = (String) renderer.renderAs(chart, "image/svg+xml").getData(MIMEType.IMAGE_SVG);
        assertNotNull(svg);
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
    }

    record Report(String name, double integratedLufs, int sampleRate, double truePeakDbtp) {
    }

    @Test
    void recordRendersAsOneRowTableByReflection() {
        String html = (String) renderer.render(new Report("mix <1>", -14.234, 48000, Double.NaN)).getData(MIMEType.TEXT_HTML);
        assertNotNull(html);
        for (String col : List.of("Name", "Integrated (LUFS)", "Sample rate", "True peak (dBTP)")) {
            assertTrue(html.contains("<th>" + col + "</th>"), col + " in " + html);
        }
        assertTrue(html.contains("<td>-14.23</td>"), html);
        assertTrue(html.contains("<td>48000</td>"), html);
        assertTrue(html.contains("<td>n/a</td>"), "NaN shown as n/a: " + html);
        assertTrue(html.contains("mix &lt;1&gt;"), "escaped: " + html);
    }

    @Test
    void listOfRecordsRendersOneRowEach() {
        String html = (String) renderer.render(List.of(new Report("a", -10, 44100, -1), new Report("b", -20, 44100, -2)))
                .getData(MIMEType.TEXT_HTML);
        assertEquals(3, html.split("<tr", -1).length - 1, html);
        assertEquals(null, renderer.render(List.of(1, 2)).getData(MIMEType.TEXT_HTML), "plain lists stay text");
    }

    @Test
    void audioRendersAsPlayerWithA16BitWavOfTheSamples() {
        int rate = 8000;
        double[] l = new double[800];
        double[] r = new double[800];
        java.util.Arrays.fill(l, 0.5);
        java.util.Arrays.fill(r, -0.25);
        AudioBuffer a = AudioBuffer.of(rate, l, r);
        String html = (String) renderer.render(a).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<audio controls"), html);
        Matcher m = Pattern.compile("data:audio/wav;base64,([A-Za-z0-9+/=]+)").matcher(html);
        assertTrue(m.find());
        ByteBuffer wav = ByteBuffer.wrap(Base64.getDecoder().decode(m.group(1))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", ascii(wav, 0));
        assertEquals("WAVE", ascii(wav, 8));
        assertEquals(2, wav.getShort(22), "channels");
        assertEquals(rate, wav.getInt(24), "sample rate");
        assertEquals(16, wav.getShort(34), "bits per sample");
        int data = 36;
        while (!ascii(wav, data).equals("data")) {
            data += 8 + wav.getInt(data + 4);
        }
        assertEquals(800 * 2 * 2, wav.getInt(data + 4));
        // 0.5 full scale is 16384 in 16-bit; -0.25 is -8192; dither moves a sample by at most 1 LSB
        short first = wav.getShort(data + 8 + 400 * 4);
        short second = wav.getShort(data + 8 + 400 * 4 + 2);
        assertTrue(Math.abs(first - 16384) <= 1, "left " + first);
        assertTrue(Math.abs(second + 8192) <= 1, "right " + second);
    }

    @Test
    void abMatchesTheLouderOneDownToTheQuieterOne() {
        int rate = 48000;
        double[] loud = new double[rate * 3];
        double[] quiet = new double[rate * 3];
        for (int i = 0; i < loud.length; i++) {
            double s = Math.sin(2 * Math.PI * 1000 * i / rate);
            loud[i] = 0.5 * s;
            quiet[i] = 0.25 * s;
        }
        Listen.AB ab = Listen.ab(AudioBuffer.of(rate, loud), AudioBuffer.of(rate, quiet));
        // the same tone at half the amplitude is 20·log10(2) = 6.0206 dB quieter, whatever the meter
        assertEquals(-20 * Math.log10(2), ab.gainDbA(), 0.05);
        assertEquals(0.0, ab.gainDbB(), 1e-12);
        assertEquals(0.0, ab.asIs().gainDbA(), 1e-12);
        String html = (String) renderer.render(ab).getData(MIMEType.TEXT_HTML);
        assertEquals(2, html.split("<audio", -1).length - 1, "two players");
        assertTrue(html.contains("-6.02 dB"), html);
    }

    @Test
    void abcPlayersAreTurnedDownToTheQuietestOfThree() {
        int rate = 48000;
        double[] a = new double[4 * rate];
        double[] b = new double[a.length];
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = Math.sin(2 * Math.PI * 997 * i / rate);
            a[i] = 0.5 * s;
            b[i] = 0.25 * s;
            c[i] = 0.125 * s;
        }
        Listen.Compare abc = Listen.abc(AudioBuffer.of(rate, a), AudioBuffer.of(rate, b), AudioBuffer.of(rate, c));
        // halving the amplitude of the same tone is 20·log10(2) = 6.0206 dB, whatever the meter
        assertEquals(-2 * 20 * Math.log10(2), abc.gainDb(0), 0.05);
        assertEquals(-20 * Math.log10(2), abc.gainDb(1), 0.05);
        assertEquals(0.0, abc.gainDb(2), 1e-12);
        assertEquals(0.0, abc.asIs().gainDb(0), 1e-12);
        String html = (String) renderer.render(abc).getData(MIMEType.TEXT_HTML);
        assertEquals(3, html.split("<audio", -1).length - 1, "three players");
        assertTrue(html.contains("A · target") && html.contains("B · result") && html.contains("C · reference"), html);
        assertTrue(html.contains("-12.04 dB") && html.contains("-6.02 dB"), html);
        assertThrows(mw.WorkbenchException.class, () -> abc.labels("only one"));
    }

    @Test
    void fallbackLevelOfAFullScaleSineIsMinus3Db() {
        int rate = 48000;
        double[] s = new double[rate];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.sin(2 * Math.PI * 997 * i / rate);
        }
        // mean square of a unit sine is 1/2: 10·log10(0.5) = -3.0103 dB
        assertEquals(-3.0103, Listen.meanPowerDb(AudioBuffer.of(rate, s)), 1e-3);
    }

    public static final class HasTable {
        public Table table() {
            return Table.create("outcomes", StringColumn.create("platform", "Spotify"));
        }
    }

    @Test
    void anyObjectWithAPresenterRendersAsItsTable() {
        mw.view.Show.register(HasTable.class, h -> java.util.Map.of("outcomes", h.table()));
        String html = (String) renderer.render(new HasTable()).getData(MIMEType.TEXT_HTML);
        assertNotNull(html);
        assertTrue(html.contains("Spotify"), html);
        assertEquals(null, renderer.render(42).getData(MIMEType.TEXT_HTML), "plain objects stay text");
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] x = new byte[4];
        for (int i = 0; i < 4; i++) {
            x[i] = b.get(at + i);
        }
        return new String(x, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void aMatchPlanShowsItsMovesFiguresAndCharts() {
        var track = mw.io.Audio.read(java.nio.file.Path.of("..", "sample-audio", "rock-hedgewars-rock.flac"));
        var plan = mw.matching.Match.of(track.sliceSeconds(0, 5), track.sliceSeconds(10, 15));
        String html = (String) renderer.render(plan).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("Moves and reasons") && html.contains("loudness") && html.contains("<img"), html);
    }
}
