package mw.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** Samples already on the 16-bit grid survive a 16-bit write and read exactly (dither of ±1 LSB TPDF excepted: off-grid only). */
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
}
