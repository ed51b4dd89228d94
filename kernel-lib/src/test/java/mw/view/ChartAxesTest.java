package mw.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import mw.analysis.Spectrogram;
import mw.analysis.Spectrum;
import mw.loudness.LoudnessSeries;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

/** Round ticks on time axes and round frequencies on the spectrogram. */
class ChartAxesTest {
    @Test
    void timeStepsAreRoundAndFewEnough() {
        assertEquals(0.5, Charts.timeStepSeconds(3, 8));
        assertEquals(5.0, Charts.timeStepSeconds(20, 8));
        assertEquals(10.0, Charts.timeStepSeconds(45, 8));
        assertEquals(30.0, Charts.timeStepSeconds(240, 8));
        assertEquals(120.0, Charts.timeStepSeconds(900, 8));
        assertEquals(1800.0, Charts.timeStepSeconds(3 * 3600, 8));
    }

    @Test
    void timeLabels() {
        assertEquals("0 s", Charts.formatTime(0, 20));
        assertEquals("12.5 s", Charts.formatTime(12.5, 20));
        assertEquals("5 s", Charts.formatTime(5.0000001, 20));
        assertEquals("0:30", Charts.formatTime(30, 240));
        assertEquals("3:00", Charts.formatTime(180, 240));
        assertEquals("1:02:05", Charts.formatTime(3725, 4000));
        assertEquals("Time (m:ss)", Charts.timeAxisTitle(240));
    }

    /** A 4-minute programme is plotted in minutes so that XChart's 0.5 step is 30 s, labelled m:ss. */
    @Test
    void longLoudnessChartIsInMinutesWithMinuteLabels() {
        int n = 2400;
        double[] t = new double[n];
        double[] m = new double[n];
        double[] i = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = (k + 1) * 0.1;
            m[k] = -20 + Math.sin(k / 50.0);
            i[k] = -20;
        }
        XYChart c = Views.loudnessChart(new LoudnessSeries(0.1, t, m, m, i), null);
        assertTrue(c.getSeriesMap().containsKey("integrated (running)"));
        assertEquals(4.0, c.getStyler().getXAxisMax(), 1e-12);
        double[] x = c.getSeriesMap().get("integrated (running)").getXData();
        assertEquals(4.0, x[x.length - 1], 0.01, "x in minutes (thinned to at most 2000 points)");
        assertEquals("0:30", c.getStyler().getxAxisTickLabelsFormattingFunction().apply(0.5));
        assertEquals("Time (m:ss)", c.getXAxisTitle());
        assertTrue(Charts.png(c).length > 1000);
    }

    /** Labelled rows are centred within 0.3 % of 50, 100, 200, 500 Hz, 1, 2, 5, 10, 20 kHz; the rest unlabelled. */
    @Test
    void spectrogramRowsAreLabelledAtRoundFrequencies() {
        int fs = 44100;
        double[] x = new double[fs * 2];
        for (int k = 0; k < x.length; k++) {
            x[k] = Math.sin(2 * Math.PI * 1000 * k / fs);
        }
        Spectrogram sg = Spectrum.spectrogram(x, fs, "tone");
        HeatMapChart c = Views.spectrogramChart(sg);
        List<?> rows = c.getHeatMapSeries().getYData();
        List<String> labels = new ArrayList<>();
        int kLow = (int) Math.ceil(20 * Math.log10(30));
        for (int r = 0; r < rows.size(); r++) {
            String l = rows.get(r).toString().strip();
            if (l.isEmpty()) {
                continue;
            }
            labels.add(l);
            double want = Double.parseDouble(l.replace("k", "")) * (l.endsWith("k") ? 1000 : 1);
            double centre = Math.pow(10, (kLow + r) / 20.0);
            assertEquals(want, centre, want * 0.003, l);
        }
        assertEquals(List.of("50", "100", "200", "500", "1k", "2k", "5k", "10k", "20k"), labels);
        List<String> times = c.getHeatMapSeries().getXData().stream().map(o -> o.toString().strip())
                .filter(s -> !s.isEmpty()).toList();
        assertEquals(List.of("0 s", "0.5 s", "1 s", "1.5 s"), times.subList(0, 4));
        assertTrue(Charts.png(c).length > 1000);
    }
}
