package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mw info} run in-process: good files are described; every kind of bad input gives exactly one
 * line on stderr that names the file, and exit status 2; a batch goes on past a bad file.
 */
class InfoCommandTest {
    @TempDir
    Path tmp;

    static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    private Path good(String name) {
        double[] l = new double[4410];
        double[] r = new double[4410];
        for (int i = 0; i < l.length; i++) {
            l[i] = 0.5 * Math.sin(2 * Math.PI * 1000 * i / 44100.0);
            r[i] = 0.25 * Math.sin(2 * Math.PI * 500 * i / 44100.0);
        }
        Path f = tmp.resolve(name);
        Audio.write(AudioBuffer.of(44100, l, r), f, SampleFormat.PCM_16);
        return f;
    }

    /** A canonical 44-byte-header PCM WAV with the given fields and {@code dataBytes} of payload. */
    static byte[] wav(int formatTag, int channels, int sampleRate, int bits, int declaredDataBytes, int dataBytes) {
        int align = Math.max(1, channels) * bits / 8;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + declaredDataBytes);
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) formatTag).putShort((short) channels).putInt(sampleRate);
        b.putInt(sampleRate * align).putShort((short) align).putShort((short) bits);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(declaredDataBytes);
        for (int i = 0; i < dataBytes; i++) {
            b.put((byte) (i * 37));
        }
        return b.array();
    }

    private void assertOneLineError(Path file, String expectedProblem, String... args) {
        Cli.Result r = run(args);
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), "exit status; stderr: " + r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "exactly one line on stderr, got: " + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("mw: "), line);
        assertTrue(line.contains(file.toString()), "names the file: " + line);
        assertTrue(line.toLowerCase(java.util.Locale.ROOT).contains(expectedProblem), "says '" + expectedProblem + "': " + line);
        assertTrue(line.contains("accepted"), "says what is accepted: " + line);
        assertFalse(line.contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    private void assertInfoFails(Path file, String expectedProblem) {
        assertOneLineError(file, expectedProblem, "info", file.toString());
    }

    @Test
    void describesAGoodFile() {
        Path f = good("tone.wav");
        Cli.Result r = run("info", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("WAV, PCM 16-bit"), r.out());
        assertTrue(r.out().contains("44100 Hz"), r.out());
        assertTrue(r.out().contains("2 (stereo: L R)"), r.out());
        assertTrue(r.out().contains("0:00.100 (4410 frames)"), r.out());
        // 0.5 and 0.25 peaks: -6.02 and -12.04 dBFS (within the 16-bit dither).
        assertTrue(r.out().contains("L -6.02 dBFS, R -12.04 dBFS"), r.out());
        assertEquals("", r.err());
    }

    /** A sample excerpt (FLAC): the numbers ffmpeg gives for it (ffprobe: 44100 Hz, 2 channels, 882000 samples). */
    @Test
    void describesASampleExcerpt() {
        Path f = Path.of("..", "sample-audio", "rock-hedgewars-rock.flac");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(f), "sample-audio not in this checkout");
        Cli.Result r = run("info", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("FLAC, FLAC 16-bit") && r.out().contains("44100 Hz")
                && r.out().contains("0:20.000 (882000 frames)") && r.out().contains("2 (stereo: L R)"), r.out());
    }

    @Test
    void emptyFile() throws Exception {
        Path f = Files.createFile(tmp.resolve("empty.wav"));
        assertInfoFails(f, "empty");
    }

    @Test
    void textFileNamedWav() throws Exception {
        Path f = Files.writeString(tmp.resolve("notes.wav"), "These are my mixing notes.\nMore bass!\n");
        assertInfoFails(f, "text");
    }

    @Test
    void wavCutInsideItsHeader() throws Exception {
        byte[] whole = Files.readAllBytes(good("whole.wav"));
        Path f = Files.write(tmp.resolve("cut-header.wav"), Arrays.copyOf(whole, 30));
        assertInfoFails(f, "truncated");
    }

    @Test
    void wavCutInsideItsData() throws Exception {
        byte[] whole = Files.readAllBytes(good("whole.wav"));
        Path f = Files.write(tmp.resolve("cut-data.wav"), Arrays.copyOf(whole, whole.length / 2));
        assertInfoFails(f, "truncated");
    }

    @Test
    void headerPromisesMoreDataThanExists() throws Exception {
        Path f = Files.write(tmp.resolve("lying.wav"), wav(1, 2, 44100, 16, 4_000_000, 4000));
        assertInfoFails(f, "promises");
    }

    @Test
    void zeroChannels() throws Exception {
        Path f = Files.write(tmp.resolve("zero-channels.wav"), wav(1, 0, 44100, 16, 400, 400));
        assertInfoFails(f, "0 channels");
    }

    @Test
    void sampleRateZero() throws Exception {
        Path f = Files.write(tmp.resolve("rate0.wav"), wav(1, 2, 0, 16, 400, 400));
        assertInfoFails(f, "sample rate 0");
    }

    @Test
    void unsupportedCodecInsideWav() throws Exception {
        // Format tag 2 is Microsoft ADPCM (as ffmpeg -c:a adpcm_ms writes; the kernel-lib tests use ffmpeg's file).
        Path f = Files.write(tmp.resolve("adpcm.wav"), wav(2, 2, 44100, 4, 400, 400));
        assertInfoFails(f, "adpcm");
    }

    @Test
    void directoryGivenAsAFile() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("folder.wav"));
        assertInfoFails(d, "directory");
    }

    @Test
    void missingFile() {
        assertInfoFails(tmp.resolve("nowhere.wav"), "does not exist");
    }

    /** Tests run as root, for whom a read-only folder is still writable: put the folder under a regular file. */
    @Test
    void unwritableOutputFolder() throws Exception {
        Path f = good("in.wav");
        Path blocker = Files.writeString(tmp.resolve("plain-file"), "x");
        Path csv = blocker.resolve("sub").resolve("info.csv");
        assertOneLineError(csv, "not a folder", "info", "--csv", csv.toString(), f.toString());
        assertFalse(Files.exists(csv));
        Path proc = Path.of("/proc/mw-info-test/info.csv");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertOneLineError(proc, "cannot be written", "info", "--csv", proc.toString(), f.toString());
        }
    }

    @Test
    void csvIsWrittenAndInputsAreNeverOverwritten() throws Exception {
        Path f = good("a.wav");
        Path csv = tmp.resolve("out").resolve("info.csv");
        Cli.Result r = run("info", "--csv", csv.toString(), f.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(2, rows.size());
        assertTrue(rows.get(1).contains(",WAV,PCM 16-bit,44100,16,2,L R,4410,0.100000,"), rows.get(1));
        byte[] before = Files.readAllBytes(f);
        Cli.Result again = run("info", "--csv", f.toString(), f.toString());
        assertEquals(Main.EXIT_BAD_INPUT, again.exit());
        assertTrue(again.err().contains("refusing to overwrite"), again.err());
        assertTrue(Arrays.equals(before, Files.readAllBytes(f)), "input untouched");
    }

    @Test
    void batchGoesOnPastABadFileAndReportsItAtTheEnd() throws Exception {
        Path a = good("first.wav");
        Path bad = Files.writeString(tmp.resolve("broken.wav"), "not audio at all");
        Path c = good("third.wav");
        Cli.Result r = run("info", a.toString(), bad.toString(), c.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.out().contains(a.toString()) && r.out().contains(c.toString()), "both good files described: " + r.out());
        assertFalse(r.out().contains(bad.toString()), r.out());
        List<String> lines = r.errLines();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).contains(bad.toString()), lines.get(0));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("1 of 3 files failed") && last.contains(bad.toString()), "reported at the end: " + last);
    }
}
