package mw.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mw.audio.AudioBuffer;
import mw.io.Audio;
import mw.io.Outputs;
import mw.io.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No command loses a file: inputs and outputs never collide, devices are written into, read-only files are
 * kept, each input gets its own output names, and an interrupted render leaves nothing behind.
 */
class OutputSafetyTest {
    @TempDir
    Path tmp;

    private Path mix(String name, double seconds) {
        int fs = 44_100;
        double[][] x = new double[2][(int) (fs * seconds)];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (int i = 0; i < x[0].length; i++) {
            double s = 0.3 * Math.sin(2 * Math.PI * 220 * i / fs) + 0.05 * rng.nextDouble(-1, 1);
            x[0][i] = s;
            x[1][i] = 0.8 * s;
        }
        Path p = tmp.resolve(name);
        Audio.write(AudioBuffer.of(fs, x), p, SampleFormat.PCM_24);
        return p;
    }

    private List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savePresetOntoTheInputOrTheOutputIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path in = mix("MIX.wav", 1);
        byte[] audio = Files.readAllBytes(in);
        Path out = tmp.resolve("OUT.wav");
        Cli.Result r = Cli.run("master", in.toString(), "-o", out.toString(), "--save-preset", in.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("MIX.wav: is an input file"), r.err());
        assertArrayEquals(audio, Files.readAllBytes(in), "the input is untouched");
        assertFalse(Files.exists(out), "nothing written when an output is refused");

        r = Cli.run("master", in.toString(), "-o", out.toString(), "--save-preset", out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("OUT.wav: is already an output of this run"), r.err());
        assertFalse(Files.exists(out));
        // a preset given as input is an input too
        Path preset = tmp.resolve("p.json");
        assertEquals(0, Cli.run("master", in.toString(), "-o", out.toString(), "--chain", "gain:gainDb=-1",
                "--save-preset", preset.toString()).exit());
        byte[] p = Files.readAllBytes(preset);
        r = Cli.run("master", in.toString(), "-o", tmp.resolve("o2.wav").toString(), "--preset", preset.toString(),
                "--save-preset", preset.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertArrayEquals(p, Files.readAllBytes(preset));
    }

    @Test
    void devNullIsStreamedIntoAndStaysADevice() throws IOException {
        Path dn = Path.of("/dev/null");
        assumeTrue(Files.exists(dn));
        Object mode = Files.getAttribute(dn, "unix:mode");
        Path in = mix("mix.wav", 1);
        Cli.Result r = Cli.run("master", in.toString(), "-o", "/dev/null", "--target-lufs", "-16");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("integrated (LUFS)"), r.out());
        assertEquals(mode, Files.getAttribute(dn, "unix:mode"));
        assertEquals(List.of("mix.wav"), names(tmp), "no trial or temporary file beside the input");
    }

    @Test
    void aReadOnlyOutputIsKeptAndAWritableOneReplaced() throws IOException {
        Path in = mix("mix.wav", 1);
        Path ro = tmp.resolve("ro.wav");
        Files.writeString(ro, "keep me");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
        Cli.Result r = Cli.run("master", in.toString(), "-o", ro.toString());
        assertEquals(Main.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("ro.wav: exists and is read-only"), r.err());
        assertEquals("keep me", Files.readString(ro));
        Path w = tmp.resolve("w.wav");
        Files.writeString(w, "old");
        assertEquals(0, Cli.run("master", in.toString(), "-o", w.toString()).exit());
        assertEquals(44_100, Audio.info(w).frames());
    }

    @Test
    void analyzeGivesEachInputItsOwnFolder() throws IOException {
        Path a = mix("y.wav", 1);
        Path b = tmp.resolve("y.flac");
        Files.copy(a, b);   // the format is read from the bytes, not the name
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("analyze", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("y-flac", "y-wav"), names(out));
        assertTrue(Files.exists(out.resolve("y-wav/report.html")) && Files.exists(out.resolve("y-flac/report.html")));
    }

    @Test
    void kernelInstallLeavesNoTemporaryFolder() throws IOException {
        Path sysTmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<String> before = kernelspecFolders(sysTmp);
        Cli.Result r = Cli.run("kernel", "install", "--print");
        assertEquals(0, r.exit(), r.err());
        assertEquals(before, kernelspecFolders(sysTmp));
    }

    private static List<String> kernelspecFolders(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("mw-kernelspec")).sorted().toList();
        }
    }

    /** Starts {@code mw master} in its own JVM, rendering a long file through a chain to a target. */
    private Process startMaster(Path in, Path out) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "mw.cli.Main", "master", in.toString(),
                "-o", out.toString(), "--chain", "compressor:ratio=3,thresholdDb=-20; eq:shape=highShelf,frequencyHz=8000,gainDb=2",
                "--target-lufs", "-10"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
    }

    private static boolean waitForTemp(Path dir, Process p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && p.isAlive()) {
            try (var s = Files.list(dir)) {
                if (s.anyMatch(f -> Outputs.isTempName(f.getFileName().toString()) && sizeOf(f) > 0)) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void sigtermDuringARenderLeavesNothingBehind() throws Exception {
        assumeTrue(File.separatorChar == '/', "POSIX signals");
        Path in = mix("long.wav", 40);
        Path outDir = Files.createDirectory(tmp.resolve("out"));
        Process p = startMaster(in, outDir.resolve("master.wav"));
        try {
            assertTrue(waitForTemp(outDir, p), "the render started: " + Files.readString(tmp.resolve("log.txt")));
            p.destroy();   // SIGTERM, as Ctrl-C or a service manager sends
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(), names(outDir), "no .part, .trial or half-written master");
    }

    @Test
    void leftoversOfKillMinus9AreRecognisedAndRemovedByTheNextRun() throws Exception {
        assumeTrue(File.separatorChar == '/', "POSIX signals");
        Path in = mix("long.wav", 40);
        Path outDir = Files.createDirectory(tmp.resolve("out"));
        Process p = startMaster(in, outDir.resolve("master.wav"));
        try {
            assertTrue(waitForTemp(outDir, p), "the render started: " + Files.readString(tmp.resolve("log.txt")));
            p.destroyForcibly();   // SIGKILL: no chance to clean up
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        List<String> left = names(outDir);
        assertFalse(left.isEmpty());
        assertTrue(left.stream().allMatch(Outputs::isTempName), left.toString());
        assertTrue(left.stream().allMatch(n -> n.contains(".master.wav.") && n.contains("." + p.pid() + "-")), left.toString());
        Path small = mix("small.wav", 1);
        assertEquals(0, Cli.run("master", small.toString(), "-o", outDir.resolve("next.wav").toString()).exit());
        assertEquals(List.of("next.wav"), names(outDir));
    }
}
