package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    static AudioBuffer tone(double hz, double seconds) {
        int sr = 44100;
        int n = (int) (seconds * sr);
        double[] l = new double[n];
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = 0.3 * Math.sin(2 * Math.PI * hz * i / sr);
            r[i] = 0.2 * Math.sin(2 * Math.PI * hz * i / sr + 0.3);
        }
        return AudioBuffer.of(sr, l, r);
    }

    @Test
    void writesTablesChartsAndReportAndGoesOnPastABadFile(@TempDir Path dir) throws Exception {
        Path mix = dir.resolve("mix.wav");
        Path ref = dir.resolve("ref.wav");
        Audio.write(tone(440, 4), mix, SampleFormat.PCM_24);
        Audio.write(tone(880, 4), ref, SampleFormat.PCM_24);
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "RIFF nonsense");
        Path out = dir.resolve("out");
        int status = Main.run("analyze", bad.toString(), mix.toString(), "--ref", ref.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, status);
        Path m = out.resolve("mix");
        for (String f : new String[] {"features.csv", "features.json", "bands.csv", "stereo-bands.json", "dynamics.csv",
            "compare-eq.csv", "compare-features.json", "spectrum.png", "spectrogram.png", "goniometer.png",
            "compare-spectrum.png", "report.html"}) {
            assertTrue(Files.size(m.resolve(f)) > 50, f);
        }
        String html = Files.readString(m.resolve("report.html"));
        assertTrue(html.contains("Comparison with references"));
        assertTrue(Files.readString(m.resolve("features.csv")).startsWith("feature,mix"));
        assertTrue(!Files.exists(out.resolve("bad")));
    }

    @Test
    void jsonGoesToStandardOutput(@TempDir Path dir) throws Exception {
        Path mono = dir.resolve("mono.wav");
        int sr = 48000;
        double[] x = new double[sr * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.5 * Math.sin(2 * Math.PI * 1000 * i / sr);
        }
        Audio.write(AudioBuffer.of(sr, x), mono, SampleFormat.FLOAT_32);
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        int status;
        try {
            System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
            status = Main.run("analyze", mono.toString(), "--out", dir.resolve("out").toString(), "--json");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, status);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
        var features = json.get(mono.toString()).get("features");
        assertEquals("spectral centroid (Hz)", features.get(0).get("feature").asText());
        // a 1 kHz sine: centroid within 1 % of 1 kHz; no stereo tables for a mono file
        assertEquals(1000, features.get(0).get("mix").asDouble(), 10);
        assertTrue(json.get(mono.toString()).get("stereo") == null);
        assertTrue(json.get(mono.toString()).get("features-per-signal") == null, "a mono file has only the mix");
    }

    /**
     * Left a 1 kHz sine, right the same inverted: the side signal (L - R)/2 is the sine (centroid 1 kHz, RMS
     * of a 0.5-amplitude sine = 20 log10(0.5) = -6.02 dBFS in the AES17 convention, where a full-scale sine
     * reads 0 dBFS) and the mid signal is silence.
     */
    @Test
    void stereoGetsAFeatureColumnPerChannelAndMidSide(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("inverted.wav");
        int sr = 48000;
        double[] l = new double[sr * 2];
        double[] r = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = 0.5 * Math.sin(2 * Math.PI * 1000 * i / sr);
            r[i] = -l[i];
        }
        Audio.write(AudioBuffer.of(sr, l, r), f, SampleFormat.FLOAT_32);
        Path out = dir.resolve("out");
        assertEquals(0, Main.run("analyze", f.toString(), "--out", out.toString()));
        java.util.List<String> csv = Files.readAllLines(out.resolve("inverted").resolve("features-per-signal.csv"));
        assertEquals("feature,mix,L,R,M,S", csv.get(0));
        String[] centroid = csv.get(1).split(",");
        assertEquals("spectral centroid (Hz)", centroid[0]);
        assertEquals(1000, Double.parseDouble(centroid[2]), 10, "L");
        assertEquals(1000, Double.parseDouble(centroid[3]), 10, "R");
        assertEquals(1000, Double.parseDouble(centroid[5]), 10, "S");
        String rmsDb = csv.stream().filter(x -> x.startsWith("RMS (dBFS)")).findFirst().orElseThrow();
        String[] v = rmsDb.split(",", -1);
        assertEquals(20 * Math.log10(0.5), Double.parseDouble(v[5]), 0.05, "S");
        assertEquals(20 * Math.log10(0.5), Double.parseDouble(v[2]), 0.05, "L");
        assertEquals("-inf", v[4], "M is silent: " + rmsDb);
        assertTrue(Files.readString(out.resolve("inverted").resolve("report.html")).contains("Features per channel and mid/side"));
    }
}
