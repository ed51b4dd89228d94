package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mw loudness}: the exact output form other tools rely on. */
class LoudnessCommandTest {
    @TempDir
    Path tmp;
    Path tone;
    Path silent;
    Path bad;

    /** A stereo 1 kHz sine at -23 dBFS peak reads -23 LUFS (EBU Tech 3341 case 1). */
    @BeforeEach
    void files() throws Exception {
        int fs = 48000;
        double[] x = new double[5 * fs];
        double a = Math.pow(10, -23 / 20.0);
        for (int i = 0; i < x.length; i++) {
            x[i] = a * Math.sin(2 * Math.PI * 1000 * i / fs);
        }
        tone = tmp.resolve("tone.wav");
        Audio.write(AudioBuffer.of(fs, x, x), tone, SampleFormat.FLOAT_32);
        silent = tmp.resolve("silent.wav");
        Audio.write(AudioBuffer.silence(44100, ChannelLayout.STEREO, 44100), silent, SampleFormat.FLOAT_32);
        bad = tmp.resolve("bad.wav");
        Files.writeString(bad, "RIFF but not really a wave file");
    }

    static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    @Test
    void jsonOneObjectPerFileAndExit2ForABadFile() throws Exception {
        Cli.Result r = run("loudness", "--json", tone.toString(), bad.toString(), silent.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.wav"), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        ObjectMapper om = new ObjectMapper();
        JsonNode t = om.readTree(lines.get(0));
        assertEquals(tone.toString(), t.get("file").asText());
        for (String k : List.of("sample_rate", "channels", "duration_s", "integrated_lufs", "loudness_range_lu",
                "momentary_max_lufs", "short_term_max_lufs", "true_peak_dbtp", "sample_peak_dbfs", "plr_db")) {
            assertTrue(t.has(k), k);
        }
        assertEquals(48000, t.get("sample_rate").asInt());
        assertEquals(2, t.get("channels").asInt());
        assertEquals(5.0, t.get("duration_s").asDouble(), 1e-9);
        assertEquals(-23.0, t.get("integrated_lufs").asDouble(), 0.1);
        assertEquals(-23.0, t.get("true_peak_dbtp").asDouble(), 0.05);
        assertTrue(!t.has("series"));
        JsonNode s = om.readTree(lines.get(1));
        assertTrue(s.get("integrated_lufs").isNull());
        assertTrue(s.get("true_peak_dbtp").isNull());
        assertTrue(s.get("notes").asText().contains("silence"), s.toString());
    }

    @Test
    void seriesHasEndTimesAndNullsBeforeAWindowIsComplete() throws Exception {
        Cli.Result r = run("loudness", "--json", "--series", "--hop-ms", "500", tone.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode s = new ObjectMapper().readTree(r.out().strip()).get("series");
        assertEquals(0.5, s.get("hop_s").asDouble(), 1e-12);
        assertEquals(10, s.get("t").size());
        assertEquals(0.5, s.get("t").get(0).asDouble(), 1e-12);
        assertEquals(5.0, s.get("t").get(9).asDouble(), 1e-12);
        assertEquals(-23.0, s.get("momentary").get(0).asDouble(), 0.1, "0.5 s: first complete 400 ms window");
        assertTrue(s.get("short_term").get(4).isNull(), "2.5 s: no 3 s window yet");
        assertEquals(-23.0, s.get("short_term").get(5).asDouble(), 0.1, "3.0 s");
        assertEquals(10, s.get("momentary").size());
        assertEquals(10, s.get("running_integrated").size());
        assertEquals(-23.0, s.get("running_integrated").get(0).asDouble(), 0.1, "0.5 s: two gating blocks of the tone");
        assertEquals(-23.0, s.get("running_integrated").get(9).asDouble(), 0.1, "5 s: the tone's integrated loudness");
    }

    @Test
    void defaultHopIs100Ms() throws Exception {
        Cli.Result r = run("loudness", "--json", "--series", tone.toString());
        JsonNode s = new ObjectMapper().readTree(r.out().strip()).get("series");
        assertEquals(0.1, s.get("hop_s").asDouble(), 1e-12);
        assertEquals(50, s.get("t").size());
        assertTrue(s.get("momentary").get(2).isNull(), "0.3 s");
        assertEquals(-23.0, s.get("momentary").get(3).asDouble(), 0.1, "0.4 s");
    }

    @Test
    void tableHasOneRowPerFile() {
        Cli.Result r = run("loudness", tone.toString(), silent.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("file") && lines.get(0).contains("I LUFS"), r.out());
        assertTrue(lines.get(1).startsWith(tone.toString()) && lines.get(1).contains("-23.0"), r.out());
        assertTrue(lines.get(2).startsWith(silent.toString()), r.out());
        assertTrue(r.out().contains("note: " + silent), r.out());
        // digital silence has no integrated loudness: the one "n/a" of every workbench table, never a bare "-"
        List<String> cells = List.of(lines.get(2).substring(silent.toString().length()).trim().split(" +"));
        assertEquals("n/a", cells.get(0), lines.get(2));
        assertTrue(!cells.contains("-"), lines.get(2));
    }

    @Test
    void seriesTextShowsReadingsBeforeAWindowIsCompleteAsNotAvailable() {
        Cli.Result r = run("loudness", "--series", tone.toString());
        assertEquals(0, r.exit(), r.err());
        String first = r.out().lines().filter(l -> l.trim().startsWith("0.100")).findFirst().orElseThrow();
        assertEquals(List.of("0.100", "n/a", "n/a", "n/a"), List.of(first.trim().split(" +")), first);
        String at = r.out().lines().filter(l -> l.trim().startsWith("0.400")).findFirst().orElseThrow();
        List<String> c = List.of(at.trim().split(" +"));
        assertEquals(-23.0, Double.parseDouble(c.get(1)), 0.1, at);
        assertEquals("n/a", c.get(2), "0.4 s: no 3 s window yet");
    }

    @Test
    void badHopIsRefused() {
        Cli.Result r = run("loudness", "--hop-ms", "0", tone.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--hop-ms"), r.err());
    }
}
