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
    }
}
