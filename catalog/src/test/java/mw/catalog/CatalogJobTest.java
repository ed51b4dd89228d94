package mw.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import mw.loudness.Loudness;
import mw.loudness.LoudnessReport;
import mw.platforms.Platforms;
import mw.platforms.Profile;
import mw.platforms.ProfileSet;
import mw.platforms.TrackLoudness;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog job in local mode on a handful of generated files, some of them broken, with one Spark
 * session (local[2]) shared by every test: Spark's start-up costs seconds.
 */
class CatalogJobTest {
    private static SparkSession spark;
    @TempDir
    static Path dir;
    private static Path audio;
    private static CatalogJob.Result first;
    private static Path out;
    /** Where the impulses of clicks.wav are, samples at 44.1 kHz. */
    private static final int[] CLICKS_AT = {30_000, 70_000, 110_000};

    @BeforeAll
    static void start() throws Exception {
        spark = CatalogMain.session("local[2]");
        audio = Files.createDirectories(dir.resolve("library/album"));
        // EBU Tech 3341 test 1: a 1 kHz sine at -23 dBFS on both channels of a stereo file reads -23.0 LUFS
        Audio.write(sine(48_000, 1000, -23, 6.0), audio.resolve("tone-23.wav"), SampleFormat.PCM_24);
        // a 1 kHz sine at -6.02 dBFS made by sox (not by the workbench): -6.0 LUFS, true peak -6.0 dBTP
        run("sox", "-n", "-r", "44100", "-c", "2", "-b", "16", audio.resolve("tone-6.flac").toString(),
                "synth", "6", "sine", "1000", "vol", "0.5");
        // a sine 6 dB over full scale, clipped: clipping and true-peak QC fail
        AudioBuffer hot = sine(44_100, 1000, 6, 4.0);
        double[][] c = {hot.channel(0).clone(), hot.channel(1).clone()};
        for (double[] ch : c) {
            for (int i = 0; i < ch.length; i++) {
                ch[i] = Math.max(-1, Math.min(1, ch[i]));
            }
        }
        Audio.write(AudioBuffer.of(44_100, c), audio.resolve("clipped.wav"), SampleFormat.PCM_16);
        // broken ones: text named .wav, a FLAC cut after its header, an empty file
        Files.writeString(audio.resolve("notes-not-audio.wav"), "not audio at all");
        byte[] flac = Files.readAllBytes(audio.resolve("tone-6.flac"));
        Files.write(audio.resolve("truncated.flac"), java.util.Arrays.copyOf(flac, 60));
        Files.write(audio.resolve("empty.wav"), new byte[0]);
        Files.writeString(audio.resolve("cover.txt"), "a file that is not audio, skipped in a folder");
        // a -20 dBFS sine with three one-sample impulses: three clicks
        AudioBuffer clean = sine(44_100, 440, -20, 3.0);
        double[] l = clean.channel(0).clone();
        double[] r = clean.channel(1).clone();
        for (int at : CLICKS_AT) {
            l[at] += 0.5;
            r[at] += 0.5;
        }
        Audio.write(AudioBuffer.of(44_100, l, r), audio.resolve("clicks.wav"), SampleFormat.FLOAT_32);
        out = dir.resolve("out");
        first = CatalogJob.run(spark, new CatalogJob.Options(List.of(dir.resolve("library").toString()), out,
                "platforms", null, 4, true, null));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static CatalogJob.Options options(List<String> inputs, Path o) {
        return new CatalogJob.Options(inputs, o, "platforms", null, 4, false, null);
    }

    @Test
    void everyInputIsOneRowAndBrokenFilesAreErrorRows() throws Exception {
        assertEquals(7, first.files());
        assertEquals(1, first.skippedNonAudio());
        assertEquals(7, first.measured());
        assertEquals(3, first.errors());
        Map<String, Map<String, String>> rows = csv(out.resolve("tracks.csv"));
        assertEquals(7, rows.size());
        for (String broken : List.of("notes-not-audio.wav", "truncated.flac", "empty.wav")) {
            Map<String, String> r = rows.get(broken);
            assertFalse(r.get("error").isEmpty(), broken);
            assertTrue(r.get("error").contains(broken), "the error names the file: " + r.get("error"));
            assertEquals("", r.get("integrated_lufs"));
        }
        for (String good : List.of("tone-23.wav", "tone-6.flac", "clipped.wav")) {
            assertEquals("", rows.get(good).get("error"), good);
        }
        assertEquals(7, spark.read().parquet(out.resolve("tracks.parquet").toString()).count());
        String html = Files.readString(out.resolve("summary.html"));
        assertTrue(html.contains("Verdicts per platform") && html.contains("Worst offenders")
                && html.contains("<img"), "summary has its sections and charts");
    }

    @Test
    void loudnessMatchesTheStandardsTestSignalsAndMwLoudness() throws Exception {
        Map<String, Map<String, String>> rows = csv(out.resolve("tracks.csv"));
        // EBU Tech 3341 test 1 tolerance: +/-0.1 LU
        assertEquals(-23.0, d(rows.get("tone-23.wav"), "integrated_lufs"), 0.1);
        assertEquals(-23.0, d(rows.get("tone-23.wav"), "true_peak_dbtp"), 0.2);
        assertEquals(0.0, d(rows.get("tone-23.wav"), "loudness_range_lu"), 0.1);
        assertEquals(-6.02, d(rows.get("tone-6.flac"), "integrated_lufs"), 0.1);
        assertEquals(-6.02, d(rows.get("tone-6.flac"), "true_peak_dbtp"), 0.2);
        assertEquals(48_000, (int) d(rows.get("tone-23.wav"), "sample_rate_hz"));
        // what mw loudness prints for the same files (the streamed meter), within 0.01 LU
        for (String f : List.of("tone-23.wav", "tone-6.flac", "clipped.wav")) {
            LoudnessReport l = Loudness.of(audio.resolve(f));
            assertEquals(l.integratedLufs(), d(rows.get(f), "integrated_lufs"), 0.01, f);
            assertEquals(l.truePeakDbtp(), d(rows.get(f), "true_peak_dbtp"), 0.01, f);
            assertEquals(l.loudnessRangeLu(), d(rows.get(f), "loudness_range_lu"), 0.01, f);
            // and the verdicts of mw platforms
            for (Profile p : ProfileSet.bundled()) {
                String v = Platforms.outcome(TrackLoudness.of(f, l), p).verdict().key();
                assertEquals(v, rows.get(f).get(TrackAudit.columnSafe(p.id()) + "_verdict"), f + " " + p.id());
            }
        }
    }

    @Test
    void qcFindsTheClippedFile() throws Exception {
        Map<String, Map<String, String>> rows = csv(out.resolve("tracks.csv"));
        Map<String, String> clipped = rows.get("clipped.wav");
        assertEquals("false", clipped.get("qc_clipping"));
        assertEquals("fail", clipped.get("qc"));
        assertTrue(clipped.get("qc_failures").contains("clipping"));
        assertEquals("true", rows.get("tone-23.wav").get("qc_clipping"));
        // three isolated impulses on both channels: three clicks (a click in both channels counts once), at
        // their sample positions within 1 ms; none in a clean sine or a clipped one (clipping is not a click)
        Map<String, String> clicks = rows.get("clicks.wav");
        assertEquals(3, d(clicks, "clicks"), clicks.get("click_times_s"));
        String[] times = clicks.get("click_times_s").split(" ");
        assertEquals(CLICKS_AT.length, times.length, clicks.get("click_times_s"));
        for (int i = 0; i < CLICKS_AT.length; i++) {
            assertEquals(CLICKS_AT[i] / 44_100.0, Double.parseDouble(times[i]), 0.001, clicks.get("click_times_s"));
        }
        assertEquals(0, d(rows.get("tone-23.wav"), "clicks"));
        assertEquals(0, d(rows.get("tone-6.flac"), "clicks"));
        assertEquals(0, d(rows.get("clicks.wav"), "clipped_runs"));
        assertTrue(d(rows.get("clipped.wav"), "clipped_runs") > 0);
        // a 1 kHz sine has its centroid at 1 kHz
        assertEquals(1000, d(rows.get("tone-23.wav"), "spectral_centroid_hz"), 30);
    }

    @Test
    void aSecondRunMeasuresOnlyWhatChanged() throws Exception {
        List<String> in = List.of(dir.resolve("library").toString());
        CatalogJob.Options same = new CatalogJob.Options(in, out, "platforms", null, 4, true, null);
        CatalogJob.Result again = CatalogJob.run(spark, same);
        assertEquals(0, again.measured());
        assertEquals(7, again.reused());
        assertEquals(3, again.errors(), "error rows are kept, not retried while the file is unchanged");
        Files.setLastModifiedTime(audio.resolve("tone-23.wav"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        CatalogJob.Result changed = CatalogJob.run(spark, same);
        assertEquals(1, changed.measured());
        Map<String, Map<String, String>> rows = csv(out.resolve("tracks.csv"));
        assertEquals(7, rows.size(), "one row per input, the latest measurement");
        assertEquals(-23.0, d(rows.get("tone-23.wav"), "integrated_lufs"), 0.1);
    }

    @Test
    void aListFileWithAMissingPathGivesAnErrorRow() throws Exception {
        Path list = dir.resolve("list.csv");
        Files.writeString(list, "id,path\n1,library/album/tone-6.flac\n2,\"library/album/does-not-exist.wav\"\n");
        Path o = dir.resolve("out-list");
        CatalogJob.Result r = CatalogJob.run(spark, options(List.of(list.toString()), o));
        assertEquals(2, r.files());
        assertEquals(1, r.errors());
        Map<String, String> missing = csv(o.resolve("tracks.csv")).get("does-not-exist.wav");
        assertTrue(missing.get("error").contains("does-not-exist.wav"), missing.get("error"));
        assertEquals("", csv(o.resolve("tracks.csv")).get("tone-6.flac").get("clicks"), "no damage scan asked for");
        // a run with the damage scan measures again the rows made without it (not the error row)
        CatalogJob.Result withClicks = CatalogJob.run(spark, new CatalogJob.Options(List.of(list.toString()), o,
                "platforms", null, 4, true, null));
        assertEquals(1, withClicks.measured());
        assertEquals(0, d(csv(o.resolve("tracks.csv")).get("tone-6.flac"), "clicks"));
    }

    @Test
    void badInputIsRefusedWithOneClearMessage() throws Exception {
        Path other = Files.createDirectories(dir.resolve("someone-elses"));
        Files.writeString(other.resolve("important.txt"), "keep me");
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> CatalogJob.run(spark, options(List.of(audio.toString()), other)));
        assertTrue(e.getMessage().contains("holds other files"), e.getMessage());
        assertEquals("keep me", Files.readString(other.resolve("important.txt")));

        Path empty = Files.createDirectories(dir.resolve("empty-folder"));
        e = assertThrows(WorkbenchException.class, () -> CatalogJob.run(spark, options(List.of(empty.toString()),
                dir.resolve("out-empty"))));
        assertTrue(e.getMessage().contains("no audio files"), e.getMessage());

        e = assertThrows(WorkbenchException.class, () -> CatalogJob.run(spark, options(
                List.of(dir.resolve("nowhere").toString()), dir.resolve("out-nowhere"))));
        assertTrue(e.getMessage().contains("nowhere") && e.getMessage().contains("no such file"), e.getMessage());
    }

    /** Every {@code ./mw catalog} line of docs/catalog.md runs (in this JVM, from the project root). */
    @Test
    void theDocsExamplesRun() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String doc = Files.readString(root.resolve("docs/catalog.md"));
        Matcher m = Pattern.compile("(?m)^\\./mw catalog (.*)$").matcher(doc);
        Path scratch = Files.createDirectories(dir.resolve("docs"));
        int n = 0;
        while (m.find()) {
            List<String> args = new ArrayList<>();
            for (String a : m.group(1).trim().split("\\s+")) {
                a = a.replace("'", "");
                // relative paths are the project root's; outputs go to a scratch folder instead of out/
                if (a.startsWith("out/")) {
                    a = scratch.resolve(a).toString();
                } else if (!a.startsWith("-") && (a.contains("*") || Files.exists(root.resolve(a)))) {
                    a = root.resolve(a).toString();
                }
                args.add(a);
            }
            args.add("--quiet");
            assertEquals(0, CatalogMain.run(args.toArray(new String[0])), "docs/catalog.md: ./mw catalog " + m.group(1));
            n++;
        }
        assertTrue(n >= 2, "docs/catalog.md has examples");
    }

    private static double d(Map<String, String> row, String col) {
        String v = row.get(col);
        assertNotNull(v, col);
        assertFalse(v.isEmpty(), col + " is empty");
        return Double.parseDouble(v);
    }

    /** tracks.csv by file name, read with a CSV parser that is not Spark's (RFC 4180 quoting). */
    static Map<String, Map<String, String>> csv(Path f) throws IOException {
        List<List<String>> recs = parse(Files.newBufferedReader(f));
        List<String> head = recs.get(0);
        Map<String, Map<String, String>> out = new HashMap<>();
        for (List<String> r : recs.subList(1, recs.size())) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < head.size(); i++) {
                m.put(head.get(i), i < r.size() ? r.get(i) : null);
            }
            out.put(Path.of(m.get("path")).getFileName().toString(), m);
        }
        assertNull(out.get(null));
        return out;
    }

    private static List<List<String>> parse(Reader in) throws IOException {
        List<List<String>> recs = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean q = false;
        int c;
        try (in) {
            while ((c = in.read()) >= 0) {
                if (q) {
                    if (c == '"') {
                        in.mark(1);
                        int n = in.read();
                        if (n == '"') {
                            b.append('"');
                        } else {
                            q = false;
                            if (n < 0) {
                                break;
                            }
                            in.reset();
                        }
                    } else {
                        b.append((char) c);
                    }
                } else if (c == '"') {
                    q = true;
                } else if (c == ',') {
                    rec.add(b.toString());
                    b.setLength(0);
                } else if (c == '\n') {
                    rec.add(b.toString());
                    b.setLength(0);
                    recs.add(rec);
                    rec = new ArrayList<>();
                } else if (c != '\r') {
                    b.append((char) c);
                }
            }
        }
        if (!rec.isEmpty() || b.length() > 0) {
            rec.add(b.toString());
            recs.add(rec);
        }
        return recs;
    }

    static AudioBuffer sine(int rate, double hz, double dbfs, double seconds) {
        int n = (int) Math.round(rate * seconds);
        double a = Math.pow(10, dbfs / 20);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return AudioBuffer.of(rate, x, x.clone());
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + log);
    }
}
