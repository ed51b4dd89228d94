package mw.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import mw.analysis.Analysis;
import mw.analysis.Compare;
import mw.analysis.Comparison;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/** Every chart kind renders to a non-empty PNG, every table is filled, the report holds them. */
class ViewsTest {
    static final int SR = 44100;

    /** A few seconds of a stereo test programme: a decaying chord per second, noise hits panned, a slow swell. */
    static AudioBuffer programme(double seconds, long seed, double brightness) {
        int n = (int) (seconds * SR);
        double[] l = new double[n];
        double[] r = new double[n];
        Random rnd = new Random(seed);
        double[] freqs = {110, 220, 277.18, 329.63, 440};
        for (int i = 0; i < n; i++) {
            double t = (double) i / SR;
            double env = Math.exp(-3 * (t % 1.0));
            double swell = 0.5 + 0.5 * Math.sin(2 * Math.PI * t / seconds);
            double s = 0;
            for (int k = 0; k < freqs.length; k++) {
                s += Math.sin(2 * Math.PI * freqs[k] * t) / (k + 1);
            }
            double noise = rnd.nextGaussian() * brightness * Math.exp(-30 * ((t + 0.5) % 1.0));
            l[i] = 0.25 * env * swell * s + 0.2 * noise;
            r[i] = 0.22 * env * swell * s - 0.05 * noise + 0.02 * rnd.nextGaussian() * brightness;
        }
        return AudioBuffer.of(SR, l, r);
    }

    @Test
    void everyChartAndTableOfAnAnalysisAndAComparison() throws Exception {
        AudioBuffer mix = programme(3, 1, 1.0);
        Analysis a = Analysis.of("test programme", mix);
        Comparison c = Compare.of("mix", mix, Map.of("brighter", programme(3, 2, 3.0)));
        Path dir = Path.of("target", "chart-gallery");
        Map<String, Chart<?, ?>> charts = new java.util.LinkedHashMap<>(Views.charts(a));
        charts.putAll(Views.charts(c));
        charts.put("loudness", Views.loudnessChart(new double[] {0, 1, 2, 3}, new double[] {-20, -18, -16, -17},
                new double[] {-21, -19, -18, -17.5}, new double[] {-21, -20, -19, -18.6}));
        charts.put("ltas-overlay", Views.ltasOverlayChart(new java.util.LinkedHashMap<>(Map.of(
                "mix", a.ltas(), "brighter", mw.analysis.Spectrum.ltas(programme(3, 2, 3.0))))));
        charts.put("feature-time", Views.featureTimeChart(mw.analysis.Features.frames(mix, "mix")));
        assertEquals(12, charts.size());
        for (var e : charts.entrySet()) {
            Path p = Charts.writePng(e.getValue(), dir.resolve(e.getKey() + ".png"));
            assertTrue(Files.size(p) > 2000, e.getKey());
        }
        assertTrue(Files.readString(Charts.writeSvg(charts.get("width"), dir.resolve("width.svg"))).contains("<svg"));
        Map<String, Table> tables = new java.util.LinkedHashMap<>(Views.tables(a));
        tables.putAll(Views.tables(c));
        for (var e : tables.entrySet()) {
            assertTrue(e.getValue().rowCount() > 0, e.getKey());
        }
        String html = Views.addTo(Views.report(a), c).toHtml();
        assertTrue(html.contains("spectral centroid (Hz)"));
        assertTrue(html.contains(Tables.format(a.features().spectralCentroidHz())));
        assertTrue(html.contains("EQ suggestions"));
        assertTrue(html.split("data:image/png;base64").length >= 10);
    }
}
