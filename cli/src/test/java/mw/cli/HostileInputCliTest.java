package mw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per defect found by hostile use of the command line: each stays fixed. */
class HostileInputCliTest {
    @TempDir
    Path tmp;

    private Path write(String name, AudioBuffer a, SampleFormat f) {
        Path p = tmp.resolve(name);
        Audio.write(a, p, f);
        return p;
    }

    /** A 32-bit float WAV holding the given samples (mono), NaN and infinities included. */
    private Path floatWav(String name, float... v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 4 * v.length).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 3).putShort((short) 1).putInt(44100)
                .putInt(44100 * 4).putShort((short) 4).putShort((short) 32);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(4 * v.length);
        for (float f : v) {
            b.putFloat(f);
        }
        Path p = tmp.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static float[] sineWithBadSamples() {
        float[] v = new float[44100];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 44100));
        }
        v[100] = Float.NaN;
        v[200] = Float.POSITIVE_INFINITY;
        return v;
    }

    @Test
    void silenceAndOneSampleAreAnalysedAndABatchGoesOn() throws IOException {
        Path silence = write("a-silence.wav", AudioBuffer.silence(44100, mw.audio.ChannelLayout.STEREO, 44100), SampleFormat.PCM_16);
        Path one = write("b-one.wav", AudioBuffer.of(44100, new double[] {0.5}), SampleFormat.PCM_16);
        Path bad = tmp.resolve("c-bad.wav");
        Files.writeString(bad, "not audio");
        Path later = write("d-later.wav", Cli.sine(-20, 1, 44100), SampleFormat.PCM_16);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("analyze", silence.toString(), one.toString(), bad.toString(), later.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.out().contains("a-silence.wav: digital silence") && r.out().contains("cannot be measured"), r.out());
        for (String d : List.of("a-silence", "b-one", "d-later")) {
            assertTrue(Files.exists(out.resolve(d).resolve("report.html")), d);
        }
        assertTrue(r.err().contains("1 of 4 files failed: " + bad), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void infoSaysNanAndInfinity() throws IOException {
        Path f = floatWav("nan.wav", sineWithBadSamples());
        Cli.Result r = Cli.run("info", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("C 1 NaN, 1 +Inf samples"), r.out());
        assertTrue(r.out().contains("sample peak C -6.02 dBFS (of the finite samples)"), r.out());
    }

    @Test
    void nanFilesAreNamedOnceInEveryCommand() throws IOException {
        Path f = floatWav("nan.wav", sineWithBadSamples());
        for (String[] args : List.of(new String[] {"analyze", f.toString(), "--out", tmp.resolve("a").toString()},
                new String[] {"deliver", f.toString(), "--platforms", "cd", "--out", tmp.resolve("d").toString()},
                new String[] {"master", f.toString(), "-o", tmp.resolve("m.wav").toString(), "--target-lufs", "-14"})) {
            Cli.Result r = Cli.run(args);
            assertEquals(Main.EXIT_BAD_INPUT, r.exit(), args[0] + ": " + r.out() + r.err());
            String line = r.errLines().get(0);
            assertTrue(line.startsWith("mw: " + f + ": ") && line.toLowerCase(java.util.Locale.ROOT).contains("nan"), args[0] + ": " + line);
            assertEquals(1, line.split(java.util.regex.Pattern.quote("nan.wav"), -1).length - 1, line);
        }
    }

    @Test
    void deliverToCdAboveZeroLufsSaysWhatItDid() throws IOException {
        // a full-scale square wave measures above 0 LUFS
        int n = 3 * 44100;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i / 22) % 2 == 0 ? 1.0 : -1.0;
        }
        Path in = write("square.wav", AudioBuffer.of(44100, x, x.clone()), SampleFormat.PCM_16);
        Cli.Result r = Cli.run("deliver", in.toString(), "--platforms", "cd", "--out", tmp.resolve("d").toString());
        assertTrue(r.exit() == 0 || r.exit() == 1, r.out() + r.err());
        assertFalse((r.out() + r.err()).contains("out of range"), r.err());
        String json = Files.readString(tmp.resolve("d/deliver.json"));
        assertTrue(json.contains("above 0 LUFS") || json.contains("limiting"), json);
    }

    @Test
    void aHundredMillisecondFileIsTooShortNotSilent() {
        Path in = write("short.wav", Cli.sine(-10.5, 0.1, 44100), SampleFormat.PCM_24);
        Cli.Result r = Cli.run("master", in.toString(), "-o", tmp.resolve("m.wav").toString(), "--target-lufs", "-14");
        assertEquals(MasterCommand.EXIT_TARGET_MISSED, r.exit(), r.err());
        assertTrue(r.out().contains("shorter than the one 400 ms block") && !r.out().contains("silent"), r.out());
    }

    @Test
    void bitsMessagesAreTheSameEverywhere() {
        Path in = write("x.wav", Cli.sine(-20, 0.5, 44100), SampleFormat.PCM_16);
        String m7 = Cli.run("master", in.toString(), "-o", tmp.resolve("o.wav").toString(), "--bits", "7").errLines().get(0);
        String d7 = Cli.run("deliver", in.toString(), "--platforms", "cd", "--out", tmp.toString(), "--bits", "7").errLines().get(0);
        assertEquals(m7, d7);
        assertTrue(m7.contains("accepted: 16, 24") && m7.contains("32f"), m7);
        assertEquals(0, Cli.run("master", in.toString(), "-o", tmp.resolve("o32.wav").toString(), "--bits", "32").exit());
    }

    @Test
    void duplicateChainParametersAreRejected() {
        Path in = write("x.wav", Cli.sine(-20, 0.5, 44100), SampleFormat.PCM_16);
        Cli.Result r = Cli.run("master", in.toString(), "-o", tmp.resolve("o.wav").toString(), "--chain", "gain:gainDb=1,gainDb=20");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("'gainDb' is given twice"), r.err());
        assertFalse(Files.exists(tmp.resolve("o.wav")));
    }

    @Test
    void nonAsciiPathsWorkUnderLangC() throws Exception {
        // the launcher's locale rule, run as the launcher runs it, then the JVM it starts
        Path launcher = Path.of("..", "mw");
        assumeTrue(Files.exists(launcher) && Files.exists(Path.of("/usr/bin/locale")));
        String script = Files.readString(launcher);
        int a = script.indexOf("case \"$(locale charmap");
        int b = script.indexOf("esac", a) + 4;
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.substring(a, b) + "\necho \"$LC_ALL\"");
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        String lcAll = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && !lcAll.equals("C"), "a UTF-8 locale is installed");
        Path f = write("café-日本.wav", Cli.sine(-20, 0.5, 44100), SampleFormat.PCM_16);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "mw.cli.Main", "info", f.toString()));
        ProcessBuilder jb = new ProcessBuilder(cmd).redirectErrorStream(true);
        jb.environment().put("LANG", "C");
        jb.environment().put("LC_ALL", lcAll);
        Process j = jb.start();
        String out = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(j.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, j.exitValue(), out);
        assertTrue(out.contains("café-日本.wav") && out.contains("sample rate 44100 Hz"), out);
    }

    @Test
    void aFullDiskStopsTheStudyNamingTheOutput() throws Exception {
        Path mnt = Files.createDirectory(tmp.resolve("tiny"));
        assumeTrue(mw.hostile.TinyDiskAccess.mount(mnt), "needs a mountable tmpfs (root)");
        try {
            Path dir = Files.createDirectory(tmp.resolve("tracks"));
            write("a.wav", Cli.sine(-20, 2, 44100), SampleFormat.PCM_16);
            Files.move(tmp.resolve("a.wav"), dir.resolve("a.wav"));
            Cli.Result r = Cli.run("study", dir.toString(), "--out", mnt.resolve("study").toString());
            assertEquals(Main.EXIT_BAD_INPUT, r.exit());
            assertEquals(1, r.errLines().stream().filter(l -> l.startsWith("mw: ")).count(), r.err());
            assertTrue(r.err().contains("cannot be written: the disk is full") && !r.err().contains(".mw-part")
                    && !r.err().contains("failed"), r.err());
        } finally {
            mw.hostile.TinyDiskAccess.unmount(mnt);
        }
    }

    @Test
    void aSameDepthCopyIsBitExactAndSilenceStaysSilent() throws IOException {
        // 16-bit audio with leading digital silence, copied to 16 bits with no chain: sox reads both the same
        double[] x = new double[44100];
        for (int i = 22050; i < x.length; i++) {
            x[i] = Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 44100.0)) / 32768.0;
        }
        Path in = write("in16.wav", AudioBuffer.of(44100, x, x.clone()), SampleFormat.PCM_16);
        Path out = tmp.resolve("copy16.wav");
        Cli.Result r = Cli.run("master", in.toString(), "-o", out.toString(), "--bits", "16");
        assertEquals(0, r.exit(), r.err());
        AudioBuffer a = Audio.read(in);
        AudioBuffer b = Audio.read(out);
        assertEquals(a, b, "same samples");
        assertTrue(r.out().contains("full scale: no sample at full scale"), r.out());
    }

    @Test
    void aClippingChainIsReported() {
        Path in = write("loud.wav", Cli.sine(-3, 1, 44100), SampleFormat.PCM_24);
        Cli.Result r = Cli.run("master", in.toString(), "-o", tmp.resolve("c.wav").toString(), "--chain",
                "gain:gainDb=1; gain:gainDb=1; gain:gainDb=1; gain:gainDb=1; gain:gainDb=1; gain:gainDb=1; gain:gainDb=1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("WARNING: the master clips:") && r.out().contains("overs of 3+"), r.out());
    }
}
