package mw.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavRoundTripTest {
    @TempDir
    Path tmp;

    /** Float samples survive a 32-bit float write and read exactly, and ffmpeg reads the same values. */
    @Test
    void floatRoundTripIsBitExact() {
        double[] l = new double[1000];
        double[] r = new double[1000];
        for (int i = 0; i < l.length; i++) {
            l[i] = (float) Math.sin(i * 0.01);
            r[i] = (float) -Math.cos(i * 0.02) * 0.5;
        }
        AudioBuffer a = AudioBuffer.of(48000, l, r);
        Path f = tmp.resolve("a.wav");
        Audio.write(a, f, SampleFormat.FLOAT_32);
        AudioBuffer b = Audio.read(f);
        assertEquals(a, b);
        assertEquals("IEEE float 32", Audio.info(f).codec());
        double[][] ref = Ffmpeg.decode(f, 2);
        assertEquals(0.0, Ffmpeg.maxDiff(b, ref));
    }

    /** Random samples on the 16-bit grid: written as 16-bit with the default dither, read back exactly. */
    @Test
    void pcm16OnGridRoundTripIsBitExact() {
        AudioBuffer a = grid(44100, 2, 5000, 16, 1);
        Path f = tmp.resolve("p16.wav");
        Audio.write(a, f, SampleFormat.PCM_16);
        assertEquals(a, Audio.read(f));
        assertEquals("PCM 16-bit", Audio.info(f).codec());
        assertEquals(0.0, Ffmpeg.maxDiff(Audio.read(f), Ffmpeg.decode(f, 2)), "ffmpeg reads the same samples");
    }

    @Test
    void pcm24OnGridRoundTripIsBitExact() {
        AudioBuffer a = grid(96000, 3, 5000, 24, 2);
        Path f = tmp.resolve("p24.wav");
        Audio.write(a, f, SampleFormat.PCM_24);
        assertEquals(a, Audio.read(f));
        assertEquals(0.0, Ffmpeg.maxDiff(Audio.read(f), Ffmpeg.decode(f, 3)), "ffmpeg reads the same samples");
        // 16-bit audio written as 24-bit is on the 24-bit grid too: no dither, exact.
        AudioBuffer b = grid(44100, 1, 3000, 16, 3);
        Path g = tmp.resolve("p16as24.wav");
        Audio.write(b, g, SampleFormat.PCM_24);
        assertEquals(b, Audio.read(g));
    }

    /** Full-scale extremes of the grid, including -1.0 exactly, survive. */
    @Test
    void gridExtremesSurvive() {
        AudioBuffer a = AudioBuffer.of(8000, new double[] {-1.0, 32767 / 32768.0, 0.0, -1 / 32768.0});
        Path f = tmp.resolve("ext.wav");
        Audio.write(a, f, SampleFormat.PCM_16);
        assertEquals(a, Audio.read(f));
    }

    @Test
    void ditherIsReproducibleAndSeeded() throws Exception {
        AudioBuffer a = offGrid(20000, 4);
        Path f1 = tmp.resolve("d1.wav");
        Path f2 = tmp.resolve("d2.wav");
        Path f3 = tmp.resolve("d3.wav");
        Audio.write(a, f1, SampleFormat.PCM_16);
        Audio.write(a, f2, SampleFormat.PCM_16);
        Audio.write(a, f3, SampleFormat.PCM_16, WriteDither.tpdf(12345));
        assertArrayEquals(Files.readAllBytes(f1), Files.readAllBytes(f2), "same seed, same bytes");
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(f1), Files.readAllBytes(f3)), "another seed, other noise");
    }

    /**
     * TPDF dither of ±1 LSB: whatever the signal, the total error has mean 0 and power LSB²/4
     * (Wannamaker, Lipshitz and Vanderkooy 2000), i.e. -96.3 dBFS RMS at 16 bits. Plain rounding of a
     * constant instead gives a constant error (signal-dependent, zero variance).
     */
    @Test
    void ditherNoiseHasTheTheoreticalLevel() {
        int n = 200_000;
        for (double frac : new double[] {0.1, 0.25, 0.5, 0.8}) {
            double[] x = new double[n];
            java.util.Arrays.fill(x, (1000 + frac) / 32768.0);
            AudioBuffer a = AudioBuffer.of(48000, x);
            Path f = tmp.resolve("dc" + frac + ".wav");
            Audio.write(a, f, SampleFormat.PCM_16);
            double[] e = error(Audio.read(f), 1000 + frac);
            assertEquals(0.0, e[0], 0.01, "mean error in LSB at offset " + frac);
            assertEquals(0.25, e[1], 0.25 * 0.03, "error variance in LSB² at offset " + frac);

            Path g = tmp.resolve("nd" + frac + ".wav");
            Audio.write(a, g, SampleFormat.PCM_16, WriteDither.NONE);
            double[] u = error(Audio.read(g), 1000 + frac);
            assertEquals(Math.round(1000 + frac) - (1000 + frac), u[0], 1e-9, "undithered error is the rounding error");
            assertEquals(0.0, u[1], 1e-12, "undithered error of a constant does not vary");
        }
    }

    /** Mean and variance of (read-back minus intended), in LSB and LSB². */
    private static double[] error(AudioBuffer b, double intendedLsb) {
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < b.frames(); i++) {
            double e = b.sample(0, i) * 32768 - intendedLsb;
            sum += e;
            sq += e * e;
        }
        double mean = sum / b.frames();
        return new double[] {mean, sq / b.frames() - mean * mean};
    }

    private static AudioBuffer grid(int rate, int channels, int frames, int bits, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        long full = 1L << (bits - 1);
        double[][] ch = new double[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                ch[c][i] = rng.nextLong(-full, full) / (double) full;
            }
        }
        return AudioBuffer.wrap(rate, ChannelLayout.defaultFor(channels), ch);
    }

    private static AudioBuffer offGrid(int frames, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] x = new double[frames];
        for (int i = 0; i < frames; i++) {
            x[i] = 0.5 * Math.sin(i * 0.013) + 1e-3 * rng.nextDouble();
        }
        return AudioBuffer.of(44100, x);
    }

    @Test
    void multichannelLayoutSurvives() {
        double[][] ch = new double[6][100];
        AudioBuffer a = AudioBuffer.wrap(44100, ChannelLayout.SURROUND_5_1, ch);
        Path f = tmp.resolve("51.wav");
        Audio.write(a, f, SampleFormat.PCM_24);
        assertEquals(ChannelLayout.SURROUND_5_1, Audio.info(f).layout());
    }

    @Test
    void refusesToOverwriteAnInput() throws Exception {
        Path f = tmp.resolve("in.wav");
        AudioBuffer a = AudioBuffer.of(8000, new double[] {0.1, 0.2});
        Audio.write(a, f, SampleFormat.PCM_16);
        byte[] before = Files.readAllBytes(f);
        assertThrows(WorkbenchException.class, () -> Audio.writeGuarded(a.gain(0.5), f, SampleFormat.PCM_16, List.of(f)));
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var s = Files.list(tmp)) {
            assertTrue(s.allMatch(p -> p.equals(f)), "no temporary file left behind");
        }
    }

    /** A written file is readable by others like any file a user saves, not only by its owner. */
    @Test
    void writtenFilesAreWorldReadable() throws Exception {
        Path f = tmp.resolve("perm.wav");
        Audio.write(AudioBuffer.of(8000, new double[] {0.25, -0.25}), f, SampleFormat.PCM_16);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                f.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(f)));
    }
}
