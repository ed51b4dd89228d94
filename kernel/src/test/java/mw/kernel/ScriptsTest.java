package mw.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study scripts run through {@link ScriptRunner} (what {@code mw script} does) on files with
 * known answers: the EBU Tech 3341 test signals (stereo 1 kHz sine at -23 and -33 dBFS read -23.0 and
 * -33.0 LUFS, tolerance ±0.1 LU) and pure tones whose power lies in one 1/3-octave band.
 */
class ScriptsTest {
    static AudioBuffer stereoSine(double frequencyHz, double peakDbfs, double seconds, int rate) {
        double amp = Math.pow(10, peakDbfs / 20);
        double[] x = new double[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = amp * Math.sin(2 * Math.PI * frequencyHz * i / rate);
        }
        return AudioBuffer.of(rate, x, x);
    }

    static List<Map<String, String>> readCsv(Path f) throws Exception {
        List<String> lines = Files.readAllLines(f);
        String[] head = lines.get(0).split(",");
        return lines.stream().skip(1).map(l -> {
            String[] v = l.split(",", -1);
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < head.length; i++) {
                m.put(head[i], i < v.length ? v[i] : "");
            }
            return m;
        }).toList();
    }

    static int run(Path script, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ScriptRunner.run(script, List.of(args), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        return rc;
    }

    @Test
    void platformStudyMeasuresEveryFileAndReportsTheBadOne(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Audio.write(stereoSine(1000, -23, 10, 48000), in.resolve("tech3341-1.wav"), SampleFormat.PCM_24);
        Audio.write(stereoSine(1000, -33, 10, 48000), in.resolve("tech3341-2.wav"), SampleFormat.PCM_24);
        Files.write(in.resolve("broken.wav"), "RIFF this is not a wave file".getBytes(StandardCharsets.US_ASCII));
        Path out = dir.resolve("out");
        run(Tools.root().resolve("scripts/platform-study.jsh"), in.toString(), out.toString());

        List<Map<String, String>> loud = readCsv(out.resolve("loudness.csv"));
        assertEquals(2, loud.size());
        assertEquals(-23.0, Double.parseDouble(loud.get(0).get("integrated_lufs")), 0.1, "EBU Tech 3341 case 1");
        assertEquals(-33.0, Double.parseDouble(loud.get(1).get("integrated_lufs")), 0.1, "EBU Tech 3341 case 2");
        assertEquals(-23.0, Double.parseDouble(loud.get(0).get("true_peak_dbtp")), 0.1, "a 1 kHz sine's true peak is its peak");

        List<Map<String, String>> outcomes = readCsv(out.resolve("outcomes.csv"));
        assertTrue(outcomes.size() >= 2 * 5 && outcomes.size() % 2 == 0, "every profile for both files: " + outcomes.size());
        Map<String, String> spotify = outcomes.stream()
                .filter(r -> r.get("track").equals("tech3341-1.wav") && r.get("platform").equals("spotify_normal")).findFirst().orElseThrow();
        // Spotify's default: -14 LUFS; a quiet track is turned up while its true peak stays under -1 dBTP:
        // -14 - (-23) = +9 dB, and -23 dBTP + 9 dB = -14 dBTP leaves room
        assertEquals(9.0, Double.parseDouble(spotify.get("gain_db")), 0.1);
        assertEquals(-14.0, Double.parseDouble(spotify.get("playback_lufs")), 0.1);

        List<Map<String, String>> errors = readCsv(out.resolve("errors.csv"));
        assertEquals(1, errors.size());
        assertEquals("broken.wav", errors.get(0).get("file"));
    }

    @Test
    void referenceCompareFindsEachTonesBand(@TempDir Path dir) throws Exception {
        Path mix = dir.resolve("mix.wav");
        Path ref = dir.resolve("ref.wav");
        Audio.write(stereoSine(1000, -23, 5, 48000), mix, SampleFormat.FLOAT_32);
        Audio.write(stereoSine(4000, -20, 5, 48000), ref, SampleFormat.FLOAT_32);
        Path out = dir.resolve("out");
        run(Tools.root().resolve("scripts/reference-compare.jsh"), mix.toString(), ref.toString(), out.toString());

        List<Map<String, String>> bands = readCsv(out.resolve("bands.csv"));
        assertEquals(29, bands.size(), "1/3-octave bands 25 Hz .. 16 kHz");
        Map<String, String> b1k = bands.stream().filter(r -> r.get("band_hz").equals("1000")).findFirst().orElseThrow();
        Map<String, String> b4k = bands.stream().filter(r -> r.get("band_hz").equals("3981")).findFirst().orElseThrow();
        // a pure tone puts (almost) all its power into its own band: 0 dB relative to the total
        assertEquals(0.0, Double.parseDouble(b1k.get("mix_db")), 0.1);
        assertEquals(0.0, Double.parseDouble(b4k.get("reference_db")), 0.1);
        assertTrue(Double.parseDouble(b1k.get("difference_db")) < -30, b1k.toString());
        assertTrue(Double.parseDouble(b4k.get("difference_db")) > 30, b4k.toString());

        List<Map<String, String>> summary = readCsv(out.resolve("summary.csv"));
        assertEquals(-23.0, Double.parseDouble(summary.get(0).get("integrated_lufs")), 0.1, "EBU Tech 3341 case 1");
        // crest factor of a sine: 20·log10(√2) = 3.01 dB; centroid of a pure tone: its frequency
        assertEquals(3.01, Double.parseDouble(summary.get(0).get("crest_db")), 0.02);
        assertEquals(1000, Double.parseDouble(summary.get(0).get("centroid_hz")), 15);
        assertEquals(4000, Double.parseDouble(summary.get(1).get("centroid_hz")), 15);
        assertTrue(Arrays.asList(Files.readString(out.resolve("summary.csv")).split("\n")).size() == 3);
        try (var files = Files.list(out)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("comparison-")), "the library comparison's tables");
        }
    }

    @Test
    void expressionLinesPrintTheirValuesAsJshellDoes(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("echo.jsh");
        Files.writeString(s, String.join("\n",
                "int a = 20",
                "a + 22        // the answer",
                "var t = Table.create(\"levels\", DoubleColumn.create(\"level_db\", new double[] {-1.23456}))",
                "t",
                "System.out.println(\"done\");",
                "a * 2"));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            run(s);
        } finally {
            System.setOut(old);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("42", "levels", "level_db", "   -1.23", "done", "40"), lines);
    }

    @Test
    void chartsEchoTheirTitleAndASavedPng(@TempDir Path dir) throws Exception {
        var chart = new org.knowm.xchart.XYChartBuilder().width(300).height(200).title("Loudness of the mix").build();
        chart.addSeries("M", new double[] {0, 1}, new double[] {-20, -18});
        ScriptEcho echo = new ScriptEcho(System.out, dir.resolve("charts"));
        String line = echo.text(chart);
        Path png = dir.resolve("charts/01-loudness-of-the-mix.png");
        assertEquals("chart: Loudness of the mix -> " + png, line);
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
        assertEquals("\u0089PNG", new String(head, StandardCharsets.ISO_8859_1));
    }

    @Test
    void scriptSeesItsArgumentsAndExitStatus(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("args.jsh");
        Files.writeString(s, "Files.writeString(scriptPath.resolveSibling(\"seen.txt\"), String.join(\"|\", args));\n/exit 3\nthis line is never run\n");
        int rc = ScriptRunner.run(s, List.of("a b", "c"), System.err);
        assertEquals(3, rc);
        assertEquals("a b|c", Files.readString(dir.resolve("seen.txt")));
    }

    @Test
    void failingScriptReportsTheFileAndLine(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("bad.jsh");
        Files.writeString(s, "int a = 1;\nint b = a / 0;\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ScriptRunner.run(s, List.of(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, rc);
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("bad.jsh line 2") && msg.contains("ArithmeticException"), msg);
    }
}
