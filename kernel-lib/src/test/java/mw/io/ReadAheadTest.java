package mw.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import mw.ExternalTools;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming a compressed file decoded on a background thread gives exactly the plain decode. */
class ReadAheadTest {
    @TempDir
    Path tmp;

    private Path flac() {
        ExternalTools.require("flac");
        Path wav = tmp.resolve("s.wav");
        Audio.write(Ffmpeg.music(44100, 2, 2.0, 21), wav, SampleFormat.PCM_16, WriteDither.NONE);
        Path f = tmp.resolve("s.flac");
        ExternalTools.runOk(60, "flac", "-s", "-f", "-o", f.toString(), wav.toString());
        return f;
    }

    @Test
    void blocksInOrderEqualThePlainDecodeAndTheSource() {
        Path f = flac();
        AudioBuffer whole = Audio.read(f);
        assertEquals(0.0, Ffmpeg.maxDiff(whole, Ffmpeg.decode(f, 2)));
        double[][] block = new double[2][1000]; // not a divisor of the block size: blocks are split
        int pos = 0;
        try (AudioReader r = Audio.open(f)) {
            assertInstanceOf(ReadAhead.class, r);
            int n;
            while ((n = r.read(block, 1000)) >= 0) {
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < n; i++) {
                        assertEquals(whole.sample(c, pos + i), block[c][i]);
                    }
                }
                pos += n;
            }
            assertEquals(-1, r.read(block, 1000));
        }
        assertEquals(whole.frames(), pos);
    }

    @Test
    void anErrorReachesTheCallerAndCloseStopsTheThread() throws Exception {
        Path f = flac();
        byte[] all = Files.readAllBytes(f);
        Path cut = Files.write(tmp.resolve("cut.flac"), Arrays.copyOf(all, all.length * 2 / 3));
        double[][] block = new double[2][Audio.BLOCK];
        try (AudioReader r = Audio.open(cut)) {
            WorkbenchException e = assertThrows(WorkbenchException.class, () -> {
                while (r.read(block, Audio.BLOCK) >= 0) {
                    // read until the damage
                }
            });
            assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        }
        AudioReader r = Audio.open(f);
        assertTrue(r.read(block, Audio.BLOCK) > 0);
        r.close();
        Thread.getAllStackTraces().keySet().forEach(t ->
                assertFalse(t.getName().startsWith("mw-decode") && t.isAlive(), "decode thread still running: " + t));
    }
}
