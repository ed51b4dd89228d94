package mw.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import mw.ExternalTools;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and unsupported files give one {@link WorkbenchException} naming the file, the problem and what is accepted. */
class BadInputTest {
    @TempDir
    Path tmp;

    private static void assertBad(Path file, String problem) {
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Audio.read(file), file.toString());
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), "names the file: " + m);
        assertTrue(m.toLowerCase(Locale.ROOT).contains(problem), "says '" + problem + "': " + m);
        assertTrue(m.contains("accepted"), "says what is accepted: " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
    }

    private Path source(String name, double seconds) {
        Path w = tmp.resolve(name);
        Audio.write(Ffmpeg.music(44100, 2, seconds, 1), w, SampleFormat.PCM_16);
        return w;
    }

    @Test
    void adpcmInsideWavFromFfmpeg() {
        Path f = tmp.resolve("adpcm.wav");
        Ffmpeg.run("-i", source("s.wav", 0.5).toString(), "-c:a", "adpcm_ms", f.toString());
        assertBad(f, "adpcm");
    }

    @Test
    void unsupportedAiffCompression() {
        Path f = tmp.resolve("ulaw.aifc");
        Ffmpeg.run("-i", source("s.wav", 0.5).toString(), "-c:a", "pcm_mulaw", "-f", "aiff", f.toString());
        assertBad(f, "compression");
    }

    @Test
    void truncatedFlac() throws Exception {
        ExternalTools.require("flac");
        Path f = tmp.resolve("t.flac");
        ExternalTools.runOk(60, "flac", "-s", "-f", "-o", f.toString(), source("s.wav", 2).toString());
        byte[] all = Files.readAllBytes(f);
        Path cut = Files.write(tmp.resolve("cut.flac"), Arrays.copyOf(all, all.length / 2));
        assertBad(cut, "truncated");
        Path header = Files.write(tmp.resolve("header.flac"), Arrays.copyOf(all, 20));
        assertBad(header, "flac");
    }

    @Test
    void truncatedAiff() throws Exception {
        Path f = tmp.resolve("t.aiff");
        Ffmpeg.run("-i", source("s.wav", 1).toString(), "-c:a", "pcm_s16be", f.toString());
        byte[] all = Files.readAllBytes(f);
        assertBad(Files.write(tmp.resolve("cut.aiff"), Arrays.copyOf(all, all.length / 2)), "truncated");
    }

    @Test
    void truncatedMp3() throws Exception {
        Path f = tmp.resolve("t.mp3");
        Ffmpeg.run("-i", source("s.wav", 3).toString(), "-c:a", "libmp3lame", "-b:a", "128k", f.toString());
        byte[] all = Files.readAllBytes(f);
        assertBad(Files.write(tmp.resolve("cut.mp3"), Arrays.copyOf(all, all.length / 2)), "truncated");
    }

    @Test
    void oggWithAnotherCodec() {
        Path f = tmp.resolve("flac.ogg");
        Ffmpeg.run("-i", source("s.wav", 0.5).toString(), "-c:a", "flac", "-f", "ogg", f.toString());
        assertBad(f, "ogg");
    }

    /** JOrbis cannot set up libvorbis's 5.1 files: a clear error instead of a decoder failure. */
    @Test
    void vorbis51IsRefusedClearly() {
        ExternalTools.require("oggenc");
        Path w = tmp.resolve("six.wav");
        Audio.write(Ffmpeg.music(44100, 6, 0.3, 2), w, SampleFormat.PCM_16);
        Path f = tmp.resolve("six.ogg");
        ExternalTools.runOk(60, "oggenc", "-Q", "-o", f.toString(), w.toString());
        assertBad(f, "5.1");
    }

    /** A header claiming about 2 GB of audio in a tiny file: a truncation error, not an attempt to allocate it. */
    @Test
    void hugeClaimedLengthIsNotAllocated() throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 1000).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0x7FFFFFF0);
        b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 2).putInt(44100).putInt(44100 * 4).putShort((short) 4).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0x7FFFFFD0);
        Path f = Files.write(tmp.resolve("claims-2GB.wav"), b.array());
        assertBad(f, "truncated");
    }

    @Test
    void randomBytes() throws Exception {
        byte[] b = new byte[5000];
        new java.util.SplittableRandom(3).nextBytes(b);
        b[0] = 0x12;
        assertBad(Files.write(tmp.resolve("noise.flac"), b), "not an audio file");
    }

    @Test
    void writingRefusesNanAndUnwritablePlaces() throws Exception {
        AudioBuffer nan = AudioBuffer.of(44100, new double[] {0.1, Double.NaN});
        Path out = tmp.resolve("nan.wav");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Audio.write(nan, out, SampleFormat.PCM_24));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertFalse(Files.exists(out));

        AudioBuffer ok = AudioBuffer.of(44100, new double[] {0.1, 0.2});
        Path blocker = Files.writeString(tmp.resolve("file"), "x");
        Path under = blocker.resolve("x.wav");
        e = assertThrows(WorkbenchException.class, () -> Audio.write(ok, under, SampleFormat.PCM_16));
        assertTrue(e.getMessage().contains("not a folder") && e.getMessage().contains("accepted"), e.getMessage());

        Path dir = Files.createDirectory(tmp.resolve("d.wav"));
        e = assertThrows(WorkbenchException.class, () -> Audio.write(ok, dir, SampleFormat.PCM_16));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
        }
    }
}
