package mw.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import mw.ExternalTools;
import mw.WorkbenchException;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FLAC decoder on the coding tools the reference encoder {@code flac} chooses under different
 * settings: every block size code, constant / verbatim / fixed / LPC subframes (up to order 32),
 * wasted bits, all stereo decorrelation modes, Rice partition orders 0 to 8, sample rates coded in the
 * frame header, 8 and 32 bits per sample. Each decode must equal the original samples (FLAC is
 * lossless) and, where ffmpeg reads the file, ffmpeg's decode.
 */
class FlacDecoderTest {
    @TempDir
    Path tmp;

    /** Silence (constant subframes), music, full-scale noise (verbatim), then the left channel alone. */
    private static AudioBuffer testSignal(int rate, int bits, long seed) {
        AudioBuffer music = Ffmpeg.music(rate, 2, 0.6, seed);
        int n = music.frames();
        int total = n + rate / 5 * 3;
        double q = 1L << (bits - 1);
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] ch = new double[2][total];
        int pos = rate / 5;
        for (int i = 0; i < n; i++, pos++) {
            ch[0][pos] = music.sample(0, i);
            ch[1][pos] = music.sample(1, i);
        }
        for (int i = 0; i < rate / 5; i++, pos++) {
            ch[0][pos] = Math.floor((rng.nextDouble() * 2 - 1) * q) / q;
            ch[1][pos] = Math.floor((rng.nextDouble() * 2 - 1) * q) / q;
        }
        for (int i = 0; pos < total; i++, pos++) {
            ch[0][pos] = Math.round(0.5 * Math.sin(i * 0.01) * q) / q;
        }
        return AudioBuffer.of(rate, ChannelLayout.defaultFor(2), ch);
    }

    private Path flac(String name, Path wav, String... options) {
        Path f = tmp.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("flac", "-s", "-f"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-o", f.toString(), wav.toString()));
        ExternalTools.runOk(60, cmd.toArray(String[]::new));
        return f;
    }

    @Test
    void everyEncoderSettingDecodesBitExact() {
        ExternalTools.require("flac");
        AudioBuffer src = testSignal(44100, 16, 7);
        Path wav = tmp.resolve("s.wav");
        Audio.write(src, wav, SampleFormat.PCM_16, WriteDither.NONE);
        String[][] settings = {
            {"-0"}, {"-8"}, {"-8", "-e", "-p", "-r", "8"}, {"-5", "-r", "0"}, {"-b", "192"}, {"-b", "576"},
            {"-b", "1000"}, {"-b", "200"}, {"-b", "16384", "--lax"}, {"--lax", "-l", "32", "-b", "4608"},
            {"-l", "0"}, {"-M"}, {"--no-mid-side"}, {"-A", "welch", "-q", "5"}, {"-8", "-q", "15"},
        };
        for (String[] s : settings) {
            Path f = flac("s" + String.join("", s).replace(' ', '_') + ".flac", wav, s);
            AudioBuffer ours = Audio.read(f);
            assertEquals(src, ours, "lossless with flac " + String.join(" ", s));
            assertEquals(0.0, Ffmpeg.maxDiff(ours, Ffmpeg.decode(f, 2)), "as ffmpeg, flac " + String.join(" ", s));
        }
    }

    @Test
    void wastedBitsOddRatesAndWordLengths() {
        ExternalTools.require("flac");
        // 16-bit content in a 24-bit file: every subframe has 8 wasted bits
        AudioBuffer grid16 = testSignal(48000, 16, 3);
        Path w24 = tmp.resolve("w24.wav");
        Audio.write(grid16, w24, SampleFormat.PCM_24, WriteDither.NONE);
        assertEquals(grid16, Audio.read(flac("w24.flac", w24)));
        // rates coded in the frame header: in Hz (11025), in kHz (50000), in tens of Hz (37800)
        for (int rate : new int[] {11025, 50000, 37800}) {
            AudioBuffer src = testSignal(rate, 24, rate).gain(0.7);
            Path w = tmp.resolve("r" + rate + ".wav");
            Audio.write(src, w, SampleFormat.PCM_24, WriteDither.NONE);
            Path f = flac("r" + rate + ".flac", w);
            AudioBuffer ours = Audio.read(f);
            assertEquals(rate, ours.sampleRate());
            assertEquals(0.0, Ffmpeg.maxDiff(ours, Ffmpeg.decode(w, 2)), "lossless at " + rate + " Hz");
            assertEquals(0.0, Ffmpeg.maxDiff(ours, Ffmpeg.decode(f, 2)), "as ffmpeg at " + rate + " Hz");
        }
        // 8-bit and 32-bit: the WAV source read by ffmpeg is the reference (FLAC is lossless)
        AudioBuffer src = testSignal(44100, 16, 5).gain(0.9);
        Path w = tmp.resolve("f.wav");
        Audio.write(src, w, SampleFormat.FLOAT_32, WriteDither.NONE);
        for (String[] fmt : new String[][] {{"pcm_u8", "8"}, {"pcm_s32le", "32"}}) {
            Path pcm = tmp.resolve("p" + fmt[1] + ".wav");
            Ffmpeg.run("-i", w.toString(), "-c:a", fmt[0], pcm.toString());
            Path f = flac("p" + fmt[1] + ".flac", pcm);
            AudioBuffer ours = Audio.read(f);
            assertEquals(Integer.parseInt(fmt[1]), Audio.info(f).bitsPerSample());
            assertEquals(0.0, Ffmpeg.maxDiff(ours, Ffmpeg.decode(pcm, 2)), fmt[1] + "-bit FLAC is lossless");
        }
    }

    @Test
    void aStreamInfoUnderstatingTheBlockSizeIsStillDecoded() throws Exception {
        ExternalTools.require("flac");
        AudioBuffer src = testSignal(44100, 16, 13);
        Path wav = tmp.resolve("m.wav");
        Audio.write(src, wav, SampleFormat.PCM_16, WriteDither.NONE);
        byte[] b = Files.readAllBytes(flac("m.flac", wav, "-b", "8192", "--lax"));
        // STREAMINFO's minimum and maximum block sizes (bytes 8 to 11) claimed as 16: blocks of 8192 follow
        b[8] = 0;
        b[9] = 16;
        b[10] = 0;
        b[11] = 16;
        assertEquals(src, Audio.read(Files.write(tmp.resolve("m2.flac"), b)));
    }

    @Test
    void aDamagedFrameIsNamed() throws Exception {
        ExternalTools.require("flac");
        Path wav = tmp.resolve("d.wav");
        Audio.write(testSignal(44100, 16, 9), wav, SampleFormat.PCM_16, WriteDither.NONE);
        byte[] good = Files.readAllBytes(flac("d.flac", wav));
        SplittableRandom rng = new SplittableRandom(11);
        for (int k = 0; k < 20; k++) {
            byte[] bad = good.clone();
            int at = good.length / 4 + rng.nextInt(good.length / 2);
            bad[at] ^= (byte) (1 << rng.nextInt(8));
            Path f = Files.write(tmp.resolve("bad" + k + ".flac"), bad);
            WorkbenchException e = assertThrows(WorkbenchException.class, () -> Audio.read(f), "byte " + at);
            String m = e.getMessage().toLowerCase(Locale.ROOT);
            assertTrue(m.startsWith(f.toString().toLowerCase(Locale.ROOT)) && m.contains("damaged")
                    && m.contains("accepted"), m);
        }
    }
}
