package mw.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import mw.ExternalTools;
import mw.audio.AudioBuffer;
import mw.audio.ChannelLayout;
import mw.audio.Speaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every decoder against ffmpeg's decode of the same file (ffmpeg runs in the test). Test files are
 * made here from generated audio with the reference encoders: flac, oggenc, ffmpeg's libmp3lame.
 */
class CodecDecodeTest {
    @TempDir
    Path tmp;

    private Path wav(String name, AudioBuffer a, SampleFormat format) {
        Path f = tmp.resolve(name);
        Audio.write(a, f, format, WriteDither.NONE);
        return f;
    }

    @Test
    void flac16StereoIsBitExact() {
        ExternalTools.require("flac");
        AudioBuffer src = Ffmpeg.music(44100, 2, 3.0, 1);
        Path w = wav("s.wav", src, SampleFormat.PCM_16);
        Path f = tmp.resolve("s.flac");
        ExternalTools.runOk(60, "flac", "-s", "-f", "-o", f.toString(), w.toString());
        AudioBuffer ours = Audio.read(f);
        assertEquals(0.0, Ffmpeg.maxDiff(ours, Ffmpeg.decode(f, 2)));
        assertEquals(src, ours, "lossless: the original samples");
        AudioFileInfo info = Audio.info(f);
        assertEquals("FLAC", info.container());
        assertEquals(16, info.bitsPerSample());
        assertEquals(src.frames(), info.frames());
    }

    @Test
    void flac24SurroundIsBitExactWithItsLayout() {
        ExternalTools.require("flac");
        AudioBuffer src = Ffmpeg.music(96000, 6, 1.0, 2).gain(0.9);
        Path w = tmp.resolve("six.wav");
        Audio.write(src.withLayout(ChannelLayout.of(Speaker.L, Speaker.R, Speaker.C, Speaker.LFE, Speaker.LB, Speaker.RB)),
                w, SampleFormat.PCM_24);
        Path f = tmp.resolve("six.flac");
        ExternalTools.runOk(60, "flac", "-s", "-f", "-o", f.toString(), w.toString());
        AudioBuffer ours = Audio.read(f);
        assertEquals(0.0, Ffmpeg.maxDiff(ours, Ffmpeg.decode(f, 6)));
        assertEquals(0.0, Ffmpeg.maxDiff(ours, Ffmpeg.decode(w, 6)), "equal to the 24-bit WAV it was made from");
        assertEquals("L R C LFE Lb Rb", Audio.info(f).layout().labels());
        assertEquals(24, Audio.info(f).bitsPerSample());
    }

    @Test
    void aiffVariantsAreBitExact() {
        AudioBuffer src = Ffmpeg.music(48000, 2, 1.0, 3);
        Path w = wav("a.wav", src, SampleFormat.FLOAT_32);
        String[][] cases = {
            {"pcm_s8", "a8.aiff", "AIFF", "8"},
            {"pcm_s16be", "a16.aiff", "AIFF", "16"},
            {"pcm_s24be", "a24.aiff", "AIFF", "24"},
            {"pcm_s32be", "a32.aiff", "AIFF", "32"},
            {"pcm_f32be", "af32.aifc", "AIFF-C", "32"},
            {"pcm_f64be", "af64.aifc", "AIFF-C", "64"},
            {"pcm_s16le", "sowt.aifc", "AIFF-C", "16"},
        };
        for (String[] c : cases) {
            Path f = tmp.resolve(c[1]);
            Ffmpeg.run("-i", w.toString(), "-c:a", c[0], "-f", "aiff", f.toString());
            AudioBuffer ours = Audio.read(f);
            assertEquals(0.0, Ffmpeg.maxDiff(ours, Ffmpeg.decode(f, 2)), c[0]);
            AudioFileInfo info = Audio.info(f);
            assertEquals(c[2], info.container(), c[0]);
            assertEquals(Integer.parseInt(c[3]), info.bitsPerSample(), c[0]);
            assertEquals(48000, info.sampleRate(), c[0]);
        }
        Path six = tmp.resolve("six.aiff");
        Path w6 = wav("w6.wav", Ffmpeg.music(88200, 6, 0.5, 4), SampleFormat.PCM_24);
        Ffmpeg.run("-i", w6.toString(), "-c:a", "pcm_s24be", six.toString());
        assertEquals(0.0, Ffmpeg.maxDiff(Audio.read(six), Ffmpeg.decode(six, 6)));
        assertEquals(88200, Audio.info(six).sampleRate(), "80-bit extended sample rate");
    }

    /**
     * LAME-encoded MP3 (ffmpeg's libmp3lame writes the LAME tag): exactly as long as the source,
     * and equal to ffmpeg's floating-point decoder within float rounding.
     */
    @Test
    void mp3IsGaplessAndMatchesFfmpeg() throws Exception {
        AudioBuffer src = Ffmpeg.music(44100, 2, 3.0, 5);
        Path w = wav("m.wav", src, SampleFormat.PCM_16);
        Path f = tmp.resolve("m.mp3");
        Ffmpeg.run("-i", w.toString(), "-c:a", "libmp3lame", "-b:a", "192k", f.toString());
        AudioBuffer ours = Audio.read(f);
        double[][] ref = Ffmpeg.decode(f, 2);
        assertEquals(src.frames(), ours.frames(), "gapless: delay and padding trimmed");
        assertTrue(Ffmpeg.maxDiff(ours, ref) < 1e-5, "max difference " + Ffmpeg.maxDiff(ours, ref));
        assertTrue(Ffmpeg.relativeErrorDb(ours, ref) < -100, "error " + Ffmpeg.relativeErrorDb(ours, ref) + " dB");
        AudioFileInfo info = Audio.info(f);
        assertEquals(src.frames(), info.frames(), "length known from the LAME tag");
        assertEquals(0, info.bitsPerSample());

        // MPEG-2 layer III, mono, variable bit rate.
        AudioBuffer mono = Ffmpeg.music(22050, 1, 2.0, 6);
        Path wm = wav("mono.wav", mono, SampleFormat.PCM_16);
        Path fm = tmp.resolve("mono.mp3");
        Ffmpeg.run("-i", wm.toString(), "-c:a", "libmp3lame", "-q:a", "4", "-write_id3v1", "1", "-metadata", "title=Test", fm.toString());
        byte[] bytes = Files.readAllBytes(fm);
        assertEquals("TAG", new String(bytes, bytes.length - 128, 3, java.nio.charset.StandardCharsets.ISO_8859_1),
                "an ID3v1 tag ends the file");
        AudioBuffer om = Audio.read(fm);
        assertEquals(mono.frames(), om.frames());
        assertTrue(Ffmpeg.maxDiff(om, Ffmpeg.decode(fm, 1)) < 1e-5);
        assertTrue(Audio.info(fm).codec().startsWith("MPEG-2 Layer III"), Audio.info(fm).codec());
    }

    /** MPEG-1 layer II (ffmpeg's mp2 encoder): same length as ffmpeg's decode, within 1e-4. */
    @Test
    void mp2MatchesFfmpeg() {
        Path w = wav("l2.wav", Ffmpeg.music(48000, 2, 1.0, 15), SampleFormat.PCM_16);
        Path f = tmp.resolve("l2.mp2");
        Ffmpeg.run("-i", w.toString(), "-c:a", "mp2", "-b:a", "256k", f.toString());
        AudioBuffer ours = Audio.read(f);
        assertTrue(Ffmpeg.maxDiff(ours, Ffmpeg.decode(f, 2)) < 1e-4);
        assertEquals("MPEG audio", Audio.info(f).container());
        assertEquals("MPEG-1 Layer II, 256 kbit/s", Audio.info(f).codec());
    }

    /** Without a LAME tag nothing says what to trim: the whole decode, as ffmpeg gives it. */
    @Test
    void mp3WithoutTagIsDecodedWhole() {
        AudioBuffer src = Ffmpeg.music(48000, 2, 1.0, 7);
        Path w = wav("n.wav", src, SampleFormat.PCM_16);
        Path f = tmp.resolve("n.mp3");
        Ffmpeg.run("-i", w.toString(), "-c:a", "libmp3lame", "-b:a", "128k", "-write_xing", "0", "-id3v2_version", "0", f.toString());
        AudioBuffer ours = Audio.read(f);
        assertTrue(Ffmpeg.maxDiff(ours, Ffmpeg.decode(f, 2)) < 1e-5);
    }

    /** oggenc's Vorbis: exact length (last granule position), equal to ffmpeg's float decode within float rounding. */
    @Test
    void vorbisMatchesFfmpeg() {
        ExternalTools.require("oggenc");
        AudioBuffer src = Ffmpeg.music(44100, 2, 3.0, 8);
        Path w = wav("v.wav", src, SampleFormat.PCM_16);
        Path f = tmp.resolve("v.ogg");
        ExternalTools.runOk(60, "oggenc", "-Q", "-q", "5", "-o", f.toString(), w.toString());
        AudioBuffer ours = Audio.read(f);
        double[][] ref = Ffmpeg.decode(f, 2);
        assertEquals(src.frames(), ours.frames());
        assertTrue(Ffmpeg.maxDiff(ours, ref) < 1e-5, "max difference " + Ffmpeg.maxDiff(ours, ref));
        assertTrue(Ffmpeg.relativeErrorDb(ours, ref) < -100, "error " + Ffmpeg.relativeErrorDb(ours, ref) + " dB");
        assertEquals(src.frames(), Audio.info(f).frames());
        assertEquals("Ogg", Audio.info(f).container());
    }

    /**
     * 7.1 Vorbis: channels come in the Vorbis order (L C R Ls Rs Lb Rb LFE) and are labelled so;
     * ffmpeg reorders them to its own order (L R C LFE Lb Rb Ls Rs), so matching them by label
     * checks the labels independently.
     */
    @Test
    void vorbisSurroundLayoutMatchesFfmpegBySpeaker() {
        ExternalTools.require("oggenc");
        AudioBuffer src = Ffmpeg.music(48000, 8, 1.0, 14).withLayout(ChannelLayout.SURROUND_7_1);
        Path w = wav("s71.wav", src, SampleFormat.PCM_16);
        Path f = tmp.resolve("s71.ogg");
        ExternalTools.runOk(60, "oggenc", "-Q", "-o", f.toString(), w.toString());
        AudioBuffer ours = Audio.read(f);
        assertEquals("L C R Ls Rs Lb Rb LFE", ours.layout().labels());
        double[][] ref = Ffmpeg.decode(f, 8);
        java.util.List<String> ffmpegOrder = java.util.List.of("L", "R", "C", "LFE", "Lb", "Rb", "Ls", "Rs");
        for (int c = 0; c < 8; c++) {
            double[] r = ref[ffmpegOrder.indexOf(ours.layout().speaker(c).label())];
            assertEquals(r.length, ours.frames());
            double max = 0;
            for (int i = 0; i < r.length; i++) {
                max = Math.max(max, Math.abs(r[i] - ours.sample(c, i)));
            }
            assertTrue(max < 1e-5, ours.layout().speaker(c).label() + ": max difference " + max);
        }
    }

    /** RF64, WAVE_FORMAT_EXTENSIBLE with 5.1 masks (PCM and float), 8-bit, 32-bit and 64-bit float WAV. */
    @Test
    void wavVariantsMatchFfmpeg() {
        AudioBuffer src = Ffmpeg.music(48000, 6, 0.5, 9);
        Path w = wav("src6.wav", src, SampleFormat.FLOAT_32);
        record Case(String name, String[] args, String container, String labels) {
        }
        Case[] cases = {
            new Case("rf64.wav", new String[] {"-c:a", "pcm_s24le", "-rf64", "always"}, "RF64", "L R C LFE Ls Rs"),
            new Case("side.wav", new String[] {"-c:a", "pcm_s24le", "-af", "aformat=channel_layouts=5.1(side)"}, "WAV", "L R C LFE Ls Rs"),
            new Case("back.wav", new String[] {"-c:a", "pcm_s16le", "-af", "aformat=channel_layouts=5.1"}, "WAV", "L R C LFE Lb Rb"),
            new Case("float.wav", new String[] {"-c:a", "pcm_f32le"}, "WAV", "L R C LFE Ls Rs"),
            new Case("f64.wav", new String[] {"-c:a", "pcm_f64le"}, "WAV", "L R C LFE Ls Rs"),
            new Case("s32.wav", new String[] {"-c:a", "pcm_s32le"}, "WAV", "L R C LFE Ls Rs"),
            new Case("u8.wav", new String[] {"-c:a", "pcm_u8"}, "WAV", "L R C LFE Ls Rs"),
        };
        for (Case c : cases) {
            Path f = tmp.resolve(c.name());
            String[] args = new String[c.args().length + 3];
            args[0] = "-i";
            args[1] = w.toString();
            System.arraycopy(c.args(), 0, args, 2, c.args().length);
            args[args.length - 1] = f.toString();
            Ffmpeg.run(args);
            AudioBuffer ours = Audio.read(f);
            assertEquals(0.0, Ffmpeg.maxDiff(ours, Ffmpeg.decode(f, 6)), c.name());
            assertEquals(c.container(), Audio.info(f).container(), c.name());
            assertEquals(c.labels(), Audio.info(f).layout().labels(), c.name());
        }
    }

    /** The edges of the accepted range: 8 kHz mono and 384 kHz 7.1, in WAV and FLAC. */
    @Test
    void extremeRatesAndChannelCounts() {
        ExternalTools.require("flac");
        Path mono = wav("m8k.wav", Ffmpeg.music(8000, 1, 0.5, 12), SampleFormat.PCM_16);
        Path monoFlac = tmp.resolve("m8k.flac");
        ExternalTools.runOk(60, "flac", "-s", "-f", "-o", monoFlac.toString(), mono.toString());
        assertEquals(0.0, Ffmpeg.maxDiff(Audio.read(monoFlac), Ffmpeg.decode(monoFlac, 1)));
        assertEquals(8000, Audio.info(monoFlac).sampleRate());

        Path src = wav("e.wav", Ffmpeg.music(48000, 8, 0.1, 13), SampleFormat.FLOAT_32);
        Path hi = tmp.resolve("hi.wav");
        Ffmpeg.run("-i", src.toString(), "-af", "aresample=384000,aformat=channel_layouts=7.1", "-c:a", "pcm_s24le", hi.toString());
        AudioBuffer ours = Audio.read(hi);
        assertEquals(0.0, Ffmpeg.maxDiff(ours, Ffmpeg.decode(hi, 8)));
        assertEquals("L R C LFE Lb Rb Ls Rs", Audio.info(hi).layout().labels());
        assertEquals(384000, Audio.info(hi).sampleRate());
        Path hiFlac = tmp.resolve("hi.flac");
        ExternalTools.runOk(60, "flac", "-s", "-f", "-o", hiFlac.toString(), hi.toString());
        assertEquals(0.0, Ffmpeg.maxDiff(Audio.read(hiFlac), Ffmpeg.decode(hiFlac, 8)));
        assertEquals(8, Audio.info(hiFlac).channels());
    }

    /** The format comes from the first bytes, not the name: a FLAC named .wav and a WAV named .mp3 read right. */
    @Test
    void formatIsChosenByContentNotName() throws Exception {
        ExternalTools.require("flac");
        AudioBuffer src = Ffmpeg.music(44100, 2, 0.5, 10);
        Path w = wav("x.wav", src, SampleFormat.PCM_16);
        Path flac = tmp.resolve("x.flac");
        ExternalTools.runOk(60, "flac", "-s", "-f", "-o", flac.toString(), w.toString());
        Path flacAsWav = Files.copy(flac, tmp.resolve("really-flac.wav"), StandardCopyOption.REPLACE_EXISTING);
        Path wavAsMp3 = Files.copy(w, tmp.resolve("really-wav.mp3"), StandardCopyOption.REPLACE_EXISTING);
        assertEquals(src, Audio.read(flacAsWav));
        assertEquals("FLAC", Audio.info(flacAsWav).container());
        assertEquals(src, Audio.read(wavAsMp3));
        assertEquals("WAV", Audio.info(wavAsMp3).container());
    }

    /** Some taggers put an ID3v2 tag in front of FLAC: it is skipped. */
    @Test
    void flacAfterAnId3TagIsRead() throws Exception {
        ExternalTools.require("flac");
        AudioBuffer src = Ffmpeg.music(44100, 1, 0.3, 16);
        Path w = wav("id3.wav", src, SampleFormat.PCM_16);
        Path flac = tmp.resolve("id3.flac");
        ExternalTools.runOk(60, "flac", "-s", "-f", "-o", flac.toString(), w.toString());
        byte[] body = Files.readAllBytes(flac);
        byte[] tag = new byte[10 + 20];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 3;
        tag[9] = 20; // syncsafe size: 20 bytes of (empty) frames
        byte[] all = new byte[tag.length + body.length];
        System.arraycopy(tag, 0, all, 0, tag.length);
        System.arraycopy(body, 0, all, tag.length, body.length);
        Path tagged = Files.write(tmp.resolve("tagged.flac"), all);
        assertEquals(src, Audio.read(tagged));
        assertEquals("FLAC", Audio.info(tagged).container());
    }

    /** Blocks of any size stream the same samples as a whole read. */
    @Test
    void streamingInSmallBlocksGivesTheSameAudio() {
        ExternalTools.require("flac");
        AudioBuffer src = Ffmpeg.music(44100, 2, 1.0, 11);
        Path w = wav("b.wav", src, SampleFormat.PCM_16);
        Path f = tmp.resolve("b.flac");
        ExternalTools.runOk(60, "flac", "-s", "-f", "-o", f.toString(), w.toString());
        for (Path p : new Path[] {w, f}) {
            try (AudioReader r = Audio.open(p)) {
                double[][] block = new double[2][333];
                int pos = 0;
                int n;
                while ((n = r.read(block, 333)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        assertEquals(src.sample(0, pos + i), block[0][i], 0.0);
                        assertEquals(src.sample(1, pos + i), block[1][i], 0.0);
                    }
                    pos += n;
                }
                assertEquals(src.frames(), pos);
            }
        }
    }
}
