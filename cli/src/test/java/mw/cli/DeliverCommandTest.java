package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Masters are checked by the project's meter and, independently, by ffmpeg's ebur128 filter. */
class DeliverCommandTest {
    @TempDir
    Path dir;

    /** ffmpeg's integrated loudness and true peak (both printed to 0.1). */
    record Ffmpeg(double integratedLufs, double truePeakDbtp) {
    }

    static Ffmpeg ffmpeg(Path f) throws Exception {
        boolean has = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            has |= Files.isExecutable(Path.of(d, "ffmpeg"));
        }
        if (!has && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("ffmpeg is required under CI");
        }
        assumeTrue(has, "ffmpeg not installed");
        Path err = Files.createTempFile("ffmpeg", ".txt");
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostats", "-i", f.toString(), "-filter_complex",
                "ebur128=peak=true", "-f", "null", "-").redirectErrorStream(true).redirectOutput(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String s = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        String summary = s.substring(s.lastIndexOf("Summary:"));
        Matcher i = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(summary);
        Matcher tp = Pattern.compile("Peak:\\s+(-?[0-9.]+|-inf) dBFS").matcher(summary);
        assertTrue(i.find() && tp.find(), summary);
        return new Ffmpeg(Double.parseDouble(i.group(1)), Double.parseDouble(tp.group(1)));
    }

    @Test
    void everyMasterIsOnTargetUnderItsCeilingByBothMeters() throws Exception {
        Cli.requireMeter();
        Path in = Cli.writeSine(dir.resolve("mix.wav"), -20, 6);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("deliver", in.toString(), "--platforms", "ebu_r128,apple_podcasts,apple_music,atsc_a85",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode rep = new ObjectMapper().readTree(out.resolve("deliver.json").toFile());
        assertEquals("pass", rep.get("result").asText());
        assertEquals(4, rep.get("masters").size());
        for (JsonNode m : rep.get("masters")) {
            Path f = Path.of(m.get("file").asText());
            double target = m.get("target_lufs").asDouble();
            double ceiling = m.get("ceiling_dbtp").asDouble();
            LoudnessReport own = Loudness.of(f);
            assertEquals(target, own.integratedLufs(), 0.1, f.toString());
            assertTrue(own.truePeakDbtp() <= ceiling, f.toString());
            Ffmpeg ff = ffmpeg(f);
            assertEquals(target, ff.integratedLufs(), 0.15, "ffmpeg on " + f); // ffmpeg prints 0.1 steps
            assertTrue(ff.truePeakDbtp() <= ceiling + 0.05, "ffmpeg true peak on " + f);
            assertEquals("pass", m.get("qc").get("result").asText());
        }
        assertTrue(Files.readString(out.resolve("deliver.html")).contains("Result: pass"));
        assertTrue(Files.exists(in), "input kept");
    }

    /** A -20 dBFS sine with one loud click: its true peak leaves no room to raise it to -14 LUFS by gain alone. */
    Path clicky() {
        AudioBuffer s = Cli.sine(-20, 6, 48000);
        double[] l = s.channel(0);
        double[] rr = s.channel(1);
        l[48000] = 0.9;
        rr[48000] = 0.9;
        Path in = dir.resolve("clicky.wav");
        Audio.write(AudioBuffer.of(48000, l, rr), in, SampleFormat.FLOAT_32);
        return in;
    }

    @Test
    void theLimiterTakesThePeaksSoTheTargetIsReached() throws Exception {
        Cli.requireMeter();
        Path in = clicky();
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("deliver", in.toString(), "--platforms", "spotify_normal", "--out", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        Path f = out.resolve("clicky.spotify_normal.wav");
        assertEquals(-14.0, Loudness.of(f).integratedLufs(), 0.1);
        assertTrue(Loudness.of(f).truePeakDbtp() <= -1.0);
        Ffmpeg ff = ffmpeg(f);
        assertEquals(-14.0, ff.integratedLufs(), 0.15);
        assertTrue(ff.truePeakDbtp() <= -0.95);
    }

    @Test
    void aTargetBeyondTheAllowedLimitingIsReportedAsAFailureNotHidden() throws Exception {
        Cli.requireMeter();
        Path in = clicky();
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("deliver", in.toString(), "--platforms", "spotify_normal", "--max-limiting-db", "2",
                "--out", out.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        JsonNode rep = new ObjectMapper().readTree(out.resolve("deliver.json").toFile());
        assertEquals("fail", rep.get("result").asText());
        JsonNode m = rep.get("masters").get(0);
        assertEquals("fail", m.get("qc").get("result").asText());
        assertTrue(m.get("note").asText().contains("limiting allowed"), m.get("note").asText());
        Path f = Path.of(m.get("file").asText());
        assertTrue(Loudness.of(f).truePeakDbtp() <= -1.0);
        assertTrue(ffmpeg(f).truePeakDbtp() <= -0.95);
        // the report never says pass while a check fails
        for (JsonNode x : List.of(rep.get("input_qc"), m.get("qc"))) {
            boolean anyFail = false;
            for (JsonNode c : x.get("checks")) {
                anyFail |= c.get("result").asText().equals("fail");
            }
            assertEquals(anyFail ? "fail" : "pass", x.get("result").asText());
        }
        assertTrue(Files.readString(out.resolve("deliver.html")).contains("Result: fail"));
    }

    @Test
    void codecCheckAddsTheDecodedTruePeakCheck() throws Exception {
        Cli.requireMeter();
        Path in = Cli.writeSine(dir.resolve("mix.wav"), -20, 4);
        ffmpeg(in); // skips without ffmpeg (fails under CI)
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("deliver", in.toString(), "--platforms", "spotify_normal,ebu_r128", "--codec-check",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode rep = new ObjectMapper().readTree(out.resolve("deliver.json").toFile());
        JsonNode spotify = rep.get("masters").get(0).get("qc").get("checks");
        boolean found = false;
        for (JsonNode c : spotify) {
            if (c.get("id").asText().equals("codec_true_peak")) {
                found = true;
                // a sine mastered to -14 LUFS peaks near -14 dBTP; Vorbis changes that by a fraction of a dB
                double tp = Double.parseDouble(c.get("measured").asText().replace(" dBTP", ""));
                assertEquals(-14.0, tp, 1.0);
                assertEquals("pass", c.get("result").asText());
            }
        }
        assertTrue(found, spotify.toString());
        for (JsonNode c : rep.get("masters").get(1).get("qc").get("checks")) {
            assertTrue(!c.get("id").asText().equals("codec_true_peak"), "delivery specs have no codec");
        }
    }

    @Test
    void aFolderIsDeliveredALinePerMasterAndABadFileListedAtTheEnd() throws Exception {
        Cli.requireMeter();
        Path album = Files.createDirectories(dir.resolve("album"));
        Cli.writeSine(album.resolve("a.wav"), -20, 3);
        Files.writeString(album.resolve("b.wav"), "not audio");
        Cli.writeSine(album.resolve("c.wav"), -16, 3);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("deliver", album.toString(), "--platforms", "spotify_normal,cd", "--out", out.toString());
        assertEquals(2, r.exit(), r.out() + r.err());
        String o = r.out();
        // a line per master, in order, then the verdict and the failures
        int a = o.indexOf("a.spotify_normal.wav");
        int cd = o.indexOf("a.cd.wav");
        int bad = o.indexOf("FAILED " + album.resolve("b.wav"));
        int c = o.indexOf("c.cd.wav");
        int summary = o.indexOf("1 input failed:");
        assertTrue(a >= 0 && a < cd && cd < bad && bad < c && c < summary, o);
        JsonNode rep = new ObjectMapper().readTree(out.resolve("deliver.json").toFile());
        assertEquals(2, rep.get("inputs").size());
        assertTrue(rep.get("failures").get(0).get("message").asText().contains("b.wav"));
        // the CD master of a 48 kHz float input: 44.1 kHz, 16-bit
        assertEquals(44100, Audio.info(out.resolve("c.cd.wav")).sampleRate());
        assertEquals(16, Audio.info(out.resolve("c.cd.wav")).bitsPerSample());
        assertTrue(Files.readString(out.resolve("deliver.html")).contains("Result: fail"));
    }

    @Test
    void listenerSettingsAreNotDeliverables() {
        Path in = Cli.writeSine(dir.resolve("mix.wav"), -20, 2);
        Cli.Result r = Cli.run("deliver", in.toString(), "--platforms", "spotify_quiet", "--out", dir.resolve("o").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("spotify_quiet is a listener setting") && r.err().contains("accepted: spotify_normal"), r.err());
    }

    @Test
    void badInputIsOneLineError() {
        Cli.Result r = Cli.run("deliver", dir.resolve("none.wav").toString(), "--platforms", "ebu_r128", "--out", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("mw: ") && r.err().contains("none.wav"), r.err());
        Cli.Result b = Cli.run("deliver", "x.wav", "--platforms", "nope", "--out", dir.toString());
        assertEquals(2, b.exit());
        assertTrue(b.err().contains("'nope' is unknown"), b.err());
    }
}
